package dev.lanyard.tokens;

import static dev.lanyard.tokens.TestFixtures.ACCESS_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary text handed to {@link SessionTokenCodec#unseal}: only {@link TokenRejectedException} may escape, and
 * whatever unseals must survive another seal/unseal round. Seeds (under test resources) include a token sealed under
 * {@link TestFixtures#fixedKeyset()}. In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SessionTokenFuzzTest {
    private final TokenKeyset keyset = TestFixtures.fixedKeyset();
    private final SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, TestFixtures.seededRandom(5));

    @FuzzTest(maxDuration = "60s")
    void unsealArbitraryText(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        SessionClaims claims;
        try {
            claims = codec.unseal(token, ACCESS_KEY_ID);
        } catch (TokenRejectedException expected) {
            return;
        }
        assertThat(codec.unseal(codec.seal(claims, ACCESS_KEY_ID), ACCESS_KEY_ID)).isEqualTo(claims);
    }

    /** Guards the seeds: after a format change they must be re-sealed, or the fuzzer starts from rejects only. */
    @Test
    void seedTokensStillUnseal() throws Exception {
        for (String name : new String[] {"valid-empty-token", "valid-generated-token", "valid-maximal-token"}) {
            try (InputStream seed = getClass().getResourceAsStream("SessionTokenFuzzTestInputs/unsealArbitraryText/"
                    + name)) {
                String token = new String(seed.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(codec.unseal(token, ACCESS_KEY_ID)).as(name).isNotNull();
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void masterKeyFromArbitraryText(byte[] input) {
        String encoded = new String(input, StandardCharsets.UTF_8);
        try {
            assertThat(MasterKey.fromBase64(encoded, TestFixtures.seededRandom(6)).toBase64())
                    .isEqualTo(encoded.strip());
        } catch (IllegalArgumentException expected) {
            // not 32 bytes of Base64
        }
    }
}
