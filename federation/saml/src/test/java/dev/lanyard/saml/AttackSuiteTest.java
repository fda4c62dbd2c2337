package dev.lanyard.saml;

import static dev.lanyard.saml.Harness.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The known attacks on SAML consumers, each against documents xmlsec1 signed. Where an attack keeps a signature
 * that a naive verifier accepts, the test shows xmlsec1 still verifying it, so the refusal is ours, not an accident
 * of a broken signature.
 */
class AttackSuiteTest {
    private static final String ASSERTION_SIGNATURE = "//*[local-name()='Assertion'][@ID='_assert-91c2']"
            + "/*[local-name()='Signature']";
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
    void signedAssertionMovedToExtensionsBehindAnEvilOne() {
        String evil = evilCopy(assertionOf(signed), "_evil");
        String attack = signed.replace(assertionOf(signed), evil)
                .replace("<samlp:Status>", extensions(assertionOf(signed)) + "<samlp:Status>");
        assertThat(harness.xmlsec.verifies(attack, harness.idp, ASSERTION_SIGNATURE)).isTrue();

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response must contain exactly one assertion", "structure");
    }

    @Test
    void signedAssertionHiddenInTheEvilAssertionsSignatureObject() {
        String original = assertionOf(signed);
        String signature = original.substring(original.indexOf("<ds:Signature"),
                original.indexOf("</ds:Signature>") + 15);
        String wrapped = signature.replace("</ds:Signature>", "<ds:Object>" + original + "</ds:Object></ds:Signature>");
        String evil = evilCopy(original, "_evil").replace("</saml:Issuer>", "</saml:Issuer>" + wrapped);
        String attack = signed.replace(original, evil);

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response must contain exactly one assertion", "structure");
    }

    @Test
    void evilAssertionBesideTheSignedOne() {
        String attack = signed.replace("</samlp:Response>", evilCopy(assertionOf(signed), "_evil")
                + "</samlp:Response>");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response must contain exactly one assertion", "structure");
    }

    @Test
    void evilAssertionWithTheSignedAssertionsIdIsADuplicateId() {
        String attack = signed.replace(assertionOf(signed), evilCopy(assertionOf(signed), "_assert-91c2"))
                .replace("<samlp:Status>", extensions(assertionOf(signed)) + "<samlp:Status>");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response contains duplicate IDs", "ids");
    }

    @Test
    void anyOtherElementReusingTheSignedId() {
        String attack = signed.replace("<samlp:Status>",
                "<samlp:Extensions><x:Foo xmlns:x=\"urn:x\" Id=\"_assert-91c2\"/></samlp:Extensions><samlp:Status>");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response contains duplicate IDs", "ids");
    }

    @Test
    void signatureOverADifferentId() {
        ResponseBuilder response = new ResponseBuilder();
        response.signAssertion = false;
        String template = response.render().replace("</saml:Issuer><saml:Subject>",
                "</saml:Issuer>" + response.signatureTemplate(response.responseId) + "<saml:Subject>");
        String xml = harness.xmlsec.signNode(template, harness.idp, "//*[local-name()='Signature']");
        assertThat(harness.xmlsec.verifies(xml, harness.idp, "//*[local-name()='Signature']")).isTrue();

        AwsException refused = harness.refusal(xml);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("does not point at /Response/Assertion");
    }

