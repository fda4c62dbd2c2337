package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.THUMBPRINT;
import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWKS over real HTTPS: CA bundle trust, AWS's thumbprint fallback, and host name checks. */
class TlsTrustTest {
    @TempDir
    static Path dir;

    private static TestPki pki;
    private static SSLContext rightHost;
    private static SSLContext wrongHost;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(dir);
        rightHost = pki.serverContext("idp", "ip:127.0.0.1");
        wrongHost = pki.serverContext("elsewhere", "dns:elsewhere.example");
    }

    @AfterAll
    static void done() {
        pki = null;
    }

    private static OidcVerifierConfig httpsConfig() {
        // Generous: these refusals come from the TLS handshake, not from a timeout, and a loaded machine is slow.
        return OidcVerifierConfig.defaults().withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void caBundleMakesTheChainTrusted() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), rightHost),
                httpsConfig().withCaBundle(pki.caPem))) {
            VerifiedWebIdentity identity = harness.verifier.verify(harness.rsaToken(), harness.provider());

            assertThat(identity.issuer()).startsWith("https://127.0.0.1:");
        }
    }

    @Test
    void untrustedChainPassesWhenTheTopCertificateIsAThumbprint() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), rightHost), httpsConfig())) {
            OidcProviderTrust pinned = harness.provider(List.of(Tokens.CLIENT_ID),
                    List.of("0".repeat(40), pki.caThumbprint.toUpperCase(Locale.ROOT)));

            assertThat(harness.verifier.verify(harness.rsaToken(), pinned).keyId()).isEqualTo("rsa-1");
        }
    }

    @Test
    void untrustedChainWithAnotherThumbprintIsRefused() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), rightHost), httpsConfig())) {
            OidcProviderTrust pinned = harness.provider(List.of(Tokens.CLIENT_ID), List.of("a".repeat(40)));

            AwsException e = refused(harness.verifier, harness.rsaToken(), pinned, ErrorCode.INVALID_IDENTITY_TOKEN,
                    THUMBPRINT, "signing-key");
            assertThat(e.operatorDetail()).contains(pki.caThumbprint).contains("CN=Lanyard Test CA");
        }
    }

    @Test
    void untrustedChainWithoutThumbprintsIsRefused() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), rightHost), httpsConfig())) {
            refused(harness.verifier, harness.rsaToken(), harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN,
                    THUMBPRINT, "signing-key");
        }
    }

    @Test
    void trustedChainForAnotherHostIsRefused() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), wrongHost),
                httpsConfig().withCaBundle(pki.caPem))) {
            AwsException e = refused(harness.verifier, harness.rsaToken(), harness.provider(),
                    ErrorCode.INVALID_IDENTITY_TOKEN, THUMBPRINT, "signing-key");
            assertThat(e.operatorDetail()).contains("No subject alternative names matching IP address 127.0.0.1");
        }
    }

    @Test
    void thumbprintDoesNotExcuseAWrongHost() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), wrongHost), httpsConfig())) {
            OidcProviderTrust pinned = harness.provider(List.of(Tokens.CLIENT_ID), List.of(pki.caThumbprint));

            AwsException e = refused(harness.verifier, harness.rsaToken(), pinned, ErrorCode.INVALID_IDENTITY_TOKEN,
                    THUMBPRINT, "signing-key");
            assertThat(e.operatorDetail()).contains("matched, but the chain does not validate");
        }
    }

    @Test
    void pinnedAndUnpinnedProvidersOfOneIssuerDoNotShareKeys() {
        try (Harness harness = new Harness(TestIdp.https(TestKeys.standardSet(), rightHost), httpsConfig())) {
            OidcProviderTrust pinned = harness.provider(List.of(Tokens.CLIENT_ID), List.of(pki.caThumbprint));
            harness.verifier.verify(harness.rsaToken(), pinned);

            refused(harness.verifier, harness.rsaToken(), harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN,
                    THUMBPRINT, "signing-key");
        }
    }
}
