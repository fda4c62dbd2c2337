package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Arbitrary input to {@code verify}, {@code explain} and {@code parseMetadata}: only {@link AwsException} may
 * escape, and {@code explain} must agree with {@code verify}. A first byte {@code 'B'} passes the rest as the
 * base64 text itself; otherwise the bytes are the XML document, so the parser and everything after it see arbitrary
 * documents. Seeds are valid responses (regenerate with {@link FuzzSeedGenerator}); {@code mvn test} runs only them,
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class SamlVerifierFuzzTest {
    private static final XmlSecSamlVerifier VERIFIER = new XmlSecSamlVerifier(InstantSource.fixed(ResponseBuilder.NOW));
    private static final SamlProviderTrust TRUST = trust();

    @FuzzTest(maxDuration = "60s")
    void verify(byte[] input) {
        String base64 = input.length > 0 && input[0] == 'B'
                ? new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1)
                : Base64.getEncoder().encodeToString(input);
        boolean accepted;
        try {
            VERIFIER.verify(base64, TRUST);
            accepted = true;
        } catch (AwsException refused) {
            assertThat(refused.operatorDetail()).isNotBlank();
            accepted = false;
        }
        List<FederationCheck> checks = VERIFIER.explain(base64, TRUST);
        assertThat(checks).isNotEmpty();
        assertThat(checks.getLast().passed()).isEqualTo(accepted);
    }

    @FuzzTest(maxDuration = "60s")
    void parseMetadata(byte[] input) {
        try {
            VERIFIER.parseMetadata(new String(input, StandardCharsets.UTF_8));
        } catch (AwsException refused) {
            assertThat(refused.getMessage()).isEqualTo("Could not parse metadata");
        }
    }

    private static SamlProviderTrust trust() {
        try (InputStream cert = SamlVerifierFuzzTest.class.getResourceAsStream("fuzz-idp.crt");
                InputStream key = SamlVerifierFuzzTest.class.getResourceAsStream("fuzz-sp.key")) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(cert);
            String pem = new String(key.readAllBytes(), StandardCharsets.US_ASCII);
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new SamlProviderTrust(ResponseBuilder.PROVIDER_ARN, "ExampleIdP", "123456789012",
                    ResponseBuilder.ISSUER, List.of(certificate), Optional.empty(), List.of(privateKey),
                    SamlProviderTrust.EncryptionMode.ALLOWED, List.of());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("fuzz fixtures missing; regenerate with FuzzSeedGenerator", e);
        }
    }
}
