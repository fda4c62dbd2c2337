package dev.lanyard.s3gateway;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a backend connection whose read has waited longer than the limit, in place of a socket read timeout. A timed
 * read on a virtual thread costs a timer task scheduled and cancelled per read, each waking the JDK's delay-scheduler
 * thread: about a sixth of the gateway's CPU per small request. Here a read is two volatile writes, and a daemon thread
 * ticks once a period and closes the overdue sockets, which ends the read blocked on them. Time is counted in ticks,
 * so no clock is read and tests tick by hand. Thread-safe.
 */
final class BackendStalls implements Closeable {
    private static final long IDLE = -1;

    private final long limitTicks;
    private final AtomicLong ticks = new AtomicLong();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Optional<ScheduledExecutorService> timer;

    private BackendStalls(long limitTicks, Optional<Duration> period) {
        if (limitTicks < 1) {
            throw new IllegalArgumentException("the stall limit must be at least one tick: " + limitTicks);
        }
        this.limitTicks = limitTicks;
        this.timer = period.map(p -> Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanyard-s3-backend-stalls").daemon().factory()));
        period.ifPresent(p -> timer.orElseThrow()
                .scheduleWithFixedDelay(this::tick, p.toMillis(), p.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Ticking every {@code period} on its own daemon thread; a read waits at most {@code limit} (plus one period). */
    static BackendStalls started(Duration limit, Duration period) {
        return new BackendStalls(Math.ceilDiv(limit.toMillis(), period.toMillis()), Optional.of(period));
    }

    /** Ticking only when {@link #tick()} is called. */
    static BackendStalls manual(long limitTicks) {
        return new BackendStalls(limitTicks, Optional.empty());
    }

    /** Starts watching a connection's reads; {@code close} closes its socket. */
    Watch watch(Runnable close) {
        Watch watch = new Watch(close);
        watches.add(watch);
        return watch;
    }

    /** One period has passed: close every connection whose read has waited past the limit. */
    void tick() {
        long now = ticks.incrementAndGet();
        for (Watch watch : watches) {
            long since = watch.readingSince;
            if (since != IDLE && now - since > limitTicks) {
                watch.stalled = true;
                watches.remove(watch);
                watch.close.run();
            }
        }
    }

    /** Whether some watched read is waiting now. */
    boolean anyReading() {
        return watches.stream().anyMatch(watch -> watch.readingSince != IDLE);
    }

    @Override
    public void close() {
        timer.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /** One connection's reads. */
    final class Watch {
        private final Runnable close;
        private volatile long readingSince = IDLE;
        private volatile boolean stalled;

        private Watch(Runnable close) {
            this.close = close;
        }

        /** A read is about to block. */
        void reading() {
            readingSince = ticks.get();
        }

        /** The read returned (bytes, the end, or a failure). */
        void done() {
            readingSince = IDLE;
        }

        /** What a read failed with: a timeout when this watch closed the socket, else {@code failure} as it was. */
        IOException failure(IOException failure) {
            if (!stalled) {
                return failure;
            }
            SocketTimeoutException timeout = new SocketTimeoutException("the backend sent nothing for too long");
            timeout.initCause(failure);
            return timeout;
        }

        /** The connection is closed: nothing more to watch. */
        void forget() {
            watches.remove(this);
        }
    }
}
