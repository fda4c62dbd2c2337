package dev.lanyard.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.TokenKeyset;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The binary decoders behind the AEAD, which a fuzzer cannot reach through {@code unseal} (it would have to forge the
 * GCM tag). Only {@link MalformedDataException} may escape; what decodes must re-encode consistently.
 */
class BinaryFormatsFuzzTest {
    /** Guards the seeds: after a format change they must be regenerated, or fuzzing starts from rejects only. */
    @Test
    void seedsStillDecode() throws Exception {
        for (String name : new String[] {"empty-claims", "generated-claims", "maximal-claims"}) {
            byte[] body = seed("decodeArbitraryClaimsBody/" + name);
            assertThat(ClaimsEncoding.decode(body, 0, body.length)).as(name).isNotNull();
        }
        assertThat(KeysetEncoding.decode(seed("decodeArbitraryKeyset/two-keys")).keys()).hasSize(2);
    }

    private byte[] seed(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("BinaryFormatsFuzzTestInputs/" + path)) {
            return in.readAllBytes();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decodeArbitraryClaimsBody(byte[] body) throws MalformedDataException {
        SessionClaims claims;
        try {
            claims = ClaimsEncoding.decode(body, 0, body.length);
        } catch (MalformedDataException expected) {
            return;
        }
        ByteWriter reencoded = ClaimsEncoding.encode(claims);
        assertThat(ClaimsEncoding.decode(reencoded.array(), 0, reencoded.size())).isEqualTo(claims);
    }

    @FuzzTest(maxDuration = "30s")
    void decodeArbitraryKeyset(byte[] plain) {
        TokenKeyset keyset;
        try {
            keyset = KeysetEncoding.decode(plain);
        } catch (MalformedDataException expected) {
            return;
        }
        assertThat(KeysetEncoding.encode(keyset)).isEqualTo(plain);
    }
}
