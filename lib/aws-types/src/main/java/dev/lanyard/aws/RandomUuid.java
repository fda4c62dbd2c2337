package dev.lanyard.aws;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Version-4 UUIDs (SAMLProviderUUID, a JWT's {@code jti}) from the generator the caller was given, instead of
 * {@code UUID.randomUUID()}'s hidden one, so tests can seed it and the composition root chooses it.
 */
public final class RandomUuid {
    private RandomUuid() {}

    public static UUID generate(RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
