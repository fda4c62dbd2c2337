package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.sigv4.SigningKeys;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The floors must do the same cryptography as the paths they are compared with, no less. */
class CryptoFloorBenchmarkTest {
    private final CryptoFloorBenchmark floor = new CryptoFloorBenchmark();

    @BeforeEach
    void setUp() throws GeneralSecurityException {
        floor.setUp();
    }

    @Test
    void fullChainComputesBotocoresSignature() throws GeneralSecurityException {
        String authorization = BotocoreRequests.sessionPost().header("Authorization").orElseThrow();

        assertThat(authorization).endsWith("Signature=" + floor.signatureHex());
    }

    @Test
    void cachedKeyComputesTheSameSignature() throws GeneralSecurityException {
        assertThat(HexFormat.of().formatHex(floor.sigv4CachedKey())).isEqualTo(floor.signatureHex());
    }

    @Test
    void derivationMatchesTheLibrarysSigningKey() throws GeneralSecurityException {
        byte[] expected = new SigningKeys(1).signingKey(BotocoreRequests.SESSION_SECRET, "20251123", "us-east-1", "sts");

        assertThat(floor.deriveSigningKey()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {146, 220})
    void aesGcmRoundTripsASessionSizedBody(int bodyBytes) throws GeneralSecurityException {
        CryptoFloorBenchmark.Aes aes = new CryptoFloorBenchmark.Aes();
        aes.bodyBytes = bodyBytes;
        aes.setUp();

        assertThat(floor.aesGcmDecrypt(aes)).isEqualTo(aes.plainBody()).hasSize(bodyBytes);
        byte[] first = floor.aesGcmEncrypt(aes);
        assertThat(first).hasSize(bodyBytes + 16).isNotEqualTo(floor.aesGcmEncrypt(aes));
    }

    @Test
    void nonceIs96Bits() {
        assertThat(floor.secureRandomNonce()).hasSize(12);
    }
}
