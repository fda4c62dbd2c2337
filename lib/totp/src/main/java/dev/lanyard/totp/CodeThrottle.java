package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many wrong MFA codes may be tried. {@code freeFailures} wrong codes in a row can be tried without waiting; the
 * last of them locks further codes out (they are not even checked, so the right one fails too) for
 * {@code firstLockout}, and every further refusal for twice as long as the one before, up to {@code maxLockout}. An
 * accepted code starts over, and so does {@code forgetAfter} without a refusal.
 *
 * <p>With AWS's window (the previous, current and next step's codes are accepted) a random code matches with a
 * chance of 3 in 10<sup>6</sup>. {@link #DEFAULT} lets a guesser try 5 codes at once, 6 more in the next 63 minutes,
 * then one an hour: about 33 in the first day and 24 in each day after, so a chance of about 10<sup>-4</sup> a day
 * (2.6% a year) per device, where nothing held it back before (850 guesses a second).
 */
public record CodeThrottle(int freeFailures, Duration firstLockout, Duration maxLockout, Duration forgetAfter) {
    public static final CodeThrottle DEFAULT = new CodeThrottle(5, Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofDays(1));
    /** Doubling the lockout more often than this cannot matter: it is capped long before. */
    private static final int MAX_DOUBLINGS = 30;

    public CodeThrottle {
        requireNonNull(firstLockout, "firstLockout is null");
        requireNonNull(maxLockout, "maxLockout is null");
        requireNonNull(forgetAfter, "forgetAfter is null");
        if (freeFailures < 1 || firstLockout.isNegative() || firstLockout.isZero()
                || maxLockout.compareTo(firstLockout) < 0 || forgetAfter.compareTo(maxLockout) <= 0) {
            throw new IllegalArgumentException("need freeFailures >= 1 and 0 < firstLockout <= maxLockout"
                    + " < forgetAfter");
        }
    }

    /** Until when codes are refused unchecked; empty when the next one may be checked now. */
    public Optional<Instant> lockedUntil(FailedCodes failures, Instant now) {
        FailedCodes current = current(failures, now);
        if (current.count() < freeFailures) {
            return Optional.empty();
        }
        Instant until = current.lastFailure().plus(lockout(current.count()));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** The failures once one more code has been refused at {@code now}. */
    public FailedCodes afterFailure(FailedCodes failures, Instant now) {
        FailedCodes current = current(failures, now);
        return new FailedCodes(current.count() == Integer.MAX_VALUE ? current.count() : current.count() + 1, now);
    }

    /** How long codes are refused after the {@code count}-th failure in a row. */
    public Duration lockout(int count) {
        if (count < freeFailures) {
            return Duration.ZERO;
        }
        Duration lockout = firstLockout.multipliedBy(1L << Math.min(count - freeFailures, MAX_DOUBLINGS));
        return lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout;
    }

    private FailedCodes current(FailedCodes failures, Instant now) {
        boolean forgotten = failures.count() > 0 && !now.isBefore(failures.lastFailure().plus(forgetAfter));
        return forgotten ? FailedCodes.NONE : failures;
    }
}
