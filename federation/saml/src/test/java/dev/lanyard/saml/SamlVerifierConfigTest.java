package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamlVerifierConfigTest {
    @Test
    void defaultsAreAwsBehaviour() {
        SamlVerifierConfig config = SamlVerifierConfig.defaults();

        assertThat(config.clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxAssertionAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.acceptedAudiences()).containsExactly("https://signin.aws.amazon.com/saml",
                "urn:amazon:webservices");
        assertThat(config.acceptedRecipients()).contains("https://signin.aws.amazon.com/saml");
        assertThat(config.acceptRegionalSigninRecipients()).isTrue();
        assertThat(config.maxDocumentBytes()).isEqualTo(200 * 1024);
        assertThat(config.signatureAlgorithms()).containsExactlyInAnyOrder(SignatureAlgorithm.values());
        assertThat(config.digestAlgorithms()).containsExactlyInAnyOrder(DigestAlgorithm.values());
    }

    @Test
    void noSha1OrHmacCanEverBeConfigured() {
        assertThat(SignatureAlgorithm.fromUri("http://www.w3.org/2000/09/xmldsig#rsa-sha1")).isEmpty();
        assertThat(SignatureAlgorithm.fromUri("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256")).isEmpty();
        assertThat(DigestAlgorithm.fromUri("http://www.w3.org/2000/09/xmldsig#sha1")).isEmpty();
        assertThat(DataEncryptionAlgorithm.fromUri("http://www.w3.org/2001/04/xmlenc#tripledes-cbc")).isEmpty();
    }

    @Test
    void refusesUnsafeOrImpossibleSettings() {
        SamlVerifierConfig defaults = SamlVerifierConfig.defaults();

        assertThatThrownBy(() -> defaults.withClockSkew(Duration.ofMinutes(16)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withAcceptedAudiences(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withAcceptedRecipients(List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSignatureAlgorithms(Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.withAcceptedRecipients(List.of(), true).acceptedRecipients()).isEmpty();
        assertThat(defaults.withEncryptionAlgorithms(EnumSet.noneOf(DataEncryptionAlgorithm.class))
                .encryptionAlgorithms()).isEmpty();
    }
}
