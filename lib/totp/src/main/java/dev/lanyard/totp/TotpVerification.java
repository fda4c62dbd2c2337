package dev.lanyard.totp;

/**
 * An accepted code. Store {@code acceptedCounter} as the device's last accepted counter (atomically, compare-and-set
 * against the value passed to {@link TotpVerifier#verify}) so that the same code, or an older one, is refused next
 * time.
 */
public record TotpVerification(long acceptedCounter) {
    public TotpVerification {
        if (acceptedCounter < 0) {
            throw new IllegalArgumentException("acceptedCounter must not be negative, not " + acceptedCounter);
        }
    }
}
