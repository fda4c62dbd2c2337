package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Arbitrary input to the two parsers of untrusted text: a stored or imported Base32 seed, and a presented code. In
 * {@code mvn test} only the seeds (test resources) run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TotpFuzzTest {
    private static final TotpSeed SEED = Fixtures.RFC_SHA1;
    private static final Totp[] TOTPS = {
        new Totp(TotpParameters.AWS),
        new Totp(new TotpParameters(7, Duration.ofSeconds(1), "HmacSHA256")),
        new Totp(new TotpParameters(8, Duration.ofSeconds(60), "HmacSHA512")),
    };

    /** Only IllegalArgumentException may escape, and what is accepted is canonical: it re-encodes to itself. */
    @FuzzTest(maxDuration = "60s")
    void fromBase32(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        TotpSeed seed;
        try {
            seed = TotpSeed.fromBase32(text);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(seed.toBase32()).isEqualTo(text);
    }

    /** match and matchConsecutive never throw, and what they accept is the code of the counter they return. */
    @FuzzTest(maxDuration = "60s")
    void matchNeverThrows(FuzzedDataProvider data) {
        Totp totp = data.pickValue(TOTPS);
        int window = data.consumeInt(0, 12);
        Instant time = Instant.ofEpochSecond(
                data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        String second = data.consumeString(12);
        String code = data.consumeRemainingAsString();

        OptionalLong counter = totp.match(SEED, code, time, window);
        if (counter.isPresent()) {
            assertThat(totp.code(SEED, counter.getAsLong())).isEqualTo(code);
        }
        OptionalLong last = totp.matchConsecutive(SEED, code, second, time, window);
        if (last.isPresent()) {
            assertThat(totp.code(SEED, last.getAsLong())).isEqualTo(second);
        }
        new TotpVerifier(totp, 1).verify(SEED, code, time, data.consumeLong());
    }
}
