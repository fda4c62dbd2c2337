package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An identity provider made of openssl and xmlsec1 (independent implementations): metadata and signed Responses. */
final class SamlFixture {
    static final String ENTITY_ID = "https://idp.example.test/saml";
    private final Path dir;
    private final String certificateBase64;

    SamlFixture(Path dir) throws Exception {
        this.dir = dir;
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "2",
                "-subj", "/CN=idp.example.test"));
        String pem = Files.readString(dir.resolve("cert.pem"));
        certificateBase64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static void run(List<String> command) {
        ExternalProcess.Result result = ExternalProcess.run(command, Map.of());
        assertThat(result.exitCode()).as(command + ": " + result.stderr()).isZero();
    }

    String metadata() {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + ENTITY_ID
                + "\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:X509Data><ds:X509Certificate>" + certificateBase64 + "</ds:X509Certificate></ds:X509Data>"
                + "</ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:"
                + "persistent</md:NameIDFormat><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:"
                + "bindings:HTTP-Redirect\" Location=\"https://idp.example.test/sso\"/></md:IDPSSODescriptor>"
                + "</md:EntityDescriptor>";
    }

    /** A Response whose Assertion is signed by xmlsec1, base64 as AssumeRoleWithSAML takes it. */
    String signedResponse(String roleArn, String providerArn, String subject, String sessionName) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String assertionId = "_a" + UUID.randomUUID().toString().replace("-", "");
        String template = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:"
                + "names:tc:SAML:2.0:assertion\" ID=\"_r" + UUID.randomUUID().toString().replace("-", "")
                + "\" Version=\"2.0\" IssueInstant=\"" + now + "\" Destination=\"https://signin.aws.amazon.com/saml\">"
                + "<saml:Issuer>" + ENTITY_ID + "</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"urn:oasis:"
                + "names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + now + "\">"
                + "<saml:Issuer>" + ENTITY_ID + "</saml:Issuer>"
                + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + "<ds:Reference URI=\"#" + assertionId + "\"><ds:Transforms>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/>"
                + "</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>"
                + "</ds:Signature>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">"
                + subject + "</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + now.plusSeconds(300) + "\" Recipient=\"https://"
                + "signin.aws.amazon.com/saml\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + now.minusSeconds(60) + "\" NotOnOrAfter=\"" + now.plusSeconds(300)
                + "\"><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience>"
                + "</saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + now + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
                + "</saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\"><saml:AttributeValue>"
                + roleArn + "," + providerArn + "</saml:AttributeValue></saml:Attribute>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\">"
                + "<saml:AttributeValue>" + sessionName + "</saml:AttributeValue></saml:Attribute>"
                + "<saml:Attribute Name=\"urn:oid:1.3.6.1.4.1.5923.1.1.1.1\"><saml:AttributeValue>member"
                + "</saml:AttributeValue><saml:AttributeValue>staff</saml:AttributeValue></saml:Attribute>"
                + "</saml:AttributeStatement></saml:Assertion></samlp:Response>";
        Path unsigned = dir.resolve(assertionId + "-template.xml");
        Path signed = dir.resolve(assertionId + ".xml");
        Files.writeString(unsigned, template);
        run(List.of("xmlsec1", "--sign", "--privkey-pem", dir.resolve("key.pem") + "," + dir.resolve("cert.pem"),
                "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--output", signed.toString(),
                unsigned.toString()));
        return Base64.getEncoder().encodeToString(Files.readString(signed).getBytes(StandardCharsets.UTF_8));
    }
}
