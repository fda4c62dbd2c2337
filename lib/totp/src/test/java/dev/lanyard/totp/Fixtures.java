package dev.lanyard.totp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Shared test data: RFC keys and reproducible randomness. */
final class Fixtures {
    /** RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1) key: ASCII "12345678901234567890". */
    static final TotpSeed RFC_SHA1 = ascii("12345678901234567890");
    static final TotpSeed RFC_SHA256 = ascii("12345678901234567890123456789012");
    static final TotpSeed RFC_SHA512 =
            ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private Fixtures() {}

    static TotpSeed ascii(String key) {
        return TotpSeed.of(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** A SecureRandom whose bytes come from a seeded SplittableRandom, so generated seeds are reproducible. */
    static SecureRandom seededSecureRandom(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }
        };
    }
}
