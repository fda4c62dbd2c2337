package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How codes are made: number of decimal digits (RFC 4226 allows 6 to 8), time step (whole seconds), and HMAC
 * algorithm (HmacSHA1, HmacSHA256 or HmacSHA512, the three of RFC 6238).
 */
public record TotpParameters(int digits, Duration step, String algorithm) {
    /** What AWS virtual MFA devices (and every common authenticator app) use. */
    public static final TotpParameters AWS = new TotpParameters(6, Duration.ofSeconds(30), "HmacSHA1");

    public TotpParameters {
        requireNonNull(step, "step is null");
        requireNonNull(algorithm, "algorithm is null");
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8, not " + digits);
        }
        if (step.isNegative() || step.isZero() || step.getNano() != 0) {
            throw new IllegalArgumentException("step must be a positive whole number of seconds, not " + step);
        }
        switch (algorithm) {
            case "HmacSHA1", "HmacSHA256", "HmacSHA512" -> { }
            default -> throw new IllegalArgumentException(
                    "algorithm must be HmacSHA1, HmacSHA256 or HmacSHA512, not " + algorithm);
        }
    }

    /** The algorithm as otpauth URIs name it: SHA1, SHA256 or SHA512. */
    public String otpauthAlgorithm() {
        return algorithm.substring("Hmac".length());
    }
}
