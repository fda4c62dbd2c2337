package dev.lanyard.store.jdbc;

import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.tokens.TokenKeyset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Restores a backup ({@link StoreBackup}) into a data directory for the embedded store, checking everything before it
 * replaces anything: the backup is loaded into a new database beside the data directory's, its SHA-256 and row counts
 * checked, the database opened as the server would open it (every secret unsealed with the master keys given, the
 * token keyset too), and only then moved into place. A data directory that already holds a database is refused unless
 * the caller asks to replace it; the old database is then set aside, not deleted.
 */
public final class EmbeddedRestore {
    private EmbeddedRestore() {}

    /** What was restored, and where the database it replaced was set aside, if there was one. */
    public record Outcome(StoreBackup.Summary backup, Optional<Path> setAside) {}

    public static Outcome restore(Path backup, Path dataDirectory, MasterKeyring keys, boolean replace,
            InstantSource clock) throws IOException {
        StoreBackup.Summary header;
        try (InputStream in = Files.newInputStream(backup)) {
            header = StoreBackup.header(in);
        }
        List<MasterKeyId> missing = header.keysNeeded().stream().filter(id -> !keys.holds(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the backup's secrets are sealed under master key(s) " + missing
                    + ", and the keys given are " + keys.ids() + ": restore with the master key that was in use"
                    + " when the backup was taken");
        }
        if (!Migrations.versions().contains(header.schemaVersion())) {
            throw new IllegalStateException("the backup has schema version " + header.schemaVersion()
                    + ", which this Lanyard does not know (it knows " + Migrations.versions() + "): restore it with"
                    + " the Lanyard version that made it, or a newer one");
        }
        Files.createDirectories(dataDirectory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        List<Path> existing = databaseFiles(dataDirectory);
        if (!existing.isEmpty() && !replace) {
            throw new IllegalStateException("the data directory " + dataDirectory + " already holds a database ("
                    + existing.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                    + "): restore into an empty data directory, or pass --force to set that database aside");
        }
        requireNotInUse(dataDirectory);
        String stamp = stamp(clock.instant());
        Path staging = Files.createDirectory(dataDirectory.resolve(".restore-" + stamp),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            StoreBackup.Summary loaded = load(backup, staging, header.schemaVersion());
            verify(staging, keys, clock);
            Optional<Path> setAside = Optional.empty();
            if (!existing.isEmpty()) {
                Path aside = Files.createDirectory(dataDirectory.resolve("before-restore-" + stamp),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                for (Path file : databaseFiles(dataDirectory)) {
                    Files.move(file, aside.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
                setAside = Optional.of(aside);
            }
            Files.move(staging.resolve(EmbeddedDatabase.FILE), dataDirectory.resolve(EmbeddedDatabase.FILE),
                    StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dataDirectory);
            return new Outcome(loaded, setAside);
        } finally {
            deleteTree(staging);
        }
    }

    /** The embedded database's files in {@code directory} ({@code lanyard.mv.db} and any other of H2's). */
    static List<Path> databaseFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(EmbeddedDatabase.NAME + ".")
                    && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** H2 holds an OS lock on the database file while a server has it open. */
    private static void requireNotInUse(Path directory) throws IOException {
        Path file = directory.resolve(EmbeddedDatabase.FILE);
        if (Files.notExists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(directory);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(directory);
        }
    }

    private static IllegalStateException inUse(Path directory) {
        return new IllegalStateException("a running Lanyard holds the database in " + directory
                + ": stop it before restoring into that directory");
    }

    /** Loads the backup into a new database at the backup's schema version; checks hash and counts on the way. */
    private static StoreBackup.Summary load(Path backup, Path staging, String schemaVersion) throws IOException {
        EmbeddedDatabase.restrictFiles(staging);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(EmbeddedDatabase.url(staging, JdbcIamStore.DEFAULT_WRITE_TIMEOUT));
        h2.setUser(EmbeddedDatabase.USER);
        h2.setPassword("");
        try (Connection c = h2.getConnection()) {
            Migrations.migrateTo(h2, schemaVersion);
            c.setAutoCommit(false);
            StoreBackup.Summary summary;
            try (InputStream in = Files.newInputStream(backup)) {
                summary = StoreBackup.read(in, new Inserter(c));
            }
            c.commit();
            return summary;
        } catch (SQLException e) {
            throw new IllegalStateException("the backup does not load into a new database: " + e.getMessage(), e);
        }
    }

    /** Opens the loaded database as a server would: every secret must unseal under the keys given. */
    private static void verify(Path staging, MasterKeyring keys, InstantSource clock) {
        try (JdbcIamStore store = EmbeddedDatabase.open(staging, keys, clock)) {
            Optional<byte[]> keyset = store.loadKeyset();
            if (keyset.isPresent()) {
                TokenKeyset.fromEncryptedBytes(keyset.get(), store.keyring());
            }
            List<String> unknown = store.masterKeyStatus().sealed().byKey().keySet().stream()
                    .filter(id -> !id.equals(SealedValues.WITHOUT_KEY_ID) && !keys.holds(new MasterKeyId(id)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("the backup holds values sealed under master key(s) " + unknown
                        + ", which the keys given do not include");
            }
        } catch (SealedDataException e) {
            throw new IllegalStateException("the backup's token keyset does not open with the master keys given: "
                    + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the restored store does not open: " + e.getMessage(), e);
        }
    }

    /** Inserts each table's rows, replacing what the migrations seeded (the version row). */
    private static final class Inserter implements StoreBackup.Sink {
        private final Connection c;
        private PreparedStatement insert;

        Inserter(Connection c) {
            this.c = c;
        }

        @Override
        public void table(String table, List<StoreBackup.Column> columns) throws SQLException {
            if (!StoreTables.tables(c).contains(table)) {
                throw new SQLException("the backup has a table " + table + " that its schema version does not");
            }
            if (insert != null) {
                insert.close();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + table);
            }
            List<String> names = new ArrayList<>();
            for (StoreBackup.Column column : columns) {
                if (!column.name().matches("[a-z_][a-z0-9_]*")) {
                    throw new SQLException("the backup names a column " + column.name() + " of " + table);
                }
                names.add(column.name());
            }
            insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")");
        }

        @Override
        public void row(List<Object> values) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                switch (value) {
                    case null -> insert.setObject(i + 1, null);
                    case String text -> insert.setString(i + 1, text);
                    case byte[] bytes -> insert.setBytes(i + 1, bytes);
                    case Long number -> insert.setLong(i + 1, number);
                    case Boolean flag -> insert.setBoolean(i + 1, flag);
                    default -> throw new SQLException("a value of type " + value.getClass().getSimpleName());
                }
            }
            insert.executeUpdate();
        }
    }

    private static String stamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Best effort: a staging directory left behind holds nothing the data directory's owner could not read. */
    private static void deleteTree(Path root) {
        if (Files.notExists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger("dev.lanyard.store").log(System.Logger.Level.WARNING,
                    "cannot remove the staging directory " + root + ": " + e);
        }
    }
}
