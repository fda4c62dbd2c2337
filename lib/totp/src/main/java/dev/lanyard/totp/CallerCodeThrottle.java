package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed MFA codes per caller, in this node's memory: a second limit beside each device's own (which lives in the
 * store and holds across nodes), so that a caller with several devices, or several nodes to ask, gains little. With
 * n nodes a caller gets at most n times {@link CodeThrottle}'s allowance, and never more than each device allows.
 * Thread-safe; bounded by dropping callers that are not locked out once there are too many.
 */
public final class CallerCodeThrottle {
    private static final int MAX_CALLERS = 100_000;
    private final CodeThrottle throttle;
    private final ConcurrentHashMap<String, FailedCodes> failures = new ConcurrentHashMap<>();

    public CallerCodeThrottle(CodeThrottle throttle) {
        this.throttle = requireNonNull(throttle, "throttle is null");
    }

    public CodeThrottle throttle() {
        return throttle;
    }

    /** Until when this caller's codes are refused unchecked; empty when the next one may be checked. */
    public Optional<Instant> lockedUntil(String caller, Instant now) {
        FailedCodes current = failures.get(caller);
        return current == null ? Optional.empty() : throttle.lockedUntil(current, now);
    }

    /** Records a refused code and returns the caller's failures with it. */
    public FailedCodes failed(String caller, Instant now) {
        if (failures.size() >= MAX_CALLERS) {
            failures.values().removeIf(f -> throttle.lockedUntil(f, now).isEmpty());
        }
        return failures.compute(caller, (k, previous) -> throttle.afterFailure(
                previous == null ? FailedCodes.NONE : previous, now));
    }

    /** An accepted code starts the caller over. */
    public void succeeded(String caller) {
        failures.remove(caller);
    }
}
