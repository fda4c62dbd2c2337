package dev.lanyard.store.jdbc;

import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;

/**
 * The zero-setup default: an H2 database file in the data directory, in PostgreSQL mode so one schema serves both.
 *
 * <p>What H2 does with a commit by default: it marks the transaction committed in memory and returns; the MVStore's
 * background writer stores the changes to the file every WRITE_DELAY (500 ms) with a plain write, never a sync. So a
 * commit survives neither {@code kill -9} nor a power loss for up to half a second, and the background store can
 * catch a transaction half-way through its commit (see {@link H2Recovery} for what H2 then does on restart).
 *
 * <p>Here WRITE_DELAY is 0: there is no background writer, and each commit stores its own changes (a chunk, written
 * to the file) before it returns, under the store's write lock, so no store ever runs while another transaction is
 * committing. What remains is the sync: {@link GroupCommit} forces the file ({@code FileChannel.force(true)} through
 * {@code MVStore.sync()}) once for all the writers waiting, before any of them is acknowledged. The sync only forces
 * what is written and stores nothing itself, so it can run while the next writer commits.
 *
 * <p>H2 locks {@code lanyard.mv.db} with an OS file lock while it is open (FILE_LOCK=FS, its default): a second
 * process on the same directory is refused, and the lock dies with the process, so a restart after {@code kill -9}
 * opens at once. The file and everything else H2 creates here are the owner's alone (0600).
 */
public final class EmbeddedDatabase {
    static final String NAME = "lanyard";
    static final String FILE = NAME + ".mv.db";
    static final String USER = "lanyard";
    private static final System.Logger LOG = System.getLogger("dev.lanyard.store");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private EmbeddedDatabase() {}

    public static JdbcIamStore open(Path directory, MasterKey masterKey, InstantSource clock) {
        return open(directory, MasterKeyring.of(masterKey), clock);
    }

    public static JdbcIamStore open(Path directory, MasterKeyring keys, InstantSource clock) {
        return open(directory, keys, JdbcIamStore.DEFAULT_WRITE_TIMEOUT, clock, UnaryOperator.identity());
    }

    /** Opens the store; a write waits at most {@code writeTimeout} for its turn, a row lock or a sync. */
    public static JdbcIamStore open(Path directory, MasterKey masterKey, Duration writeTimeout,
            InstantSource clock) {
        return open(directory, masterKey, writeTimeout, clock, UnaryOperator.identity());
    }

    static JdbcIamStore open(Path directory, MasterKey masterKey, Duration writeTimeout, InstantSource clock,
            UnaryOperator<GroupCommit.Sync> syncs) {
        return open(directory, MasterKeyring.of(masterKey), writeTimeout, clock, syncs);
    }

    /** The same, with the sync seen through {@code syncs} (tests watch and delay it there). */
    static JdbcIamStore open(Path directory, MasterKeyring keys, Duration writeTimeout, InstantSource clock,
            UnaryOperator<GroupCommit.Sync> syncs) {
        restrictFiles(directory);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url(directory, writeTimeout));
        h2.setUser(USER);
        h2.setPassword("");
        Connection first;
        try {
            // Held for the store's lifetime: keeps the database open between transactions.
            first = h2.getConnection();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the data directory " + directory + " is in use by another Lanyard"
                        + " process (it holds the lock on " + FILE + "): stop that process or choose another"
                        + " data directory", e);
            }
            throw new IllegalStateException("cannot open the embedded database in " + directory + ": "
                    + e.getMessage(), e);
        }
        try {
            int repaired = H2Recovery.finishCommittedLeftovers(first);
            if (repaired > 0) {
                LOG.log(System.Logger.Level.WARNING, "finished " + repaired + " transaction(s) that were committing"
                        + " when the process stopped; H2 would have left their rows locked");
            }
            MVStore file = H2Recovery.mvStore(first);
            restrictFiles(directory);
            // one process at a time opens the file: no other node to agree on master keys with
            return JdbcIamStore.open(h2, keys, Optional.empty(), syncs.apply(file::sync), writeTimeout, clock,
                    first);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(first);
            throw e instanceof SQLException sql ? new IllegalStateException("cannot open the embedded database in "
                    + directory + ": " + sql.getMessage(), sql) : (RuntimeException) e;
        }
    }

    static String url(Path directory, Duration writeTimeout) {
        return "jdbc:h2:file:" + directory.resolve(NAME).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // a row lock that is not released in time fails the write instead of hanging it
                + ";LOCK_TIMEOUT=" + writeTimeout.toMillis()
                // Lanyard closes the database itself, within a bounded time; H2's own shutdown hook could hang
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // every commit stores its own changes before it returns; no background writer (see above)
                + ";WRITE_DELAY=0"
                // errors reach Lanyard as exceptions and are logged there; no trace file beside the data
                + ";TRACE_LEVEL_FILE=0";
    }

    /**
     * Creates the database file owner-only before H2 first opens it (H2 would create it with the process umask,
     * typically 0644), and narrows whatever H2 left in the directory from an earlier version.
     */
    static void restrictFiles(Path directory) {
        try {
            Path file = directory.resolve(FILE);
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith(NAME + ".")).toList()) {
                    if (Files.isRegularFile(f) && !Files.getPosixFilePermissions(f).equals(OWNER_ONLY)) {
                        Files.setPosixFilePermissions(f, OWNER_ONLY);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the database files in " + directory + " to their owner",
                    e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the original failure is the one to report
        }
    }
}
