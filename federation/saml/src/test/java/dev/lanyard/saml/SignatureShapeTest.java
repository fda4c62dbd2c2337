package dev.lanyard.saml;

import static dev.lanyard.saml.Harness.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures xmlsec1 made correctly but with a shape or algorithm SAML consumers must not accept: SHA-1, HMAC,
 * inclusive canonicalization, extra transforms, references, objects, misplaced signatures.
 */
class SignatureShapeTest {
    private static final String INVALID = "Response signature invalid";

    @TempDir
    static Path directory;
    static Harness harness;
    static String signed;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
        signed = harness.signed(new ResponseBuilder());
    }

    @Test
    void rsaSha1IsRefusedAlthoughItVerifies() {
        ResponseBuilder response = new ResponseBuilder();
        response.signatureMethod = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

        AwsException refused = harness.refusal(harness.signed(response));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("rsa-sha1 is not accepted");
    }

    @Test
    void sha1DigestIsRefused() {
        ResponseBuilder response = new ResponseBuilder();
        response.digestMethod = "http://www.w3.org/2000/09/xmldsig#sha1";

        AwsException refused = harness.refusal(harness.signed(response));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("xmldsig#sha1 is not accepted");
    }

    @Test
    void hmacWithThePublicCertificateAsKeyIsRefusedBeforeAnyCryptography() {
        String attack = signed.replace("xmldsig-more#rsa-sha256", "xmldsig-more#hmac-sha256");

        assertThat(harness.refusal(attack).operatorDetail()).contains("hmac-sha256 is not accepted");
    }

    @Test
    void configuredAlgorithmsAreTheOnlyOnes() {
        XmlSecSamlVerifier strict = new XmlSecSamlVerifier(SamlVerifierConfig.defaults()
                .withSignatureAlgorithms(EnumSet.of(SignatureAlgorithm.RSA_SHA512)),
                InstantSource.fixed(ResponseBuilder.NOW));

        AwsException refused = org.assertj.core.api.Assertions.catchThrowableOfType(AwsException.class,
                () -> strict.verify(XmlSec1.base64(signed), harness.trust()));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
    }

    @Test
    void inclusiveCanonicalizationIsRefused() {
        String template = new ResponseBuilder().render().replace(
                "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>");

        AwsException refused = harness.refusal(harness.xmlsec.sign(template, harness.idp, true, false));

        assertThat(refused.operatorDetail()).contains("is not exclusive canonicalization");
    }

    @Test
    void xpathTransformIsRefused() {
        String template = new ResponseBuilder().render().replace("</ds:Transforms>",
                "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                        + "<ds:XPath>not(ancestor-or-self::saml:NameID)</ds:XPath></ds:Transform></ds:Transforms>");

        AwsException refused = harness.refusal(harness.xmlsec.sign(template, harness.idp, true, false));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("REC-xpath-19991116 is not allowed");
    }

    @Test
    void secondReferenceIsRefused() {
        String attack = signed.replace("</ds:Reference>", "</ds:Reference><ds:Reference URI=\"#_resp-7f3a\">"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<ds:DigestValue>AA==</ds:DigestValue></ds:Reference>");

        assertThat(harness.refusal(attack).operatorDetail()).contains("one Reference");
    }

    @Test
    void wholeDocumentReferenceIsRefused() {
        String attack = signed.replace("URI=\"#_assert-91c2\"", "URI=\"\"");

        assertThat(harness.refusal(attack).operatorDetail()).contains("does not point at /Response/Assertion");
    }

    @Test
    void objectInsideTheSignatureIsRefused() {
        String attack = signed.replace("</ds:Signature>", "<ds:Object><x:Anything xmlns:x=\"urn:x\"/></ds:Object>"
                + "</ds:Signature>");

        assertThat(harness.refusal(attack).operatorDetail()).contains("the Signature contains Object");
    }

    @Test
    void signatureAnywhereElseIsRefused() {
        String stray = signed.substring(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + 15);
        String attack = signed.replace("</saml:SubjectConfirmation>", "</saml:SubjectConfirmation>" + stray);

        AwsException refused = harness.refusal(attack);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "signature-placement");
        assertThat(refused.operatorDetail()).contains("/Response/Assertion/Subject/Signature");
    }

    @Test
    void twoSignaturesOnTheAssertionAreRefused() {
        String signature = signed.substring(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + 15);
        String attack = signed.replace(signature, signature + signature);

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "signature-placement");
    }
}
