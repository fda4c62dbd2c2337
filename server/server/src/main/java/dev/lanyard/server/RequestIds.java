package dev.lanyard.server;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version-4 UUIDs for x-amzn-RequestId. Request IDs are not secrets, so they come from the fast per-thread generator:
 * {@code UUID.randomUUID()} takes the JDK's shared NativePRNG lock on every request.
 */
final class RequestIds {
    private RequestIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
