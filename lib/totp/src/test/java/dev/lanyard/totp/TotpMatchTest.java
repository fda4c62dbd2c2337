package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpMatchTest {
    private static final Totp TOTP = new Totp(TotpParameters.AWS);
    private static final TotpSeed SEED = TotpSeed.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    /** 15 s into a step, so ±1 step is ±30 s of wall time. */
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:15Z");
    private static final long COUNTER = TOTP.counterAt(NOW);

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-1, 0, 1})
    void exactlyOneStepEitherSideIsAccepted(int offset) {
        String code = TOTP.code(SEED, COUNTER + offset);
        assertThat(TOTP.match(SEED, code, NOW, 1)).hasValue(COUNTER + offset);
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-3, -2, 2, 3})
    void twoStepsAwayIsRefused(int offset) {
        assertThat(TOTP.match(SEED, TOTP.code(SEED, COUNTER + offset), NOW, 1)).isEmpty();
    }

    @Test
    void theStepBoundaryIsAtTheMultipleOfTheStep() {
        Instant stepStart = TOTP.stepStart(COUNTER);
        String code = TOTP.code(SEED, COUNTER + 2);
        assertThat(TOTP.match(SEED, code, stepStart.plusSeconds(29), 1)).isEmpty();
        assertThat(TOTP.match(SEED, code, stepStart.plusSeconds(30), 1)).hasValue(COUNTER + 2);
        assertThat(TOTP.match(SEED, TOTP.code(SEED, COUNTER), NOW, 0)).hasValue(COUNTER);
        assertThat(TOTP.match(SEED, TOTP.code(SEED, COUNTER + 1), NOW, 0)).isEmpty();
    }

    static Stream<Long> seeds() {
        return new SplittableRandom(1).longs(100).boxed();
    }

    /** Property over seeded random seeds and times: accepted iff |offset| ≤ window, at exactly that counter. */
    @ParameterizedTest
    @MethodSource("seeds")
    void windowPropertyOverRandomSeedsAndTimes(long randomSeed) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        TotpSeed seed = TotpSeed.generate(Fixtures.seededSecureRandom(random.nextLong()));
        Instant time = Instant.ofEpochSecond(random.nextLong(1_000_000, 4_000_000_000L));
        int window = random.nextInt(0, 4);
        long center = TOTP.counterAt(time);
        Map<String, Long> codes = new HashMap<>();
        for (long counter = center - window - 2; counter <= center + window + 2; counter++) {
            if (codes.put(TOTP.code(seed, counter), counter) != null) {
                return; // a collision (p ≈ 1e-5) would make the expectation ambiguous
            }
        }
        codes.forEach((code, counter) -> {
            boolean inside = Math.abs(counter - center) <= window;
            assertThat(TOTP.match(seed, code, time, window).isPresent()).isEqualTo(inside);
            if (inside) {
                assertThat(TOTP.match(seed, code, time, window)).hasValue(counter);
            }
        });
    }

    static Stream<String> malformedCodes() {
        String real = TOTP.code(SEED, COUNTER);
        return Stream.of("12345", "1234567", "12a456", "", " " + real, real + " ", real + "\n", real.substring(1),
                real + "0", "+" + real.substring(1), "-" + real.substring(1), real.substring(0, 5) + "\u0000",
                shift(real, '\u0660'), shift(real, '\uFF10'), shift(real, '\u0966'), shift(real, '\uD835'),
                real.substring(0, 3) + " " + real.substring(3), "１２３４５６", "٠١٢٣٤٥");
    }

    /** The same digits in another script (Arabic-Indic, fullwidth, Devanagari …): Character.isDigit says yes. */
    private static String shift(String asciiDigits, char zero) {
        StringBuilder out = new StringBuilder();
        asciiDigits.chars().forEach(c -> out.append((char) (zero + (c - '0'))));
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("malformedCodes")
    void malformedCodesNeverMatch(String code) {
        assertThat(TOTP.match(SEED, code, NOW, Totp.RESYNC_WINDOW)).isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, code, TOTP.code(SEED, COUNTER + 1), NOW, Totp.RESYNC_WINDOW)).isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, TOTP.code(SEED, COUNTER - 1), code, NOW, Totp.RESYNC_WINDOW)).isEmpty();
        assertThat(new TotpVerifier(TOTP, 1).verify(SEED, code, NOW, TotpVerifier.NONE_ACCEPTED)).isEmpty();
    }

    static IntStream drifts() {
        return IntStream.rangeClosed(-10, 10);
    }

    @ParameterizedTest(name = "drift {0}")
    @MethodSource("drifts")
    void consecutiveCodesAreFoundWithinTheDrift(int drift) {
        long n = COUNTER + drift;
        assertThat(TOTP.matchConsecutive(SEED, TOTP.code(SEED, n), TOTP.code(SEED, n + 1), NOW, Totp.RESYNC_WINDOW))
                .hasValue(n + 1);
    }

    @ParameterizedTest(name = "drift {0}")
    @ValueSource(ints = {-12, -11, 11, 12})
    void consecutiveCodesBeyondTheDriftAreRefused(int drift) {
        long n = COUNTER + drift;
        assertThat(TOTP.matchConsecutive(SEED, TOTP.code(SEED, n), TOTP.code(SEED, n + 1), NOW, Totp.RESYNC_WINDOW)).isEmpty();
    }

    @Test
    void codesThatAreNotConsecutiveAreRefused() {
        String first = TOTP.code(SEED, COUNTER);
        String second = TOTP.code(SEED, COUNTER + 1);
        assertThat(TOTP.matchConsecutive(SEED, second, first, NOW, Totp.RESYNC_WINDOW)).as("reversed").isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, first, first, NOW, Totp.RESYNC_WINDOW)).as("repeated").isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, first, TOTP.code(SEED, COUNTER + 2), NOW, Totp.RESYNC_WINDOW)).as("gap").isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, first, second, NOW, 0)).hasValue(COUNTER + 1);
        TotpSeed other = TotpSeed.generate(Fixtures.seededSecureRandom(9));
        assertThat(TOTP.matchConsecutive(other, first, second, NOW, Totp.RESYNC_WINDOW)).as("other seed").isEmpty();
    }

    @Test
    void negativeCountersAreNeverCandidates() {
        Instant epoch = Instant.EPOCH;
        assertThat(TOTP.match(SEED, TOTP.code(SEED, 0), epoch.plusSeconds(5), 2)).hasValue(0);
        assertThat(TOTP.match(SEED, TOTP.code(SEED, -1), epoch, 2)).isEmpty();
        assertThat(TOTP.matchConsecutive(SEED, TOTP.code(SEED, 0), TOTP.code(SEED, 1), epoch, 10)).hasValue(1);
        assertThat(TOTP.match(SEED, TOTP.code(SEED, 0), Instant.MIN, 1)).isEmpty();
        assertThatCode(() -> TOTP.match(SEED, "000000", Instant.MAX, Totp.MAX_WINDOW)).doesNotThrowAnyException();
    }

    /** Two counters of one seed with the same code, found by search: the one nearest to the time wins. */
    @Test
    void aCollisionResolvesToTheNearestCounterThenTheEarlier() {
        Map<String, Long> seen = new HashMap<>();
        long a = -1;
        long b = -1;
        for (long counter = 0; a < 0; counter++) {
            Long earlier = seen.put(TOTP.code(SEED, counter), counter);
            if (earlier != null && counter - earlier >= 3 && counter - earlier <= Totp.MAX_WINDOW) {
                a = earlier;
                b = counter;
            }
        }
        String code = TOTP.code(SEED, a);
        long middle = a + (b - a) / 2;
        int window = (int) (b - a);
        assertThat(TOTP.match(SEED, code, TOTP.stepStart(a + 1), window)).hasValue(a);
        assertThat(TOTP.match(SEED, code, TOTP.stepStart(b - 1), window)).hasValue(b);
        if ((b - a) % 2 == 0) {
            assertThat(TOTP.match(SEED, code, TOTP.stepStart(middle), window)).hasValue(a);
        }
    }

    @Test
    void windowsOutsideTheLimitsAreProgrammingErrors() {
        String code = TOTP.code(SEED, COUNTER);
        assertThatIllegalArgumentException().isThrownBy(() -> TOTP.match(SEED, code, NOW, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> TOTP.match(SEED, code, NOW, Totp.MAX_WINDOW + 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TOTP.matchConsecutive(SEED, code, code, NOW, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpVerifier(TOTP, -1));
    }

    @Test
    void codesAreZeroPaddedToTheDigitCount() {
        Set<Integer> lengths = new HashSet<>();
        boolean sawLeadingZero = false;
        for (long counter = 0; counter < 2_000; counter++) {
            String code = TOTP.code(SEED, counter);
            lengths.add(code.length());
            sawLeadingZero |= code.charAt(0) == '0';
            if (code.charAt(0) == '0') {
                assertThat(TOTP.match(SEED, code, TOTP.stepStart(counter), 0)).hasValue(counter);
            }
        }
        assertThat(lengths).containsExactly(6);
        assertThat(sawLeadingZero).isTrue();
    }
}
