package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The MFA codes refused in a row for one device (or one caller), and when the last of them was refused. What they
 * cost is {@link CodeThrottle}'s to say.
 */
public record FailedCodes(int count, Instant lastFailure) {
    /** No failure since the last accepted code. */
    public static final FailedCodes NONE = new FailedCodes(0, Instant.EPOCH);

    public FailedCodes {
        requireNonNull(lastFailure, "lastFailure is null");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, not " + count);
        }
    }
}
