package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each phase of a connection has its deadline, and bytes trickling in never push a request's deadline back. */
class ConnectionWatchdogTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final HttpLimits LIMITS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(30));
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private long in(long seconds) {
        return now.get() + seconds * SECOND;
    }

    @Test
    void idleUntilTheFirstByteThenTheRequestHasItsOwnDeadline() {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog(LIMITS, now::get)) {
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", () -> { });
            assertThat(watch.overdue(in(10))).isEmpty();
            assertThat(watch.overdue(in(10) + 1)).contains("idle for 10 s");

            now.addAndGet(5 * SECOND);
            watch.bytesArrived();
            for (int i = 0; i < 19; i++) {
                now.addAndGet(SECOND);
                watch.bytesArrived();
            }
            assertThat(watch.overdue(now.get() + SECOND)).isEmpty();
            assertThat(watch.overdue(now.get() + SECOND + 1)).contains("a request not received within 20 s");
        }
    }

    @Test
    void ourOwnWorkHasNoDeadlineButWritingHasOne() {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog(LIMITS, now::get)) {
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", () -> { });
            watch.bytesArrived();
            watch.requestReceived();
            assertThat(watch.overdue(in(3600))).isEmpty();
            watch.writing();
            assertThat(watch.overdue(in(30))).isEmpty();
            assertThat(watch.overdue(in(30) + 1)).contains("an answer not read within 30 s");
            watch.written();
            watch.answered();
            assertThat(watch.overdue(in(10) + 1)).contains("idle for 10 s");
            watch.bytesArrived();
            assertThat(watch.overdue(in(10) + 1)).isEmpty();
        }
    }

    @Test
    void anOverdueConnectionIsClosedAndForgotten() throws InterruptedException {
        try (ConnectionWatchdog watchdog = new ConnectionWatchdog(LIMITS, now::get)) {
            CountDownLatch closed = new CountDownLatch(1);
            watchdog.watch("peer", closed::countDown);
            ConnectionWatchdog.Watch ended = watchdog.watch("other", () -> { });
            ended.end();
            assertThat(watchdog.watched()).isEqualTo(1);
            now.addAndGet(11 * SECOND);
            // A bound for a failing test, not a timing assertion: the watchdog looks every second at most.
            assertThat(closed.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(watchdog.watched()).isZero();
        }
    }

    @Test
    void theCheckPeriodFollowsTheShortestLimit() {
        assertThat(HttpLimits.DEFAULTS.checkPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new HttpLimits(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5)).checkPeriod())
                .isEqualTo(Duration.ofMillis(50));
        assertThat(new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)).checkPeriod())
                .isEqualTo(Duration.ofMillis(500));
    }
}
