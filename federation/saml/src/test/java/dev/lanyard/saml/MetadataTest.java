package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IdP metadata as AD FS, Okta and Keycloak publish it, and what IAM refuses with "Could not parse metadata". */
class MetadataTest {
    @TempDir
    static Path directory;
    static Harness harness;
    static TestKey next;
    static TestKey encryption;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
        next = TestKey.rsa(directory, "idp-next");
        encryption = TestKey.rsa(directory, "idp-encryption");
    }

    static String keyDescriptor(String use, TestKey key) {
        return "<md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + ">"
                + "<ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>\n"
                + key.certificateBase64().replaceAll("(.{64})", "$1\n") + "\n</ds:X509Certificate></ds:X509Data>"
                + "</ds:KeyInfo></md:KeyDescriptor>";
    }

    static String entity(String attributes, String keyDescriptors) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\""
                + ResponseBuilder.ISSUER + "\"" + attributes + ">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + keyDescriptors
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"https://idp.example.com/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    @Test
    void adfsStyleSigningAndEncryptionKeys() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + entity(" validUntil=\"2027-01-01T00:00:00Z\"",
                keyDescriptor("encryption", encryption) + keyDescriptor("signing", harness.idp));

        SamlMetadata metadata = Harness.verifier().parseMetadata(xml);

        assertThat(metadata.entityId()).isEqualTo(ResponseBuilder.ISSUER);
        assertThat(metadata.signingCertificates()).containsExactly(harness.idp.certificate());
        assertThat(metadata.validUntil()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void keycloakEntitiesDescriptorWithUnlabelledKeys() {
        String xml = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" Name=\"urn:keycloak\">"
                + entity("", keyDescriptor(null, harness.idp) + keyDescriptor("signing", next))
                        .replace(" xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"", "")
                + "</md:EntitiesDescriptor>";

        SamlMetadata metadata = Harness.verifier().parseMetadata(xml);

        assertThat(metadata.signingCertificates()).containsExactly(harness.idp.certificate(), next.certificate());
        assertThat(metadata.validUntil()).isEmpty();
    }

    @Test
    void duplicateCertificatesAreKeptOnce() {
        SamlMetadata metadata = Harness.verifier().parseMetadata(entity("",
                keyDescriptor("signing", harness.idp) + keyDescriptor(null, harness.idp)));

        assertThat(metadata.signingCertificates()).hasSize(1);
    }

    @Test
    void validUntilWithoutZoneIsUtcAndTheEarliestWins() {
        String xml = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " validUntil=\"2026-12-31T23:00:00\">"
                + entity(" validUntil=\"2027-06-01T00:00:00+02:00\"", keyDescriptor("signing", harness.idp))
                        .replace(" xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"", "")
                + "</md:EntitiesDescriptor>";

        assertThat(Harness.verifier().parseMetadata(xml).validUntil())
                .contains(Instant.parse("2026-12-31T23:00:00Z"));
    }

    @Test
    void parsedMetadataIsTheTrustThatVerifiesResponses() {
        SamlMetadata metadata = Harness.verifier().parseMetadata(entity("", keyDescriptor("signing", harness.idp)));
        SamlProviderTrust trust = new SamlProviderTrust(ResponseBuilder.PROVIDER_ARN, "ExampleIdP", "123456789012",
                metadata.entityId(), metadata.signingCertificates(), metadata.validUntil(), List.of(),
                SamlProviderTrust.EncryptionMode.ALLOWED, List.of());

        assertThat(Harness.verifier().verify(XmlSec1.base64(harness.signed(new ResponseBuilder())), trust).issuer())
                .isEqualTo(ResponseBuilder.ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><md:EntityDescriptor/>",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>",
        "<EntityDescriptor entityID=\"x\"/>",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
                + "</md:EntityDescriptor>",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\"/>"
                + "</md:EntityDescriptor>",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
                + "</md:EntityDescriptor>",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data>"
                + "<ds:X509Certificate>bm90IGEgY2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                + "</md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>"
    })
    void badMetadataCannotBeParsed(String xml) {
        assertThat(refusal(xml).operatorDetail()).isNotBlank();
    }

    @Test
    void badValidUntil() {
        assertThat(refusal(entity(" validUntil=\"next year\"", keyDescriptor("signing", harness.idp)))
                .operatorDetail()).contains("validUntil");
    }

    @Test
    void entitiesDescriptorWithTwoIdentityProviders() {
        String one = entity("", keyDescriptor("signing", harness.idp))
                .replace(" xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"", "");
        String xml = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">" + one
                + one.replace(ResponseBuilder.ISSUER, "https://second.example.com") + "</md:EntitiesDescriptor>";

        assertThat(refusal(xml).operatorDetail()).contains("2 identity providers");
    }

    @Test
    void oversizedMetadata() {
        String xml = entity("", keyDescriptor("signing", harness.idp)).replace("</md:EntityDescriptor>",
                "<!--" + "x".repeat(10_000_001) + "--></md:EntityDescriptor>");

        assertThat(refusal(xml).operatorDetail()).contains("exceeds");
    }

    private static AwsException refusal(String xml) {
        AwsException refused = catchThrowableOfType(AwsException.class, () -> Harness.verifier().parseMetadata(xml));
        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(refused.getMessage()).isEqualTo("Could not parse metadata");
        assertThat(refused.operatorDetail()).startsWith("metadata: ");
        return refused;
    }
}
