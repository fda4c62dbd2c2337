package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeThrottleTest {
    private static final CodeThrottle THROTTLE = CodeThrottle.DEFAULT;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fiveFailuresAreFreeThenTheLockoutDoublesUpToAnHour() {
        FailedCodes failures = FailedCodes.NONE;
        for (int i = 0; i < 4; i++) {
            failures = THROTTLE.afterFailure(failures, START);
            assertThat(THROTTLE.lockedUntil(failures, START)).isEmpty();
        }
        failures = THROTTLE.afterFailure(failures, START);
        assertThat(THROTTLE.lockedUntil(failures, START)).contains(START.plus(Duration.ofMinutes(1)));
        assertThat(THROTTLE.lockedUntil(failures, START.plusSeconds(59))).isPresent();
        assertThat(THROTTLE.lockedUntil(failures, START.plusSeconds(60))).isEmpty();

        List<Duration> lockouts = new ArrayList<>();
        for (int count = 5; count <= 13; count++) {
            lockouts.add(THROTTLE.lockout(count));
        }
        assertThat(lockouts).extracting(Duration::toMinutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(THROTTLE.lockout(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void eachLockoutRunsFromTheLastFailure() {
        FailedCodes failures = FailedCodes.NONE;
        Instant now = START;
        for (int i = 0; i < 6; i++) {
            failures = THROTTLE.afterFailure(failures, now);
            now = THROTTLE.lockedUntil(failures, now).orElse(now);
        }
        assertThat(failures.count()).isEqualTo(6);
        assertThat(failures.lastFailure()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(THROTTLE.lockedUntil(failures, failures.lastFailure()))
                .contains(START.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aDayWithoutFailuresStartsOver() {
        FailedCodes failures = new FailedCodes(20, START);
        assertThat(THROTTLE.lockedUntil(failures, START.plus(Duration.ofMinutes(59)))).isPresent();
        Instant dayLater = START.plus(Duration.ofDays(1));
        assertThat(THROTTLE.lockedUntil(failures, dayLater)).isEmpty();
        assertThat(THROTTLE.afterFailure(failures, dayLater)).isEqualTo(new FailedCodes(1, dayLater));
        assertThat(THROTTLE.afterFailure(failures, dayLater.minusNanos(1)).count()).isEqualTo(21);
    }

    @Test
    void theCountSaturates() {
        FailedCodes most = new FailedCodes(Integer.MAX_VALUE, START);
        assertThat(THROTTLE.afterFailure(most, START).count()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatThrownBy(() -> new CodeThrottle(0, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodeThrottle(5, Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodeThrottle(5, Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodeThrottle(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callersAreCountedApartAndStartOverWhenACodeIsAccepted() {
        CallerCodeThrottle callers = new CallerCodeThrottle(THROTTLE);
        for (int i = 0; i < 5; i++) {
            callers.failed("AIDAALICE", START);
        }
        assertThat(callers.lockedUntil("AIDAALICE", START)).contains(START.plus(Duration.ofMinutes(1)));
        assertThat(callers.lockedUntil("AIDABOB", START)).isEmpty();
        callers.succeeded("AIDAALICE");
        assertThat(callers.lockedUntil("AIDAALICE", START)).isEmpty();
        assertThat(callers.failed("AIDAALICE", START).count()).isEqualTo(1);
    }
}
