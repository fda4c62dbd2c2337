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
 * deadline), or reading an answer. Where bodies are as large as objects (the S3 gateway), no deadline fits a whole
 * request: there only the headers have one, and a body must keep a {@link #minBodyRate minimum rate} instead, measured
 * over each request-read limit's worth of time spent waiting for the client's bytes. The engine reports each connection's events to its {@link Watch}; a daemon thread
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
    private final long minBodyRate;
    private final long windowTicks;

    private ConnectionWatchdog(HttpLimits limits, long minBodyRate, boolean ticking) {
        this.limits = requireNonNull(limits, "limits is null");
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("the minimum body rate must not be negative: " + minBodyRate);
        }
        this.minBodyRate = minBodyRate;
        this.tick = limits.checkPeriod();
        this.windowTicks = ticksIn(limits.requestRead());
        this.timer = ticking ? Optional.of(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lanyard-http-watchdog").daemon().factory())) : Optional.empty();
        long period = tick.toMillis();
        timer.ifPresent(t -> t.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS));
    }

    /** A watchdog whose own daemon thread ticks; whole requests have the request-read deadline. */
    static ConnectionWatchdog started(HttpLimits limits) {
        return new ConnectionWatchdog(limits, 0, true);
    }

    /**
     * A watchdog whose own daemon thread ticks, for streamed bodies: a request's headers have the request-read
     * deadline, and a body announced by {@link Watch#streamingBody()} must arrive at {@code minBodyRate} bytes per
     * second or more.
     */
    static ConnectionWatchdog streaming(HttpLimits limits, long minBodyRate) {
        return new ConnectionWatchdog(limits, minBodyRate, true);
    }

    /** A watchdog that ticks only when {@link #tick()} is called. */
    static ConnectionWatchdog manual(HttpLimits limits) {
        return new ConnectionWatchdog(limits, 0, false);
    }

    /** The same for streamed bodies. */
    static ConnectionWatchdog manual(HttpLimits limits, long minBodyRate) {
        return new ConnectionWatchdog(limits, minBodyRate, false);
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
            watch.measureBody();
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
        return ticks.get() + ticksIn(limit);
    }

    private long ticksIn(Duration limit) {
        return (limit.toNanos() + tick.toNanos() - 1) / tick.toNanos();
    }

    @Override
    public void close() {
        timer.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /**
     * One connection's progress. Its own thread reports events; the watchdog thread only reads the deadlines.
     * Phases: idle (deadline: the idle limit), receiving a request (from its first byte: the request-read limit),
     * processing (none: our own work is not the client's slowness); any write has the response-write limit. A streamed
     * body has no deadline but a rate: each window of request-read time the connection spends blocked in a read must
     * bring the minimum rate's worth of bytes (time spent on our own work, such as waiting for a backend, is not
     * counted against the client).
     */
    final class Watch {
        private final String peer;
        private final Runnable close;
        private volatile long readDeadline;
        private volatile long writeDeadline = NONE;
        private volatile String waitingFor;
        private boolean idle;
        private volatile boolean streaming;
        private volatile boolean reading;
        private final AtomicLong windowBytes = new AtomicLong();
        /** Ticks of the current window spent reading; only the watchdog's thread touches it. */
        private long windowReadTicks;
        private volatile String tooSlow;

        private Watch(String peer, Runnable close) {
            this.peer = requireNonNull(peer, "peer is null");
            this.close = requireNonNull(close, "close is null");
            answered();
        }

        /** Binds this watch to the calling thread, which serves the connection from now on. */
        void bind() {
            current.set(this);
        }

        /** The connection's thread is about to block reading the client's next bytes. */
        void reading() {
            reading = true;
        }

        /** {@code count} bytes arrived. */
        void bytesArrived(int count) {
            reading = false;
            if (count > 0) {
                windowBytes.addAndGet(count);
                bytesArrived();
            }
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
            streaming = false;
            readDeadline = NONE;
        }

        /**
         * The request's headers are in and its body, if any, is read while it is handled: from now on the client must
         * keep the minimum body rate instead of meeting a deadline.
         */
        void streamingBody() {
            idle = false;
            readDeadline = NONE;
            windowBytes.set(0);
            streaming = true;
        }

        /** The answer is out: idle until the next request. */
        void answered() {
            streaming = false;
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

        /** One tick passed: while a streamed body is read, check its rate at the end of each window. */
        private void measureBody() {
            if (!streaming) {
                windowReadTicks = 0;
                return;
            }
            if (!reading) {
                return;
            }
            if (++windowReadTicks < windowTicks) {
                return;
            }
            windowReadTicks = 0;
            long wanted = minBodyRate * limits.requestRead().toMillis() / 1000;
            if (windowBytes.getAndSet(0) < Math.max(1, wanted)) {
                tooSlow = "a body slower than " + minBodyRate + " bytes/s over " + describe(limits.requestRead());
            }
        }

        /** Why this connection is past a deadline at tick {@code now}, if it is. */
        Optional<String> overdue(long now) {
            if (tooSlow != null) {
                return Optional.of(tooSlow);
            }
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
