package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion.RolePair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Responses signed by xmlsec1 in each way SAML allows verify, and every field comes back. */
class HappyPathTest {
    @TempDir
    static Path directory;
    static Harness harness;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
    }

    @Test
    void signedAssertionVerifiesAndEveryFieldIsRead() {
        ResponseBuilder response = new ResponseBuilder()
                .attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", "7200")
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project", "Unicorn")
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:CostCenter", "1234")
                .attribute("https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys", "Project", "CostCenter")
                .attribute("https://aws.amazon.com/SAML/Attributes/SourceIdentity", "alice@example.com")
                .attribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "staff", "member");

        VerifiedSamlAssertion verified = harness.verify(harness.signed(response));

        assertThat(verified.issuer()).isEqualTo(ResponseBuilder.ISSUER);
        assertThat(verified.nameId()).isEqualTo("alice@example.com");
        assertThat(verified.nameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(verified.recipient()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(verified.audiences()).containsExactly("https://signin.aws.amazon.com/saml");
        assertThat(verified.notOnOrAfter()).isEqualTo(response.notOnOrAfter);
        assertThat(verified.sessionNotOnOrAfter()).contains(response.sessionNotOnOrAfter);
        assertThat(verified.roles())
                .containsExactly(new RolePair(ResponseBuilder.ROLE_ARN, ResponseBuilder.PROVIDER_ARN));
        assertThat(verified.roleSessionName()).contains("alice");
        assertThat(verified.sessionDurationSeconds()).contains(7200);
        assertThat(verified.principalTags()).isEqualTo(Map.of("Project", "Unicorn", "CostCenter", "1234"));
        assertThat(verified.transitiveTagKeys()).containsExactly("Project", "CostCenter");
        assertThat(verified.sourceIdentity()).contains("alice@example.com");
        assertThat(verified.attributes()).containsEntry("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", List.of("staff", "member"))
                .containsEntry("https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of("alice"));
    }

    @Test
    void signedResponseAloneCoversTheAssertion() {
        ResponseBuilder response = new ResponseBuilder();
        response.signResponse = true;
        response.signAssertion = false;

        assertThat(harness.verify(harness.signed(response)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void bothSignedVerify() {
        ResponseBuilder response = new ResponseBuilder();
        response.signResponse = true;

        List<FederationCheck> checks = Harness.verifier().explain(XmlSec1.base64(harness.signed(response)),
                harness.trust());

        assertThat(checks).allMatch(FederationCheck::passed);
        assertThat(checks).extracting(FederationCheck::name).contains("response-signature", "assertion-signature",
                "issuer", "subject", "recipient", "audience", "role", "role-session-name");
    }

    @Test
    void explainOfAValidResponseListsEveryCheckPassed() {
        List<FederationCheck> checks = Harness.verifier().explain(
                XmlSec1.base64(harness.signed(new ResponseBuilder())), harness.trust());

        assertThat(checks).extracting(FederationCheck::name).containsExactly("provider", "size", "xml", "structure",
                "assertion-signature", "destination", "response-issuer", "issuer", "issue-instant", "subject",
                "recipient", "subject-confirmation", "conditions", "audience", "role", "role-session-name",
                "session-duration", "session-tags", "source-identity");
        assertThat(checks).allMatch(FederationCheck::passed);
        assertThat(checks.get(4).detail()).contains("RSA_SHA256/SHA256", "CN=idp");
    }

    @Test
    void ecdsaAndSha512Verify() {
        TestKey ec = TestKey.ec(directory, "ec-idp");
        ResponseBuilder response = new ResponseBuilder();
        response.signatureMethod = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
        response.digestMethod = "http://www.w3.org/2001/04/xmlenc#sha512";

        String xml = harness.signed(response, ec);

        assertThat(Harness.verifier().verify(XmlSec1.base64(xml), Harness.trust(List.of(ec.certificate())))
                .nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void rsaSha512Verifies() {
        ResponseBuilder response = new ResponseBuilder();
        response.signatureMethod = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
        response.digestMethod = "http://www.w3.org/2001/04/xmldsig-more#sha384";

        assertThat(harness.verify(harness.signed(response)).roleSessionName()).contains("alice");
    }

    @Test
    void keyRotationAcceptsEitherTrustedCertificate() {
        TestKey next = TestKey.rsa(directory, "idp-next");
        var trust = Harness.trust(List.of(harness.idp.certificate(), next.certificate()));
        XmlSecSamlVerifier verifier = Harness.verifier();

        String oldKey = XmlSec1.base64(harness.signed(new ResponseBuilder()));
        String newKey = XmlSec1.base64(harness.signed(new ResponseBuilder(), next));

        assertThat(verifier.verify(oldKey, trust).nameId()).isEqualTo("alice@example.com");
        assertThat(verifier.verify(newKey, trust).nameId()).isEqualTo("alice@example.com");
        assertThat(verifier.explain(newKey, trust).get(4).detail()).contains("CN=idp-next");
    }

    @Test
    void lineWrappedBase64IsAccepted() {
        byte[] xml = harness.signed(new ResponseBuilder()).getBytes(StandardCharsets.UTF_8);
        String wrapped = Base64.getMimeEncoder().encodeToString(xml) + "\r\n";

        assertThat(Harness.verifier().verify(wrapped, harness.trust()).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void roleAttributeInEitherOrderAndSeveralPairs() {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(
                "https://aws.amazon.com/SAML/Attributes/Role");
        response.attribute("https://aws.amazon.com/SAML/Attributes/Role",
                ResponseBuilder.PROVIDER_ARN + "," + ResponseBuilder.ROLE_ARN,
                " arn:aws:iam::123456789012:role/path/Admin , " + ResponseBuilder.PROVIDER_ARN,
                "not a pair");

        assertThat(harness.verify(harness.signed(response)).roles()).containsExactly(
                new RolePair(ResponseBuilder.ROLE_ARN, ResponseBuilder.PROVIDER_ARN),
                new RolePair("arn:aws:iam::123456789012:role/path/Admin", ResponseBuilder.PROVIDER_ARN));
    }

    @Test
    void regionalRecipientAndUrnAudienceAreAccepted() {
        ResponseBuilder response = new ResponseBuilder();
        response.recipient = "https://eu-west-1.signin.aws.amazon.com/saml";
        response.destination = null;
        response.audiences = List.of("urn:amazon:webservices");

        VerifiedSamlAssertion verified = harness.verify(harness.signed(response));

        assertThat(verified.recipient()).isEqualTo("https://eu-west-1.signin.aws.amazon.com/saml");
        assertThat(verified.audiences()).containsExactly("urn:amazon:webservices");
        assertThat(verified.sessionDurationSeconds()).isEqualTo(Optional.empty());
    }
}
