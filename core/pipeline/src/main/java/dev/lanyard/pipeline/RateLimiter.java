package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per key (an account, a source address), in bounded memory: at most {@code maxKeys} buckets are
 * held, and past that the least recently used one is dropped. Dropping a bucket only gives its key a fresh burst,
 * which a flood of distinct keys gets anyway, so the bound costs no protection; a key that stays busy stays held.
 */
public final class RateLimiter {
    private static final int SHARDS = 16;
    private static final double NANOS_PER_SECOND = 1e9;

    private final RequestRate rate;
    private final InstantSource clock;
    private final Shard[] shards = new Shard[SHARDS];

    public RateLimiter(RequestRate rate, int maxKeys, InstantSource clock) {
        this.rate = requireNonNull(rate, "rate is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxKeys < SHARDS) {
            throw new IllegalArgumentException("maxKeys must be at least " + SHARDS + ": " + maxKeys);
        }
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(maxKeys / SHARDS);
        }
    }

    /** Takes one request's token from {@code key}'s bucket; false (and nothing taken) when it is empty. */
    public boolean tryAcquire(String key) {
        return shard(key).take(key, nanos(), true);
    }

    /** Whether {@code key}'s bucket is empty now, without taking from it. */
    public boolean exhausted(String key) {
        return !shard(key).take(key, nanos(), false);
    }

    /** How many buckets are held. */
    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            size += shard.size();
        }
        return size;
    }

    public RequestRate rate() {
        return rate;
    }

    private Shard shard(String key) {
        return shards[Math.floorMod(key.hashCode() * 0x9E3779B9, SHARDS)];
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    private final class Shard {
        private final Map<String, Bucket> buckets;

        Shard(int capacity) {
            this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized boolean take(String key, long nowNanos, boolean consume) {
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                if (!consume) {
                    return true;
                }
                bucket = new Bucket(rate.burst(), nowNanos);
                buckets.put(key, bucket);
            }
            // a clock stepping back refills nothing, and never takes tokens away
            long elapsed = Math.max(0, nowNanos - bucket.updatedNanos);
            bucket.tokens = Math.min(rate.burst(), bucket.tokens + elapsed / NANOS_PER_SECOND * rate.perSecond());
            bucket.updatedNanos = Math.max(bucket.updatedNanos, nowNanos);
            if (bucket.tokens < 1) {
                return false;
            }
            if (consume) {
                bucket.tokens -= 1;
            }
            return true;
        }

        synchronized int size() {
            return buckets.size();
        }
    }
}
