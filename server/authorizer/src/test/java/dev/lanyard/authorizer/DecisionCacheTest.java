package dev.lanyard.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The cache of answers: bounded, least recently used first out, each answer gone at its own expiry. */
class DecisionCacheTest {
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void anAnswerLastsUntilItsExpiryAndNotAnInstantLonger() {
        DecisionCache<String> cache = new DecisionCache<>(10, clock);
        cache.put("q", "allowed", now.plusSeconds(5));
        assertThat(cache.get("q")).contains("allowed");
        now = now.plusSeconds(4);
        assertThat(cache.get("q")).contains("allowed");
        now = now.plusSeconds(1);
        assertThat(cache.get("q")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedAnswerLeavesFirst() {
        DecisionCache<String> cache = new DecisionCache<>(2, clock);
        cache.put("a", "1", now.plus(Duration.ofMinutes(1)));
        cache.put("b", "2", now.plus(Duration.ofMinutes(1)));
        assertThat(cache.get("a")).contains("1");
        cache.put("c", "3", now.plus(Duration.ofMinutes(1)));
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).contains("1");
        assertThat(cache.get("c")).contains("3");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void nothingIsKeptThatHasAlreadyExpiredOrWithoutCapacity() {
        DecisionCache<String> cache = new DecisionCache<>(2, clock);
        cache.put("late", "x", now);
        assertThat(cache.get("late")).isEmpty();
        DecisionCache<String> none = new DecisionCache<>(0, clock);
        none.put("q", "x", now.plusSeconds(5));
        assertThat(none.get("q")).isEmpty();
    }
}
