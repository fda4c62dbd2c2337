package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Replay guard: a code is accepted only if its counter is greater than the last accepted counter of the device.
 * Stateless and thread-safe; the caller keeps the last accepted counter per device.
 */
public final class TotpVerifier {
    /** The last accepted counter of a device that has not accepted any code yet. */
    public static final long NONE_ACCEPTED = -1;
    /** AWS-like: one step either side of now. */
    public static final int AWS_WINDOW = 1;

    private final Totp totp;
    private final int window;

    /** AWS-like: window 1 (one step either side). */
    public TotpVerifier(Totp totp, int window) {
        this.totp = requireNonNull(totp, "totp is null");
        Totp.checkWindow(window);
        this.window = window;
    }

    /**
     * Empty if the code does not match within the window or its counter is ≤ lastAcceptedCounter (reuse). Of several
     * matching counters above lastAcceptedCounter, the one nearest to now is accepted.
     *
     * @param lastAcceptedCounter {@link #NONE_ACCEPTED} for a device that has accepted no code yet
     */
    public Optional<TotpVerification> verify(TotpSeed seed, String code, Instant now, long lastAcceptedCounter) {
        requireNonNull(seed, "seed is null");
        requireNonNull(code, "code is null");
        long center = totp.counterAt(now);
        long high = center + window;
        if (lastAcceptedCounter >= high) {
            return Optional.empty();
        }
        long low = Math.max(center - window, lastAcceptedCounter + 1);
        OptionalLong counter = totp.matchBetween(seed, code, center, low, high);
        return counter.isPresent() ? Optional.of(new TotpVerification(counter.getAsLong())) : Optional.empty();
    }
}
