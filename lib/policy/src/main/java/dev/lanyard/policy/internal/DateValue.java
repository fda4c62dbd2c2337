package dev.lanyard.policy.internal;

import java.util.Optional;

/**
 * An instant as IAM's Date operators see it: seconds since the epoch (beyond {@link java.time.Instant}'s range for
 * the epoch form, which IAM accepts up to {@code Long.MAX_VALUE}) plus nanoseconds.
 */
public record DateValue(long epochSecond, int nano) implements Comparable<DateValue> {
    @Override
    public int compareTo(DateValue other) {
        int bySecond = Long.compare(epochSecond, other.epochSecond);
        return bySecond != 0 ? bySecond : Integer.compare(nano, other.nano);
    }

    /** Parses a Date condition value with IAM's write-time ("legacy parsing") grammar, see {@link LegacyDate}. */
    public static Optional<DateValue> parse(String text) {
        return LegacyDate.parse(text);
    }
}
