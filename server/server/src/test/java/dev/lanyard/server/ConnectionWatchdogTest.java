package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each phase of a connection has its deadline, and bytes trickling in never push a request's deadline back. Time is
 * the watchdog's ticks (one second each with these limits), ticked by hand.
 */
class ConnectionWatchdogTest {
    private static final HttpLimits LIMITS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(30));

    private static void tick(ConnectionWatchdog watchdog, int times) {
        for (int i = 0; i < times; i++) {
            watchdog.tick();
        }
    }

    @Test
    void idleUntilTheFirstByteThenTheRequestHasItsOwnDeadline() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS)) {
            AtomicInteger closed = new AtomicInteger();
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", closed::incrementAndGet);
            assertThat(watch.overdue(10)).isEmpty();
            assertThat(watch.overdue(11)).contains("idle for 10 s");

            tick(watchdog, 5);
            watch.bytesArrived();
            for (int i = 0; i < 19; i++) {
                watchdog.tick();
                watch.bytesArrived();
            }
            assertThat(closed).hasValue(0);
            assertThat(watch.overdue(25)).isEmpty();
            assertThat(watch.overdue(26)).contains("a request not received within 20 s");
            tick(watchdog, 2);
            assertThat(closed).hasValue(1);
            assertThat(watchdog.watched()).isZero();
        }
    }

    @Test
    void ourOwnWorkHasNoDeadlineButWritingHasOne() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS)) {
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", () -> { });
            watch.bytesArrived();
            watch.requestReceived();
            assertThat(watch.overdue(Long.MAX_VALUE - 1)).isEmpty();
            watch.writing();
            assertThat(watch.overdue(30)).isEmpty();
            assertThat(watch.overdue(31)).contains("an answer not read within 30 s");
            watch.written();
            watch.answered();
            assertThat(watch.overdue(11)).contains("idle for 10 s");
            watch.bytesArrived();
            assertThat(watch.overdue(11)).isEmpty();
        }
    }

    @Test
    void anEndedConnectionIsForgotten() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS)) {
            AtomicInteger closed = new AtomicInteger();
            ConnectionWatchdog.Watch ended = watchdog.watch("other", closed::incrementAndGet);
            ended.bind();
            assertThat(watchdog.current()).contains(ended);
            ended.end();
            assertThat(watchdog.current()).isEmpty();
            assertThat(watchdog.watched()).isZero();
            tick(watchdog, 100);
            assertThat(closed).hasValue(0);
        }
    }

    /** The started watchdog ticks on its own thread. */
    @Test
    void aStartedWatchdogClosesOnItsOwn() throws InterruptedException {
        HttpLimits short_ = new HttpLimits(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200));
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.started(short_)) {
            CountDownLatch closed = new CountDownLatch(1);
            watchdog.watch("peer", closed::countDown);
            // A bound for a failing test, not a timing assertion.
            assertThat(closed.await(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theTickFollowsTheShortestLimit() {
        assertThat(HttpLimits.DEFAULTS.checkPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new HttpLimits(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5)).checkPeriod())
                .isEqualTo(Duration.ofMillis(50));
        assertThat(new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)).checkPeriod())
                .isEqualTo(Duration.ofMillis(500));
    }

    /** A streamed body has no deadline: it is cut off only when a window of reading brings less than the rate. */
    @Test
    void aStreamedBodyKeepsTheMinimumRateOrIsCutOff() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS, 100)) {
            AtomicInteger closed = new AtomicInteger();
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", closed::incrementAndGet);
            watch.bytesArrived(500);
            watch.streamingBody();
            for (int window = 0; window < 10; window++) {
                for (int i = 0; i < 20; i++) {
                    watch.reading();
                    watchdog.tick();
                    watch.bytesArrived(150);
                }
            }
            assertThat(closed).as("ten windows, far past the request limit, above the rate").hasValue(0);

            watch.reading();
            tick(watchdog, 19);
            watch.bytesArrived(1849); // with the loop's last 150: one byte short of 20 s at 100 bytes/s
            watch.reading();
            assertThat(closed).hasValue(0);
            watchdog.tick();
            assertThat(closed).hasValue(1);
            assertThat(watch.overdue(0)).contains("a body slower than 100 bytes/s over 20 s");
        }
    }

    /** Time the connection's thread spends on our own work (a slow backend, say) is not the client's slowness. */
    @Test
    void onlyTimeSpentReadingCountsAgainstABody() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS, 100)) {
            AtomicInteger closed = new AtomicInteger();
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", closed::incrementAndGet);
            watch.bytesArrived(500);
            watch.streamingBody();
            tick(watchdog, 1000);
            assertThat(closed).hasValue(0);
            watch.reading();
            tick(watchdog, 20);
            assertThat(closed).as("a window of reading without a byte").hasValue(1);
        }
    }

    /** Headers still have the request deadline; an answered request leaves the body's rate behind. */
    @Test
    void headersHaveTheRequestDeadlineAndAnAnswerEndsTheBody() {
        try (ConnectionWatchdog watchdog = ConnectionWatchdog.manual(LIMITS, 100)) {
            ConnectionWatchdog.Watch watch = watchdog.watch("peer", () -> { });
            watch.bytesArrived(1);
            assertThat(watch.overdue(21)).contains("a request not received within 20 s");
            watch.streamingBody();
            watch.answered();
            watch.reading();
            tick(watchdog, 5);
            assertThat(watch.overdue(5)).isEmpty();
            assertThat(watch.overdue(16)).contains("idle for 10 s");
        }
    }
}
