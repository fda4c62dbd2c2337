package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes connections whose client makes no progress within the {@link HttpLimits}: idle between requests, sending a
 * request (a slowloris trickling one byte at a time stays within any per-read timeout, so the request as a whole has a
 * deadline), or reading an answer. The engine reports each connection's events to its {@link Watch}; one daemon
 * thread closes the overdue ones, which ends whatever read or write their own thread is blocked in. Thread-safe.
 */
final class ConnectionWatchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final long NONE = Long.MIN_VALUE;

    private final HttpLimits limits;
    private final LongSupplier nanoTime;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watch> current = new ThreadLocal<>();
    private final ScheduledExecutorService timer;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    ConnectionWatchdog(HttpLimits limits, LongSupplier nanoTime) {
        this.limits = requireNonNull(limits, "limits is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanyard-http-watchdog").daemon().factory());
        long period = limits.checkPeriod().toMillis();
        timer.scheduleWithFixedDelay(this::closeOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching a new connection, idle until its first bytes arrive; {@code close} closes its socket. */
    Watch watch(String peer, Runnable close) {
        Watch watch = new Watch(peer, close);
        watches.add(watch);
        return watch;
    }

    /** The watch of the connection the calling thread serves (the engine runs each connection on its own thread). */
    Optional<Watch> current() {
        return Optional.ofNullable(current.get());
    }

    int watched() {
        return watches.size();
    }

    private void closeOverdue() {
        long now = nanoTime.getAsLong();
        for (Watch watch : watches) {
            Optional<String> overdue = watch.overdue(now);
            if (overdue.isPresent()) {
                watches.remove(watch);
                LOG.log(System.Logger.Level.INFO, "closing the connection from " + watch.peer + ": " + overdue.get());
                try {
                    watch.close.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing a slow connection failed: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * One connection's progress. Its own thread reports events; the watchdog thread only reads the deadlines.
     * Phases: idle (deadline: the idle limit), receiving a request (from its first byte: the request-read limit),
     * processing (none: our own work is not the client's slowness); any write has the response-write limit.
     */
    final class Watch {
        private final String peer;
        private final Runnable close;
        private volatile long readDeadline;
        private volatile long writeDeadline = NONE;
        private volatile String waitingFor;
        private boolean idle;

        private Watch(String peer, Runnable close) {
            this.peer = requireNonNull(peer, "peer is null");
            this.close = requireNonNull(close, "close is null");
            answered();
        }

        /** Binds this watch to the calling thread, which serves the connection from now on. */
        void bind() {
            current.set(this);
        }

        /** Bytes arrived: the first ones after an idle spell start a request, and its deadline. */
        void bytesArrived() {
            if (idle) {
                idle = false;
                deadline(limits.requestRead(), "a request not received within " + describe(limits.requestRead()));
            }
        }

        /** The whole request (headers and body) is in; what follows is our work. */
        void requestReceived() {
            idle = false;
            readDeadline = NONE;
        }

        /** The answer is out: idle until the next request. */
        void answered() {
            idle = true;
            deadline(limits.idle(), "idle for " + describe(limits.idle()));
        }

        void writing() {
            writeDeadline = nanoTime.getAsLong() + limits.responseWrite().toNanos();
        }

        void written() {
            writeDeadline = NONE;
        }

        /** The connection is gone: stop watching it. */
        void end() {
            watches.remove(this);
            if (current.get() == this) {
                current.remove();
            }
        }

        private void deadline(Duration limit, String reason) {
            waitingFor = reason;
            readDeadline = nanoTime.getAsLong() + limit.toNanos();
        }

        /** Why this connection is past a deadline at {@code now}, if it is. */
        Optional<String> overdue(long now) {
            long write = writeDeadline;
            if (write != NONE && now - write > 0) {
                return Optional.of("an answer not read within " + describe(limits.responseWrite()));
            }
            long read = readDeadline;
            return read != NONE && now - read > 0 ? Optional.of(waitingFor) : Optional.empty();
        }
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
