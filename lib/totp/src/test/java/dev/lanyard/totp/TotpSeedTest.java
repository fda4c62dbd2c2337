package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.lanyard.aws.Base32;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpSeedTest {
    @Test
    void generatedSeedsAre20BytesAnd32Base32Characters() {
        TotpSeed seed = TotpSeed.generate(Fixtures.seededSecureRandom(1));
        assertThat(seed.reveal()).hasSize(20);
        assertThat(seed.length()).isEqualTo(20);
        assertThat(seed.toBase32()).hasSize(32).matches("[A-Z2-7]{32}");
        assertThat(TotpSeed.generate(Fixtures.seededSecureRandom(2))).isNotEqualTo(seed);
        assertThat(TotpSeed.generate(Fixtures.seededSecureRandom(1))).isEqualTo(seed);
    }

    @Test
    void theRfcKeyHasItsWellKnownBase32() {
        assertThat(Fixtures.RFC_SHA1.toBase32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpSeed.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(Fixtures.RFC_SHA1);
    }

    static Stream<Long> randomSeeds() {
        return new SplittableRandom(4648).longs(200).boxed();
    }

    /** Every length from 16 to 128 bytes, so every Base32 tail shape (0, 2, 4, 5, 7 leftover characters) occurs. */
    @ParameterizedTest
    @MethodSource("randomSeeds")
    void base32RoundTrips(long randomSeed) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        byte[] bytes = new byte[random.nextInt(TotpSeed.MIN_LENGTH, TotpSeed.MAX_LENGTH + 1)];
        random.nextBytes(bytes);
        TotpSeed seed = TotpSeed.of(bytes);

        String text = seed.toBase32();
        assertThat(text).isEqualTo(Base32.encode(bytes));
        assertThat(TotpSeed.fromBase32(text)).isEqualTo(seed);
        assertThat(TotpSeed.fromBase32(text).reveal()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "GEZDGNBVGY3TQOJQ", // 10 bytes: too short
        "gezdgnbvgy3tqojqgezdgnbvgy3tqojq", // lower case
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0",
        "GEZDGNBVGY3TQOJQ GEZDGNBVGY3TQOJQ", " GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG", // 33 characters: 1 leftover character is not a byte
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZ", // 35: 3 leftover characters
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGN", // 38: 6 leftover characters
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGF", // 34: non-zero unused trailing bits
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGE======", // padding
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ\u0410", // Cyrillic A
    })
    void malformedBase32IsRejectedWithoutQuotingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSeed.fromBase32(text))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("GEZDGNBV"));
    }

    @Test
    void overlongTextIsRejectedBeforeDecoding() {
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSeed.fromBase32("A".repeat(1_000_000)))
                .withMessageContaining("at most 128");
        assertThat(TotpSeed.fromBase32("A".repeat(200)).length()).isEqualTo(125);
    }

    @Test
    void lengthsOutsideTheRfcBoundsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSeed.of(new byte[15]));
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSeed.of(new byte[129]));
        assertThat(TotpSeed.of(new byte[16]).length()).isEqualTo(16);
        assertThat(TotpSeed.of(new byte[128]).length()).isEqualTo(128);
    }

    @Test
    void neverPrintsAndNeverSharesItsBytes() {
        TotpSeed seed = Fixtures.RFC_SHA1;
        assertThat(seed.toString()).contains("REDACTED").doesNotContain(seed.toBase32()).doesNotContain("1234");
        byte[] copy = seed.reveal();
        copy[0] ^= 1;
        assertThat(seed.reveal()).isNotEqualTo(copy);

        byte[] source = seed.reveal();
        TotpSeed fromBytes = TotpSeed.of(source);
        source[0] ^= 1;
        assertThat(fromBytes).isEqualTo(seed).hasSameHashCodeAs(seed);
    }

    @Test
    void equalityIsByValue() {
        assertThat(Fixtures.ascii("12345678901234567890")).isEqualTo(Fixtures.RFC_SHA1);
        assertThat(Fixtures.ascii("12345678901234567891")).isNotEqualTo(Fixtures.RFC_SHA1);
        assertThat(Fixtures.RFC_SHA256).isNotEqualTo(Fixtures.RFC_SHA1).isNotEqualTo("12345678901234567890");
    }
}
