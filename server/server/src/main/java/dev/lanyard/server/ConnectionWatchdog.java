package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes connections whose client makes no progress within the {@link HttpLimits}: idle between requests, sending a
 * request (a slowloris trickling one byte at a time stays within any per-read timeout, so the request as a whole has a
 * deadline), or reading an answer. The engine reports each connection's events to its {@link Watch}; a daemon thread
 * ticks every {@link HttpLimits#checkPeriod()} and closes the overdue ones, which ends whatever read or write their own
 * thread is blocked in. Time is counted in those ticks, so no clock is read and tests tick by hand. Thread-safe.
 */
final class ConnectionWatchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final long NONE = Long.MAX_VALUE;

    private final HttpLimits limits;
    private final Duration tick;
    private final AtomicLong ticks = new AtomicLong();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watch> current = new ThreadLocal<>();
    private final Optional<ScheduledExecutorService> timer;

    private ConnectionWatchdog(HttpLimits limits, boolean ticking) {
        this.limits = requireNonNull(limits, "limits is null");
        this.tick = limits.checkPeriod();
        this.timer = ticking ? Optional.of(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanyard-http-watchdog").daemon().factory())) : Optional.empty();
        long period = tick.toMillis();
        timer.ifPresent(t -> t.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS));
    }

    /** A watchdog whose own daemon thread ticks. */
    static ConnectionWatchdog started(HttpLimits limits) {
        return new ConnectionWatchdog(limits, true);
    }

    /** A watchdog that ticks only when {@link #tick()} is called. */
    static ConnectionWatchdog manual(HttpLimits limits) {
        return new ConnectionWatchdog(limits, false);
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

    /** One period has passed: close every connection now past a deadline. */
    void tick() {
        long now = ticks.incrementAndGet();
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

    /** The tick after which {@code limit} has passed, counted from now: at least a whole limit, at most a tick more. */
    private long deadline(Duration limit) {
        long whole = (limit.toNanos() + tick.toNanos() - 1) / tick.toNanos();
        return ticks.get() + whole;
    }

    @Override
    public void close() {
        timer.ifPresent(ScheduledExecutorService::shutdownNow);
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
                readDeadline(limits.requestRead(), "a request not received within " + describe(limits.requestRead()));
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
            readDeadline(limits.idle(), "idle for " + describe(limits.idle()));
        }

        void writing() {
            writeDeadline = deadline(limits.responseWrite());
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

        private void readDeadline(Duration limit, String reason) {
            waitingFor = reason;
            readDeadline = deadline(limit);
        }

        /** Why this connection is past a deadline at tick {@code now}, if it is. */
        Optional<String> overdue(long now) {
            if (now > writeDeadline) {
                return Optional.of("an answer not read within " + describe(limits.responseWrite()));
            }
            return now > readDeadline ? Optional.of(waitingFor) : Optional.empty();
        }
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
