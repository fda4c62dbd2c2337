package dev.lanyard.saml;

import static dev.lanyard.saml.Harness.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SAML and AWS rules on the Response, Assertion, Subject and Conditions, each refused with its message. */
class ResponseRulesTest {
    @TempDir
    static Path directory;
    static Harness harness;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
    }

    @Test
    void assertionIssuerMustBeTheProvidersEntityId() {
        ResponseBuilder response = new ResponseBuilder();
        response.assertionIssuer = "https://other-idp.example.com";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Issuer not present in specified provider", "issuer");
    }

    @Test
    void responseIssuerMustAgree() {
        ResponseBuilder response = new ResponseBuilder();
        response.issuer = "https://other-idp.example.com";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Issuer not present in specified provider", "response-issuer");
    }

    @Test
    void failedStatusIsTheIdpRejectingTheClaim() {
        ResponseBuilder response = new ResponseBuilder();
        response.status = "urn:oasis:names:tc:SAML:2.0:status:Responder";

        AwsException refused = harness.refusal(harness.signed(response));

        assertRefused(refused, ErrorCode.IDP_REJECTED_CLAIM, "Response status is not Success", "status");
        assertThat(refused.operatorDetail()).contains("status:Responder");
    }

    @Test
    void notYetValid() {
        ResponseBuilder response = new ResponseBuilder();
        response.notBefore = ResponseBuilder.NOW.plusSeconds(301);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response is not yet valid", "conditions");
    }

    @Test
    void issuedInTheFuture() {
        ResponseBuilder response = new ResponseBuilder();
        response.issueInstant = ResponseBuilder.NOW.plusSeconds(301);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response is not yet valid", "issue-instant");
    }

    @Test
    void conditionsExpiredBeforeTheConfirmation() {
        ResponseBuilder response = new ResponseBuilder();
        String xml = harness.signed(response);
        ResponseBuilder expired = new ResponseBuilder();
        expired.extraConditions = "";
        String template = expired.render().replace("<saml:Conditions NotBefore=\"" + expired.notBefore
                + "\" NotOnOrAfter=\"" + expired.notOnOrAfter + "\">", "<saml:Conditions NotOnOrAfter=\""
                + ResponseBuilder.NOW.minusSeconds(400) + "\">");
        String signed = harness.xmlsec.sign(template, harness.idp, true, false);

        assertThat(harness.verify(xml).notOnOrAfter()).isEqualTo(response.notOnOrAfter);
        assertRefused(harness.refusal(signed), ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Response has expired",
                "conditions");
    }

    @Test
    void holderOfKeyConfirmationIsRefused() {
        ResponseBuilder response = new ResponseBuilder();
        response.confirmationMethod = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "SubjectConfirmation in AuthnResponse is not valid", "subject-confirmation");
    }

    @Test
    void twoSubjectConfirmationsAreRefused() {
        ResponseBuilder response = new ResponseBuilder();
        String template = response.render().replace("</saml:SubjectConfirmation>",
                "</saml:SubjectConfirmation><saml:SubjectConfirmation"
                        + " Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"/>");

        assertRefused(harness.refusal(harness.xmlsec.sign(template, harness.idp, true, false)),
                ErrorCode.INVALID_IDENTITY_TOKEN, "SubjectConfirmation in AuthnResponse is not valid",
                "subject-confirmation");
    }

    @Test
    void missingNameId() {
        ResponseBuilder response = new ResponseBuilder();
        String template = response.render().replaceAll("<saml:NameID[^>]*>[^<]*</saml:NameID>",
                "<saml:EncryptedID/>");

        assertRefused(harness.refusal(harness.xmlsec.sign(template, harness.idp, true, false)),
                ErrorCode.INVALID_IDENTITY_TOKEN, "NameID is required in AuthnResponse", "subject");
    }

    @Test
    void absentNameIdFormatIsUnspecified() {
        ResponseBuilder response = new ResponseBuilder();
        String template = response.render().replace(" Format=\"" + response.nameIdFormat + "\"", "");

        assertThat(harness.verify(harness.xmlsec.sign(template, harness.idp, true, false)).nameIdFormat())
                .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    }

    @Test
    void unknownConditionIsRefused() {
        ResponseBuilder response = new ResponseBuilder();
        response.extraConditions = "<saml:Condition xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:x=\"urn:x\" xsi:type=\"x:Custom\"/>";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Condition in AuthnResponse is not valid", "conditions");
    }

    @Test
    void everyAudienceRestrictionMustBeSatisfied() {
        ResponseBuilder response = new ResponseBuilder();
        response.extraConditions = "<saml:AudienceRestriction><saml:Audience>https://other.example</saml:Audience>"
                + "</saml:AudienceRestriction>";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response does not contain the required audience", "audience");
    }

    @Test
    void oneTimeUseIsUnderstood() {
        ResponseBuilder response = new ResponseBuilder();
        response.extraConditions = "<saml:OneTimeUse/>";

        assertThat(harness.verify(harness.signed(response)).nameId()).isEqualTo("alice@example.com");
    }

    @Test
    void providerRecipientListReplacesTheAwsEndpoints() {
        ResponseBuilder response = new ResponseBuilder();
        response.recipient = "https://lanyard.corp.example/saml";
        response.destination = "https://lanyard.corp.example/saml";
        String base64 = XmlSec1.base64(harness.signed(response));
        SamlProviderTrust own = new SamlProviderTrust(ResponseBuilder.PROVIDER_ARN, "ExampleIdP", "123456789012",
                ResponseBuilder.ISSUER, List.of(harness.idp.certificate()), Optional.empty(), List.of(),
                SamlProviderTrust.EncryptionMode.ALLOWED, List.of("https://lanyard.corp.example/saml"));

        assertThat(Harness.verifier().verify(base64, own).recipient()).isEqualTo("https://lanyard.corp.example/saml");
        assertRefused(Harness.refusal(base64, harness.trust(), ResponseBuilder.NOW), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Destination in AuthnResponse is not valid", "destination");
    }

    @Test
    void expiredProviderMetadata() {
        SamlProviderTrust expired = new SamlProviderTrust(ResponseBuilder.PROVIDER_ARN, "ExampleIdP", "123456789012",
                ResponseBuilder.ISSUER, List.of(harness.idp.certificate()),
                Optional.of(ResponseBuilder.NOW.minusSeconds(1)), List.of(), SamlProviderTrust.EncryptionMode.ALLOWED,
                List.of());

        assertRefused(Harness.refusal(XmlSec1.base64(harness.signed(new ResponseBuilder())), expired,
                ResponseBuilder.NOW), ErrorCode.INVALID_IDENTITY_TOKEN, "SAML provider metadata has expired",
                "provider");
    }

    @Test
    void providerWithoutCertificates() {
        assertRefused(Harness.refusal(XmlSec1.base64(harness.signed(new ResponseBuilder())), Harness.trust(List.of()),
                ResponseBuilder.NOW), ErrorCode.INVALID_IDENTITY_TOKEN, "Response signature invalid", "provider");
    }

    @Test
    void rootThatIsNotAResponse() {
        String xml = harness.signed(new ResponseBuilder());
        String assertionOnly = AttackSuiteTest.assertionOf(xml).replace("<saml:Assertion ",
                "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ");

        assertRefused(harness.refusal(assertionOnly), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Response is not a SAML 2.0 Response", "structure");
    }
}
