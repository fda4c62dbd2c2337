package dev.lanyard.tokens;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {
    private static final byte[] AAD = "iam-secret-key:AKIAQWERTYUIOPASDFGH".getBytes(UTF_8);

    private final SecureRandom rnd = TestFixtures.seededRandom(21);
    private final MasterKey master = MasterKey.generate(rnd);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 40, 1000})
    void decryptInvertsEncrypt(int length) throws SealedDataException {
        byte[] plaintext = new byte[length];
        rnd.nextBytes(plaintext);
        byte[] sealed = master.encrypt(plaintext, AAD);
        assertThat(sealed).hasSize(1 + 8 + 12 + length + 16);
        assertThat(MasterKey.sealedBy(sealed)).contains(master.id());
        assertThat(master.decrypt(sealed, AAD)).isEqualTo(plaintext);
    }

    @Test
    void encryptionIsRandomized() {
        byte[] plaintext = "secret".getBytes(UTF_8);
        assertThat(master.encrypt(plaintext, AAD)).isNotEqualTo(master.encrypt(plaintext, AAD));
    }

    @Test
    void otherAssociatedDataFails() {
        byte[] sealed = master.encrypt("secret".getBytes(UTF_8), AAD);
        assertThatThrownBy(() -> master.decrypt(sealed, "iam-secret-key:AKIAOTHER".getBytes(UTF_8)))
                .isInstanceOf(SealedDataException.class);
        assertThatThrownBy(() -> master.decrypt(sealed, new byte[0])).isInstanceOf(SealedDataException.class);
    }

    @Test
    void otherMasterKeyFails() {
        byte[] sealed = master.encrypt("secret".getBytes(UTF_8), AAD);
        MasterKey other = MasterKey.generate(rnd);
        assertThatThrownBy(() -> other.decrypt(sealed, AAD)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void everyBitFlipAndTruncationFails() {
        byte[] sealed = master.encrypt("a secret access key value".getBytes(UTF_8), AAD);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] flipped = sealed.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> master.decrypt(flipped, AAD)).isInstanceOf(SealedDataException.class);
        }
        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> master.decrypt(truncated, AAD)).isInstanceOf(SealedDataException.class);
        }
    }

    @Test
    void base64FormRoundTrips() throws SealedDataException {
        byte[] sealed = master.encrypt("secret".getBytes(UTF_8), AAD);
        String encoded = master.toBase64();
        assertThat(Base64.getDecoder().decode(encoded)).hasSize(32);
        assertThat(MasterKey.fromBase64(encoded, rnd).decrypt(sealed, AAD)).isEqualTo("secret".getBytes(UTF_8));
        assertThat(MasterKey.fromBase64(encoded + "\n", rnd).decrypt(sealed, AAD)).isEqualTo("secret".getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AAAA", "not-base64-at-all!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB="})
    void fromBase64RefusesAnythingButThirtyTwoBytes(String encoded) {
        assertThatThrownBy(() -> MasterKey.fromBase64(encoded, rnd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .satisfies(e -> {
                    if (!encoded.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(encoded);
                    }
                });
    }

    @Test
    void theKeyIdIsStableAndDiffersBetweenKeys() {
        MasterKey same = MasterKey.fromBase64(master.toBase64(), rnd);
        assertThat(same.id()).isEqualTo(master.id());
        assertThat(MasterKey.generate(rnd).id()).isNotEqualTo(master.id());
        assertThat(master.id().value()).matches("[0-9a-f]{16}");
    }

    @Test
    void anotherKeysDataIsRefusedByItsId() {
        MasterKey other = MasterKey.generate(rnd);
        byte[] sealed = other.encrypt("secret".getBytes(UTF_8), AAD);
        assertThatThrownBy(() -> master.decrypt(sealed, AAD)).isInstanceOf(SealedDataException.class)
                .hasMessageContaining(other.id().value());
    }

    /** Version 1, written before keys had ids: {@code 1 || nonce || ciphertext || tag}, the version byte as AAD. */
    @Test
    void dataSealedBeforeKeysHadIdsStillOpens() throws Exception {
        byte[] plaintext = "an older secret".getBytes(UTF_8);
        byte[] legacy = legacySeal(master, plaintext, AAD);
        assertThat(MasterKey.sealedBy(legacy)).isEmpty();
        assertThat(master.decrypt(legacy, AAD)).isEqualTo(plaintext);
        assertThatThrownBy(() -> MasterKey.generate(rnd).decrypt(legacy, AAD)).isInstanceOf(SealedDataException.class);
        assertThatThrownBy(() -> master.decrypt(legacy, "other".getBytes(UTF_8)))
                .isInstanceOf(SealedDataException.class);
    }

    static byte[] legacySeal(MasterKey key, byte[] plaintext, byte[] aad) throws Exception {
        byte[] nonce = new byte[12];
        new java.util.Random(5).nextBytes(nonce);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                Base64.getDecoder().decode(key.toBase64()), "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
        cipher.updateAAD(new byte[] {1});
        cipher.updateAAD(aad);
        byte[] body = cipher.doFinal(plaintext);
        byte[] sealed = new byte[1 + 12 + body.length];
        sealed[0] = 1;
        System.arraycopy(nonce, 0, sealed, 1, 12);
        System.arraycopy(body, 0, sealed, 13, body.length);
        return sealed;
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(master.toString()).contains("REDACTED").doesNotContain(master.toBase64());
    }
}
