package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Holds each acknowledgement until its commit is on stable storage, with one sync shared by every writer that
 * committed while the previous sync ran (group commit). Each commit takes a ticket; a writer waits for the sync lock,
 * and whoever holds it syncs everything committed so far, so the writers queued behind find their tickets already
 * durable and return without a sync of their own.
 *
 * <p>A sync that fails leaves the database's state on disk unknown (the OS may have dropped the pages it could not
 * write): from then on nothing is acknowledged until a restart recovers from what is really on disk.
 */
final class GroupCommit {
    /** Forces everything committed so far to stable storage. */
    @FunctionalInterface
    interface Sync {
        /** For a database whose commit is already durable (PostgreSQL with its defaults). */
        Sync ON_COMMIT = () -> { };

        void run() throws SQLException;
    }

    private final Sync sync;
    private final Duration wait;
    private final ReentrantLock syncLock = new ReentrantLock();
    private final AtomicLong committed = new AtomicLong();
    private volatile long durable;
    private final InstantSource clock;
    private volatile Instant syncStarted;
    private volatile String failure;

    GroupCommit(Sync sync, Duration wait, InstantSource clock) {
        this.sync = requireNonNull(sync, "sync is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.wait = requireNonNull(wait, "wait is null");
    }

    /** Called right after each commit; the ticket to wait for. */
    long committed() {
        return committed.incrementAndGet();
    }

    /**
     * Returns once commit {@code ticket} is durable. The sync that makes it so first asks {@code capture} for what
     * to run once the sync is done (publishing the state it covers), so the action never describes a commit that
     * came after the sync began.
     */
    void awaitDurable(long ticket, Supplier<Runnable> capture) throws SQLException {
        if (durable >= ticket) {
            return;
        }
        acquire();
        try {
            if (durable >= ticket) {
                return;
            }
            refuseIfFailed();
            long upTo = committed.get();
            Runnable afterSync = capture.get();
            syncStarted = clock.instant();
            try {
                sync.run();
            } catch (SQLException | RuntimeException e) {
                failure = "syncing the database to disk failed (" + e.getMessage() + "); restart Lanyard";
                throw e;
            } finally {
                syncStarted = null;
            }
            durable = upTo;
            afterSync.run();
        } finally {
            syncLock.unlock();
        }
    }

    /** Refuses work once a sync has failed: nothing written since could be promised durable. */
    void refuseIfFailed() throws SQLException {
        String failed = failure;
        if (failed != null) {
            throw new SQLException(failed);
        }
    }

    /** What keeps commits from becoming durable, if anything: a failed sync, or one that has not finished. */
    Optional<String> problem() {
        String failed = failure;
        if (failed != null) {
            return Optional.of(failed);
        }
        Instant started = syncStarted;
        Duration running = started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        if (running.compareTo(wait) > 0) {
            return Optional.of("syncing the database to disk has not finished for " + running.toSeconds() + " s");
        }
        return Optional.empty();
    }

    private void acquire() throws SQLException {
        try {
            if (!syncLock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SQLTimeoutException("syncing the database to disk did not finish within " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTimeoutException("interrupted while waiting for the database sync", e);
        }
    }
}
