package dev.lanyard.authorizer;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers already given, keyed by the question (which holds the client's signature): at most {@code capacity}, the
 * least recently used leaving first, each kept until its own expiry. Thread-safe.
 */
final class DecisionCache<V> {
    private final int capacity;
    private final InstantSource clock;
    private final LinkedHashMap<String, Cached<V>> entries;

    private record Cached<V>(V value, Instant expiresAt) {}

    DecisionCache(int capacity, InstantSource clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative: " + capacity);
        }
        this.capacity = capacity;
        this.clock = requireNonNull(clock, "clock is null");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached<V>> eldest) {
                return size() > DecisionCache.this.capacity;
            }
        };
    }

    synchronized Optional<V> get(String key) {
        Cached<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    synchronized void put(String key, V value, Instant expiresAt) {
        if (capacity > 0 && clock.instant().isBefore(expiresAt)) {
            entries.put(key, new Cached<>(value, expiresAt));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