    @Test
    void commentInjectedIntoTheNameIdKeepsTheSignatureButIsRefused() {
        ResponseBuilder response = new ResponseBuilder();
        response.nameId = "admin@example.com.evil.com";
        String attack = harness.signed(response).replace("admin@example.com.evil.com",
                "admin@example.com<!---->.evil.com");
        assertThat(harness.xmlsec.verifies(attack, harness.idp, ASSERTION_SIGNATURE)).isTrue();

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "NameID in AuthnResponse is not valid", "subject");
    }

    @Test
    void commentInjectedIntoAnAttributeValue() {
        ResponseBuilder response = new ResponseBuilder();
        String attack = harness.signed(response).replace(ResponseBuilder.ROLE_ARN, "arn:aws:iam::123456789012:"
                + "role/Dev<!---->eloper");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Attribute in AuthnResponse is not valid", "attributes");
    }

    @Test
    void signatureRemoved() {
        String attack = signed.substring(0, signed.indexOf("<ds:Signature"))
                + signed.substring(signed.indexOf("</ds:Signature>") + 15);

        AwsException refused = harness.refusal(attack);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "signature");
    }

    @Test
    void signedResponseWithAnUnsignedEvilAssertionInsideItsSignature() {
        ResponseBuilder response = new ResponseBuilder();
        response.signResponse = true;
        response.signAssertion = false;
        String xml = harness.signed(response);
        String attack = xml.replace("<ds:X509Data>", "<ds:X509Data><ds:X509SKI>AA==</ds:X509SKI></ds:X509Data>"
                + "<ds:X509Data>").replace("</ds:KeyInfo>", evilCopy(assertionOf(xml), "_evil") + "</ds:KeyInfo>");
        assertThat(harness.xmlsec.verifies(attack, harness.idp, "/*/*[local-name()='Signature']")).isTrue();

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response must contain exactly one assertion", "structure");
    }

    @Test
    void signedResponseWhoseUnsignedAssertionWasSwapped() {
        ResponseBuilder response = new ResponseBuilder();
        response.signResponse = true;
        response.signAssertion = false;
        String xml = harness.signed(response);
        String attack = xml.replace(assertionOf(xml), evilCopy(assertionOf(xml), "_assert-91c2"));

        AwsException refused = harness.refusal(attack);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "response-signature");
        assertThat(refused.operatorDetail()).contains("altered");
    }

    @Test
    void signedResponseWrappedByAnEvilResponse() {
        ResponseBuilder response = new ResponseBuilder();
        response.signResponse = true;
        response.signAssertion = false;
        String xml = harness.signed(response).replace("<?xml version=\"1.0\"?>\n", "");
        String evilAssertion = evilCopy(assertionOf(xml), "_evil");
        String attack = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_evil-response\" Version=\"2.0\">"
                + "<samlp:Extensions>" + xml + "</samlp:Extensions>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>"
                + "</samlp:Status>" + evilAssertion + "</samlp:Response>";

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response must contain exactly one assertion", "structure");
    }

    @Test
    void wrongCertificate() {
        TestKey attacker = TestKey.rsa(directory, "attacker");

        AwsException refused = harness.refusal(harness.signed(new ResponseBuilder(), attacker));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("no trusted certificate");
    }

    @Test
    void tamperedAfterSigning() {
        AwsException refused = harness.refusal(signed.replace("alice@example.com", "admin@example.com"));

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, INVALID, "assertion-signature");
        assertThat(refused.operatorDetail()).contains("altered");
    }

    @Test
    void expired() {
        ResponseBuilder response = new ResponseBuilder();
        response.notOnOrAfter = ResponseBuilder.NOW.minusSeconds(301);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.EXPIRED_TOKEN_EXCEPTION,
                "Response has expired", "subject-confirmation");
    }

    @Test
    void expiredWithinTheSkewIsStillAccepted() {
        ResponseBuilder response = new ResponseBuilder();
        response.notOnOrAfter = ResponseBuilder.NOW.minusSeconds(299);

        assertThat(harness.verify(harness.signed(response)).notOnOrAfter()).isEqualTo(response.notOnOrAfter);
    }

    @Test
    void redeemedTooLongAfterIssuance() {
        String base64 = XmlSec1.base64(signed);

        AwsException refused = Harness.refusal(base64, harness.trust(), ResponseBuilder.NOW.plusSeconds(600));

        assertRefused(refused, ErrorCode.EXPIRED_TOKEN_EXCEPTION,
                "Token must be redeemed within 5 minutes of issuance", "issue-instant");
    }

    @Test
    void wrongAudience() {
        ResponseBuilder response = new ResponseBuilder();
        response.audiences = List.of("https://other-sp.example.com");

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response does not contain the required audience", "audience");
    }

    @Test
    void wrongRecipient() {
        ResponseBuilder response = new ResponseBuilder();
        response.recipient = "https://evil.example.com/saml";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Recipient in AuthnResponse is not valid", "recipient");
    }

    @Test
    void wrongDestination() {
        ResponseBuilder response = new ResponseBuilder();
        response.destination = "https://evil.example.com/saml";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Destination in AuthnResponse is not valid", "destination");
    }

    @Test
    void externalEntity() {
        String attack = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + signed.replace("<?xml version=\"1.0\"?>", "").replace("alice@example.com", "&xxe;");

        AwsException refused = harness.refusal(attack);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response is not well-formed XML", "xml");
        assertThat(refused.operatorDetail()).contains("DOCTYPE");
    }

    @Test
    void entityExpansion() {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String attack = "<!DOCTYPE r [" + entities + "]>"
                + signed.replace("<?xml version=\"1.0\"?>", "").replace("alice@example.com", "&a9;");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN, "Response is not well-formed XML",
                "xml");
    }

    @Test
    void tenMebibyteDocument() {
        String padding = "<!--" + "x".repeat(10 << 20) + "-->";
        String attack = signed.replace("<samlp:Status>", padding + "<samlp:Status>");

        assertRefused(harness.refusal(attack), ErrorCode.INVALID_IDENTITY_TOKEN, "Response is too large", "size");
    }

    @Test
    void deepNesting() {
        String attack = signed.replace("<samlp:Status>", "<samlp:Extensions>" + "<x>".repeat(100)
                + "</x>".repeat(100) + "</samlp:Extensions><samlp:Status>");

        AwsException refused = harness.refusal(attack);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response is not well-formed XML", "xml");
        assertThat(refused.operatorDetail()).containsIgnoringCase("depth");
    }

    @Test
    void notBase64() {
        AwsException refused = Harness.refusal("PHNhbWxwOlJlc3BvbnNl*", harness.trust(), ResponseBuilder.NOW);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response is not valid base64", "size");
    }

    @Test
    void notXml() {
        AwsException refused = Harness.refusal(Base64.getEncoder().encodeToString(
                "not xml at all".getBytes(StandardCharsets.UTF_8)), harness.trust(), ResponseBuilder.NOW);

        assertRefused(refused, ErrorCode.INVALID_IDENTITY_TOKEN, "Response is not well-formed XML", "xml");
    }

    static String extensions(String content) {
        return "<samlp:Extensions>" + content + "</samlp:Extensions>";
    }

    /** The assertion element of a document, as text. */
    static String assertionOf(String xml) {
        return xml.substring(xml.indexOf("<saml:Assertion"), xml.indexOf("</saml:Assertion>") + 17);
    }

    /** An unsigned copy with another ID and an administrator's identity. */
    static String evilCopy(String assertion, String id) {
        String unsigned = assertion.contains("<ds:Signature")
                ? assertion.substring(0, assertion.indexOf("<ds:Signature"))
                        + assertion.substring(assertion.indexOf("</ds:Signature>") + 15)
                : assertion;
        return unsigned.replace("ID=\"_assert-91c2\"", "ID=\"" + id + "\"")
                .replace("alice@example.com", "admin@example.com")
                .replace("role/Developer", "role/Admin");
    }
}
