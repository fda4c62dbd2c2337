package dev.lanyard.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Two-phase rotation: a staged key unseals before it seals, so no node meets an unknown key. */
class StagedRotationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private final SecureRandom random = new SecureRandom();

    @Test
    void stagedKeyUnsealsThenBecomesPrimary() {
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(T0), random);
        int first = keyset.primary().keyId();
        TokenKeyset staged = keyset.stagePending(InstantSource.fixed(T0.plusSeconds(60)), random);
        assertThat(staged.primary().keyId()).isEqualTo(first);
        int pending = staged.pending().orElseThrow().keyId();
        assertThat(staged.unsealingKey(pending)).isPresent();
        assertThat(staged.stagePending(InstantSource.fixed(T0.plusSeconds(61)), random)).isEqualTo(staged);

        TokenKeyset promoted = staged.promotePending(T0.plusSeconds(120));
        assertThat(promoted.primary().keyId()).isEqualTo(pending);
        assertThat(promoted.pending()).isEmpty();
        assertThat(promoted.unsealingKey(first)).hasValueSatisfying(k -> {
            assertThat(k.status()).isEqualTo(TokenKeyStatus.ENABLED);
            assertThat(k.retiredAt()).contains(T0.plusSeconds(120));
        });
        assertThat(promoted.prune(T0.plusSeconds(120).plus(Duration.ofHours(2)), Duration.ofHours(1))
                .unsealingKey(first)).isEmpty();
        assertThatThrownBy(() -> promoted.promotePending(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealedUnderAStagedKeyAfterPromotion() {
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(T0), random)
                .stagePending(InstantSource.fixed(T0), random);
        TokenKeyset promoted = keyset.promotePending(T0.plusSeconds(5));
        SessionTokenCodec sealer = new SessionTokenCodec(() -> promoted, random);
        SessionTokenCodec stagedOnly = new SessionTokenCodec(() -> keyset, random);
        var claims = new ClaimsGenerator(3).next();
        var keyId = dev.lanyard.aws.AccessKeyId.generateTemporary(claims.account(), random);
        String token = sealer.seal(claims, keyId);
        // A node that has only seen the staged keyset can already unseal tokens from the promoted primary.
        assertThat(stagedOnly.unseal(token, keyId)).isEqualTo(claims);
    }
}
