package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final TestWorld.Clock clock = new TestWorld.Clock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aBurstPassesThenTheBucketRefillsAtItsRate() {
        RateLimiter limiter = new RateLimiter(new RequestRate(2, 5), 1024, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("111122223333")).as("request %d of the burst", i).isTrue();
        }
        assertThat(limiter.tryAcquire("111122223333")).isFalse();
        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.tryAcquire("111122223333")).as("not yet a whole token").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("111122223333")).isTrue();
        assertThat(limiter.tryAcquire("111122223333")).isFalse();
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("111122223333")).as("refilled only up to the burst").isTrue();
        }
        assertThat(limiter.tryAcquire("111122223333")).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(new RequestRate(1, 1), 1024, clock);
        assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
        assertThat(limiter.tryAcquire("192.0.2.1")).isFalse();
        assertThat(limiter.tryAcquire("192.0.2.2")).isTrue();
    }

    @Test
    void lookingTakesNothing() {
        RateLimiter limiter = new RateLimiter(new RequestRate(1, 2), 1024, clock);
        assertThat(limiter.exhausted("192.0.2.1")).isFalse();
        assertThat(limiter.size()).as("an unseen key holds no bucket").isZero();
        limiter.tryAcquire("192.0.2.1");
        assertThat(limiter.exhausted("192.0.2.1")).isFalse();
        assertThat(limiter.exhausted("192.0.2.1")).isFalse();
        limiter.tryAcquire("192.0.2.1");
        assertThat(limiter.exhausted("192.0.2.1")).isTrue();
    }

    @Test
    void aClockSteppingBackRefillsNothing() {
        RateLimiter limiter = new RateLimiter(new RequestRate(1, 1), 1024, clock);
        assertThat(limiter.tryAcquire("k")).isTrue();
        clock.advance(Duration.ofHours(-1));
        assertThat(limiter.tryAcquire("k")).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.tryAcquire("k")).as("the hour back is not counted as refill time").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isTrue();
    }

    /** A flood of distinct sources cannot grow memory past the bound, nor free a busy source from its limit. */
    @Test
    void aFloodOfDistinctKeysStaysWithinTheBoundAndABusyKeyStaysHeld() {
        RateLimiter limiter = new RateLimiter(new RequestRate(1, 3), 1024, clock);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("198.51.100.7");
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255))).isTrue();
            if (i % 64 == 0) {
                assertThat(limiter.tryAcquire("198.51.100.7")).as("the busy source after %d others", i).isFalse();
            }
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1024);
    }

    @Test
    void ratesAreParsedAsTheFlagsTakeThem() {
        assertThat(RequestRate.parse("20")).isEqualTo(new RequestRate(20, 20));
        assertThat(RequestRate.parse("0.5")).isEqualTo(new RequestRate(0.5, 1));
        assertThat(RequestRate.parse("20:100")).isEqualTo(new RequestRate(20, 100));
        for (String bad : new String[] {"", "x", "0", "-1", "1:0", "1:2:3", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> RequestRate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RATE or RATE:BURST");
        }
    }
}
