package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import dev.lanyard.totp.internal.Hotp;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * RFC 6238 TOTP over RFC 4226 HOTP, with T0 = 0. Immutable and thread-safe. Matching never builds code strings:
 * the presented code is parsed once and compared as an integer with each candidate, without data-dependent
 * branches or early exit, so the time taken says nothing about which candidate (if any) matched.
 */
public final class Totp {
    /** Widest window accepted: every extra step is another chance for a guess to match. */
    public static final int MAX_WINDOW = 1_000;
    /** A window for {@link #matchConsecutive} at EnableMFADevice/ResyncMFADevice: ±5 minutes of device drift. */
    public static final int RESYNC_WINDOW = 10;

    private final TotpParameters parameters;
    private final int modulus;
    private final long stepSeconds;

    public Totp(TotpParameters parameters) {
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.modulus = switch (parameters.digits()) {
            case 6 -> 1_000_000;
            case 7 -> 10_000_000;
            case 8 -> 100_000_000;
            default -> throw new IllegalArgumentException("unsupported digits " + parameters.digits());
        };
        this.stepSeconds = parameters.step().getSeconds();
    }

    public TotpParameters parameters() {
        return parameters;
    }

    /** RFC 4226 HOTP of {@code counter} (as 8 unsigned bytes), zero-padded to {@code digits}. */
    public String code(TotpSeed seed, long counter) {
        requireNonNull(seed, "seed is null");
        return format(hotp(seed).truncated(counter) % modulus);
    }

    /** floor(epoch seconds / step); negative before 1970. */
    public long counterAt(Instant time) {
        requireNonNull(time, "time is null");
        return Math.floorDiv(time.getEpochSecond(), stepSeconds);
    }

    /** The first instant of {@code counter}'s step. */
    public Instant stepStart(long counter) {
        return Instant.ofEpochSecond(Math.multiplyExact(counter, stepSeconds));
    }

    public String codeAt(TotpSeed seed, Instant time) {
        return code(seed, counterAt(time));
    }

    /**
     * The counter of a matching code within ±window steps of time (constant-time compare of each candidate), or
     * empty. Codes that are not exactly {@code digits} ASCII digits never match. When several counters match (a
     * collision), the one nearest to time wins, the earlier on a tie. Counters below 0 are never candidates.
     *
     * @throws IllegalArgumentException if window is outside [0, {@link #MAX_WINDOW}]
     */
    public OptionalLong match(TotpSeed seed, String code, Instant time, int window) {
        requireNonNull(seed, "seed is null");
        requireNonNull(code, "code is null");
        checkWindow(window);
        long center = counterAt(time);
        return matchBetween(seed, code, center, center - window, center + window);
    }

    /**
     * EnableMFADevice/ResyncMFADevice: two consecutive codes; searches ±window steps of time (a device may have
     * drifted, so callers pass a wider window, e.g. 10) for code1 at counter n and code2 at n+1; returns n+1 (the
     * last used counter) or empty. The pair nearest to time wins if several match.
     *
     * @throws IllegalArgumentException if window is outside [0, {@link #MAX_WINDOW}]
     */
    public OptionalLong matchConsecutive(TotpSeed seed, String code1, String code2, Instant time, int window) {
        requireNonNull(seed, "seed is null");
        requireNonNull(code1, "code1 is null");
        requireNonNull(code2, "code2 is null");
        checkWindow(window);
        long center = counterAt(time);
        int first = parse(code1);
        int second = parse(code2);
        long low = Math.max(0, center - window);
        long high = center + window;
        if (first < 0 || second < 0 || low > high) {
            return OptionalLong.empty();
        }
        Hotp hotp = hotp(seed);
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        int current = hotp.truncated(low) % modulus;
        for (long n = low; n <= high; n++) {
            int next = hotp.truncated(n + 1) % modulus;
            boolean hit = ((current ^ first) | (next ^ second)) == 0;
            long distance = Math.abs(n - center);
            if (hit & distance < bestDistance) {
                best = n + 1;
                bestDistance = distance;
            }
            current = next;
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /** Candidates are counters low..high (clamped to ≥ 0); ties and collisions resolve nearest to center. */
    OptionalLong matchBetween(TotpSeed seed, String code, long center, long low, long high) {
        int expected = parse(code);
        long from = Math.max(0, low);
        if (expected < 0 || from > high) {
            return OptionalLong.empty();
        }
        Hotp hotp = hotp(seed);
        long best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (long counter = from; counter <= high; counter++) {
            boolean hit = ((hotp.truncated(counter) % modulus) ^ expected) == 0;
            long distance = Math.abs(counter - center);
            if (hit & distance < bestDistance) {
                best = counter;
                bestDistance = distance;
            }
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    static void checkWindow(int window) {
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 0 to " + MAX_WINDOW + ", not " + window);
        }
    }

    private Hotp hotp(TotpSeed seed) {
        byte[] key = seed.reveal();
        try {
            return Hotp.keyed(parameters.algorithm(), key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The value of exactly {@code digits} ASCII digits, or -1 (Character.isDigit would admit other scripts). */
    private int parse(String code) {
        if (code.length() != parameters.digits()) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private String format(int value) {
        char[] digits = new char[parameters.digits()];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }
}
