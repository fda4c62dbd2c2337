package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OidcVerifierConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        OidcVerifierConfig config = OidcVerifierConfig.defaults();

        assertThat(config.clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.jwksFreshness()).isEqualTo(Duration.ofHours(1));
        assertThat(config.jwksMaxStale()).isEqualTo(Duration.ofHours(24));
        assertThat(config.minRefreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxTokenLength()).isEqualTo(20_000);
        assertThat(config.maxDocumentBytes()).isEqualTo(512 * 1024);
        assertThat(config.allowInsecureLoopback()).isFalse();
        assertThat(config.caBundle()).isEmpty();
    }

    @Test
    void skewIsCappedAtTenMinutes() {
        assertThat(OidcVerifierConfig.defaults().withClockSkew(Duration.ofMinutes(10)).clockSkew())
                .isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> OidcVerifierConfig.defaults().withClockSkew(Duration.ofMinutes(10).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> OidcVerifierConfig.defaults().withClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonsense() {
        OidcVerifierConfig base = OidcVerifierConfig.defaults();
        assertThatThrownBy(() -> base.withLimits(20_001, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withLimits(0, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withLimits(100, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withJwksCaching(Duration.ofHours(2), Duration.ofHours(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jwksMaxStale");
    }

    @Test
    void missingCaBundleFailsAtStartup() {
        OidcVerifierConfig config = OidcVerifierConfig.defaults().withCaBundle(Path.of("/nonexistent/ca.pem"));

        assertThatThrownBy(() -> new HttpJwksFetcher(config)).hasMessageContaining("/nonexistent/ca.pem");
    }
}
