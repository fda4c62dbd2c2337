package dev.lanyard.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenKeysetTest {
    private static final Duration LIFETIME = Duration.ofHours(36);

    private final MutableClock clock = new MutableClock(TestFixtures.EPOCH);
    private final SecureRandom rnd = TestFixtures.seededRandom(31);
    private final MasterKey master = MasterKey.generate(rnd);

    @Test
    void generateMakesOnePrimary() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        assertThat(keyset.keys()).hasSize(1);
        TokenKey primary = keyset.primary();
        assertThat(primary.status()).isEqualTo(TokenKeyStatus.PRIMARY);
        assertThat(primary.createdAt()).isEqualTo(TestFixtures.EPOCH);
        assertThat(primary.retiredAt()).isEmpty();
        assertThat(primary.keyId()).isPositive();
        assertThat(primary.material().length()).isEqualTo(32);
        assertThat(keyset.unsealingKey(primary.keyId())).contains(primary);
        assertThat(keyset.unsealingKey(primary.keyId() + 1)).isEmpty();
    }

    @Test
    void rotateRetiresTheOldPrimary() {
        TokenKeyset first = TokenKeyset.generate(clock, rnd);
        clock.advance(Duration.ofDays(7));
        TokenKeyset second = first.rotate(clock, rnd);

        TokenKey oldKey = second.unsealingKey(first.primary().keyId()).orElseThrow();
        assertThat(oldKey.status()).isEqualTo(TokenKeyStatus.ENABLED);
        assertThat(oldKey.retiredAt()).contains(clock.instant());
        assertThat(oldKey.material()).isEqualTo(first.primary().material());
        assertThat(second.primary().keyId()).isEqualTo(first.primary().keyId() + 1);
        assertThat(second.primary().createdAt()).isEqualTo(clock.instant());
        assertThat(second.primary().material()).isNotEqualTo(first.primary().material());
        assertThat(first.keys()).hasSize(1);
    }

    @Test
    void pruneDropsOnlyEnabledKeysRetiredLongerThanTheLifetime() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        int a = keyset.primary().keyId();
        keyset = keyset.rotate(clock, rnd);
        int b = keyset.primary().keyId();
        clock.advance(Duration.ofHours(1));
        keyset = keyset.rotate(clock, rnd).disable(a);
        int c = keyset.primary().keyId();
        clock.advance(Duration.ofDays(30));
        keyset = keyset.rotate(clock, rnd);
        int d = keyset.primary().keyId();

        Instant bRetired = TestFixtures.EPOCH.plus(Duration.ofHours(1));
        assertThat(keyset.prune(bRetired.plus(LIFETIME), LIFETIME)).isSameAs(keyset);
        TokenKeyset pruned = keyset.prune(clock.instant(), LIFETIME);
        assertThat(pruned.keys()).extracting(TokenKey::keyId).containsExactly(a, c, d);
        assertThat(pruned.prune(clock.instant().plus(Duration.ofDays(365)), LIFETIME).keys())
                .extracting(TokenKey::keyId).containsExactly(a, d);
        assertThat(keyset.unsealingKey(b)).isPresent();
    }

    @Test
    void rotationIsDueOnceThePrimaryIsAsOldAsThePeriod() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        Duration period = Duration.ofDays(30);
        assertThat(keyset.rotationDue(TestFixtures.EPOCH, period)).isFalse();
        assertThat(keyset.rotationDue(TestFixtures.EPOCH.plus(period).minusNanos(1), period)).isFalse();
        assertThat(keyset.rotationDue(TestFixtures.EPOCH.plus(period), period)).isTrue();
        clock.advance(period);
        assertThat(keyset.rotate(clock, rnd).rotationDue(clock.instant(), period)).isFalse();
    }

    @Test
    void disabledKeysNeverUnseal() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        int old = keyset.primary().keyId();
        TokenKeyset disabled = keyset.rotate(clock, rnd).disable(old);
        assertThat(disabled.unsealingKey(old)).isEmpty();
        assertThat(disabled.enable(old).unsealingKey(old)).isPresent();
        assertThatThrownBy(() -> disabled.disable(disabled.primary().keyId()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> disabled.disable(12345)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorEnforcesTheInvariants() {
        TokenKey primary = key(1, TokenKeyStatus.PRIMARY);
        assertThatThrownBy(() -> new TokenKeyset(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKeyset(List.of(key(1, TokenKeyStatus.ENABLED))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKeyset(List.of(primary, key(2, TokenKeyStatus.PRIMARY))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKeyset(List.of(primary, key(1, TokenKeyStatus.ENABLED))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKey(1, SecretBytes.copyOf(new byte[16]), TokenKeyStatus.PRIMARY,
                TestFixtures.EPOCH, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKey(1, SecretBytes.copyOf(new byte[32]), TokenKeyStatus.PRIMARY,
                TestFixtures.EPOCH, Optional.of(TestFixtures.EPOCH))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encryptedFormRoundTrips() throws SealedDataException {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        int first = keyset.primary().keyId();
        clock.advance(Duration.ofNanos(123_456_789));
        keyset = keyset.rotate(clock, rnd).rotate(clock, rnd).disable(first);
        byte[] stored = keyset.toEncryptedBytes(master);
        assertThat(TokenKeyset.fromEncryptedBytes(stored, master)).isEqualTo(keyset);
    }

    @Test
    void encryptedFormDoesNotContainTheKeyMaterial() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        byte[] stored = keyset.toEncryptedBytes(master);
        byte[] material = keyset.primary().material().reveal();
        for (int i = 0; i + material.length <= stored.length; i++) {
            assertThat(Arrays.copyOfRange(stored, i, i + material.length)).isNotEqualTo(material);
        }
    }

    @Test
    void encryptedFormFailsUnderAnotherMasterKeyOrWhenDamaged() {
        byte[] stored = TokenKeyset.generate(clock, rnd).rotate(clock, rnd).toEncryptedBytes(master);
        assertThatThrownBy(() -> TokenKeyset.fromEncryptedBytes(stored, MasterKey.generate(rnd)))
                .isInstanceOf(SealedDataException.class);
        for (int length = 0; length < stored.length; length++) {
            byte[] truncated = Arrays.copyOf(stored, length);
            assertThatThrownBy(() -> TokenKeyset.fromEncryptedBytes(truncated, master))
                    .isInstanceOf(SealedDataException.class);
        }
        byte[] flipped = stored.clone();
        flipped[stored.length / 2] ^= 1;
        assertThatThrownBy(() -> TokenKeyset.fromEncryptedBytes(flipped, master))
                .isInstanceOf(SealedDataException.class);
    }

    @Test
    void sealedDataForAnotherPurposeIsNotAKeyset() {
        byte[] other = master.encrypt(new byte[] {1, 1}, "iam-secret-key:AKIA".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TokenKeyset.fromEncryptedBytes(other, master)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void neverPrintsKeyMaterial() {
        TokenKeyset keyset = TokenKeyset.generate(clock, rnd);
        assertThat(keyset.toString()).contains("[REDACTED]");
        assertThat(keyset.toString()).doesNotContain(Arrays.toString(keyset.primary().material().reveal()));
    }

    private static TokenKey key(int id, TokenKeyStatus status) {
        return new TokenKey(id, SecretBytes.copyOf(new byte[32]), status, TestFixtures.EPOCH, Optional.empty());
    }
}
