package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.tokens.MasterKey;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a 200 rests on: writes acknowledged only once synced, syncs shared, and a write path that never hangs. */
@Timeout(120) // a hang guard: every wait in these tests is bounded by the store itself
class EmbeddedDurabilityTest {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private static User user(String name) {
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), name, "/", Instant.EPOCH,
                Optional.empty(), List.of(), List.of(), List.of());
    }

    private static Mutation<Integer> create(String name) {
        return Mutation.of(1, EntityChange.upsert(user(name)));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedDatabase.url(dir, SHORT), EmbeddedDatabase.USER, "");
    }

    private static long storedVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM lanyard_meta WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void acknowledgedWritesSurviveADatabaseClosedWithoutWritingAnything() throws Exception {
        JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            String name = "u" + i;
            store.update(s -> create(name));
        }
        store.update(s -> Mutation.of(1, EntityChange.remove(user("u7"))));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY"); // H2 closes its files and stores nothing more: as kill -9 would
        }
        store.close();
        try (JdbcIamStore reopened = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC())) {
            assertThat(reopened.snapshot().users(ACCOUNT)).hasSize(49);
            assertThat(reopened.snapshot().user(ACCOUNT, "u7")).isEmpty();
            assertThat(reopened.snapshot().user(ACCOUNT, "u49")).isPresent();
        }
    }

    @Test
    void writersWaitingTogetherShareOneSyncAndReadersSeeOnlySyncedState() throws Exception {
        int writers = 8;
        AtomicInteger syncs = new AtomicInteger();
        AtomicReference<JdbcIamStore> opened = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<String> unsyncedSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Duration.ofSeconds(60), Clock.systemUTC(), real -> () -> {
            try (Connection c = connect()) {
                if (syncs.incrementAndGet() == 1) {
                    // hold the first sync until every other writer has committed and queued behind it
                    while (storedVersion(c) < writers || !othersWaiting(threads)) {
                        Thread.sleep(1);
                    }
                }
                if (opened.get().snapshot().version() >= storedVersion(c)) {
                    unsyncedSeen.add("readers saw version " + opened.get().snapshot().version() + " before its sync");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            real.run();
        })) {
            opened.set(store);
            List<Integer> results = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "w" + i;
                threads.add(Thread.ofPlatform().unstarted(() -> results.add(store.update(s -> create(name)))));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(results).hasSize(writers).containsOnly(1);
            assertThat(syncs.get()).as("syncs for %d writers", writers).isBetween(1, 2);
            assertThat(unsyncedSeen).isEmpty();
            assertThat(store.snapshot().users(ACCOUNT)).hasSize(writers);
        }
    }

    /** Every writer but the one asking is parked: waiting for the sync (the only timed wait left), or done. */
    private static boolean othersWaiting(List<Thread> threads) {
        return threads.stream().filter(t -> t != Thread.currentThread()).allMatch(
                t -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.TERMINATED);
    }

    @Test
    void anAnswerReadFromAStateNotYetSyncedWaitsForThatSync() throws Exception {
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Duration.ofSeconds(60), Clock.systemUTC(), real -> () -> {
            if (syncs.incrementAndGet() == 1) {
                firstSyncStarted.countDown();
                try {
                    releaseFirstSync.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            real.run();
        })) {
            Thread writer = Thread.ofPlatform().start(() -> store.update(s -> create("x")));
            firstSyncStarted.await();
            AtomicReference<Boolean> seen = new AtomicReference<>();
            // reads the committed but unsynced user and changes nothing, like a repeated UpdateAccessKey Inactive
            Thread reader = Thread.ofPlatform().start(() -> seen.set(store.update(s -> Mutation.of(
                    s.user(ACCOUNT, "x").isPresent()))));
            while (reader.getState() != Thread.State.TIMED_WAITING && reader.getState() != Thread.State.TERMINATED) {
                Thread.sleep(5);
            }
            assertThat(seen.get()).as("answered before the state it read was synced").isNull();
            releaseFirstSync.countDown();
            writer.join();
            reader.join();
            assertThat(seen.get()).isTrue();
        }
    }

    @Test
    void aWriteIsNotAcknowledgedBeforeItsSyncAndAFailedSyncStopsWrites() {
        AtomicInteger failNext = new AtomicInteger();
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, SHORT, Clock.systemUTC(), real -> () -> {
            if (failNext.get() > 0) {
                throw new SQLException("simulated I/O error while forcing the file");
            }
            real.run();
        })) {
            store.update(s -> create("before"));
            failNext.set(1);
            assertThatThrownBy(() -> store.update(s -> create("lost")))
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(store.snapshot().user(ACCOUNT, "lost")).as("never synced, so never visible").isEmpty();
            assertThat(store.snapshot().user(ACCOUNT, "before")).isPresent();
            assertThat(store.problem()).hasValueSatisfying(p -> assertThat(p).contains("sync"));
            failNext.set(0);
            assertThatThrownBy(() -> store.update(s -> create("after")))
                    .as("after a failed sync nothing on disk can be trusted until a restart")
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        }
    }

    @Test
    void aWriteThatCannotGetItsRowLockFailsWith503AndTheStoreRecovers() throws Exception {
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, SHORT, Clock.systemUTC())) {
            store.update(s -> create("first"));
            try (Connection other = connect()) {
                other.setAutoCommit(false);
                try (Statement s = other.createStatement()) {
                    s.executeQuery("SELECT version FROM lanyard_meta WHERE id = 1 FOR UPDATE").close();
                }
                assertThatThrownBy(() -> store.update(s -> create("blocked")))
                        .isInstanceOfSatisfying(AwsException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
                assertThat(store.problem()).isPresent();
                assertThat(store.snapshot().user(ACCOUNT, "first")).as("reads go on").isPresent();
                other.rollback();
            }
            store.update(s -> create("second"));
            assertThat(store.problem()).isEmpty();
            assertThat(store.snapshot().user(ACCOUNT, "blocked")).isEmpty();
            assertThat(store.snapshot().user(ACCOUNT, "second")).isPresent();
        }
    }

    @Test
    void aStuckWriteFailsTheOthersFastShowsInHealthAndDoesNotHoldUpClose() throws Exception {
        JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, SHORT, Clock.systemUTC());
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> store.update(s -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return create("stuck");
        }));
        try {
            stuck.await();
            assertThatThrownBy(() -> store.update(s -> create("queued")))
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(store.problem()).hasValueSatisfying(p -> assertThat(p).contains("has not finished"));
            store.close();
        } finally {
            release.countDown();
            writer.join();
        }
    }

    @Test
    void aTransactionACrashCaughtHalfCommittedIsFinishedOnOpenAndItsRowsTakeWritesAgain(@TempDir Path crashed)
            throws Exception {
        EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC()).close();
        Path image = crashImageWithAHalfCommittedTransaction(dir.resolve(EmbeddedDatabase.FILE));
        Files.copy(image, crashed.resolve(EmbeddedDatabase.FILE));
        try (JdbcIamStore store = EmbeddedDatabase.open(crashed, MASTER, SHORT, Clock.systemUTC())) {
            assertThat(store.snapshot().version()).as("the change the commit mark stands for").isEqualTo(4242);
            store.update(s -> create("after-the-crash"));
            assertThat(store.snapshot().user(ACCOUNT, "after-the-crash")).isPresent();
        }
    }

    /**
     * The database file as a crash leaves it while a transaction commits: one connection commits a large transaction
     * (which also updates the version row) while another stores the file again and again, copying it after each
     * store. Returns the first copy in which H2 finds the transaction marked committed but not finished. Catching
     * that moment is a race, so each attempt that misses starts again from the pristine file with a transaction twice
     * as large (a busy machine once let all copies of a 20,000-row commit miss it).
     */
    private Path crashImageWithAHalfCommittedTransaction(Path pristine) throws Exception {
        for (int attempt = 0, rows = 20_000; attempt < 6; attempt++, rows *= 2) {
            Path attemptDir = Files.createDirectory(dir.resolve("attempt-" + attempt));
            Files.copy(pristine, attemptDir.resolve(EmbeddedDatabase.FILE));
            Optional<Path> image = crashImageWithAHalfCommittedTransaction(attemptDir, rows);
            if (image.isPresent()) {
                return image.get();
            }
        }
        throw new AssertionError("no attempt caught the transaction half-committed");
    }

    private Optional<Path> crashImageWithAHalfCommittedTransaction(Path at, int rows) throws Exception {
        String url = "jdbc:h2:file:" + at.resolve(EmbeddedDatabase.NAME).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=1000000";
        Path images = Files.createDirectory(at.resolve("images"));
        List<Path> copies = new ArrayList<>();
        try (Connection storer = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
                Connection writer = DriverManager.getConnection(url, EmbeddedDatabase.USER, "")) {
            org.h2.mvstore.MVStore file = H2Recovery.mvStore(storer);
            try (Statement s = storer.createStatement()) {
                s.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v VARCHAR(20))");
            }
            writer.setAutoCommit(false);
            try (var insert = writer.prepareStatement("INSERT INTO scratch VALUES (?, ?)");
                    Statement s = writer.createStatement()) {
                for (int i = 0; i < rows; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
                s.executeUpdate("UPDATE lanyard_meta SET version = 4242 WHERE id = 1");
            }
            file.commit();
            Thread committing = Thread.ofPlatform().start(() -> {
                try {
                    writer.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (committing.isAlive()) {
                file.commit();
                Path copy = images.resolve("image-" + copies.size());
                Files.copy(at.resolve(EmbeddedDatabase.FILE), copy);
                copies.add(copy);
            }
            committing.join();
        }
        for (Path copy : copies) {
            Path probe = Files.createDirectory(images.resolve("probe-" + copy.getFileName()));
            Files.copy(copy, probe.resolve(EmbeddedDatabase.FILE));
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + probe.resolve(EmbeddedDatabase.NAME)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", EmbeddedDatabase.USER, "")) {
                var transactions = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                        .getSession()).getDatabase().getStore().getTransactionStore().getOpenTransactions();
                if (transactions.stream().anyMatch(t -> t.getStatus() == org.h2.mvstore.tx.Transaction.STATUS_COMMITTED)) {
                    return Optional.of(copy);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theDatabaseFilesAreTheOwnersAloneAndNoTraceFileIsWritten() throws Exception {
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC())) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(EmbeddedDatabase.FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            store.update(s -> create("alice"));
        }
        Files.setPosixFilePermissions(dir.resolve(EmbeddedDatabase.FILE), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("lanyard.trace.db"), "left by an earlier version");
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC())) {
            assertThat(store.snapshot().user(ACCOUNT, "alice")).isPresent();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f))
                    .as(f.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
        Files.delete(dir.resolve("lanyard.trace.db"));
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC())) {
            // an H2 error (a statement on a missing table) would have started a trace file beside the data
            assertThatThrownBy(() -> { try (Connection c = connect(); Statement s = c.createStatement()) {
                s.executeQuery("SELECT * FROM no_such_table"); } }).isInstanceOf(SQLException.class);
        }
        assertThat(dir.resolve("lanyard.trace.db")).doesNotExist();
    }
}
