package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema migrations, named here rather than found by Flyway scanning the class path: in the shaded jar a scan
 * walks every one of its entries, twice (SQL resources and Java migration classes), at every start. A test checks
 * this list against the files in {@value #LOCATION}.
 *
 * <p>When the schema history already records exactly these scripts, each applied successfully and with the checksum
 * Flyway computes for it, there is nothing to migrate or to report, and Flyway is not started (it costs about a tenth
 * of a second, most of the time spent loading its classes and H2's). Anything else, from a missing history table to a
 * failed, edited, newer or unknown entry, goes to Flyway, which migrates, validates and reports as ever.
 */
final class Migrations implements ResourceProvider {
    static final String LOCATION = "db/migration";
    static final List<String> FILES = List.of("V1__iam_entities.sql", "V2__master_keys.sql",
            "V3__s3_buckets.sql", "V4__audit_trail.sql",
            "V5__last_used.sql", "V6__s3_bucket_principal_ids.sql", "V7__usage_saved_at.sql",
            "V8__iam_report.sql");
    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String HISTORY_CREATED = "TABLE";

    private final ClassLoader classLoader;

    private Migrations(ClassLoader classLoader) {
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    static Migrations forClassLoader(ClassLoader classLoader) {
        return new Migrations(classLoader);
    }

    /** Brings the schema to the latest version. */
    static void migrate(DataSource dataSource) {
        ClassLoader classLoader = Migrations.class.getClassLoader();
        if (forClassLoader(classLoader).applied(dataSource)) {
            return;
        }
        Flyway.configure(classLoader).dataSource(dataSource).locations("classpath:" + LOCATION)
                .resourceProvider(forClassLoader(classLoader))
                .javaMigrationClassProvider(List::of)
                .load().migrate();
    }

    /**
     * Brings an empty database to exactly {@code version}, not beyond: where a restore loads a backup made at that
     * version, before the store's own opening migrates it to the latest.
     */
    static void migrateTo(DataSource dataSource, String version) {
        if (!versions().contains(version)) {
            throw new IllegalArgumentException("schema version " + version + " is not one this Lanyard knows ("
                    + versions() + "): the backup was made by a newer Lanyard");
        }
        ClassLoader classLoader = Migrations.class.getClassLoader();
        Flyway.configure(classLoader).dataSource(dataSource).locations("classpath:" + LOCATION)
                .resourceProvider(forClassLoader(classLoader))
                .javaMigrationClassProvider(List::of)
                .target(version)
                .load().migrate();
    }

    /** The versions of the migrations, oldest first. */
    static List<String> versions() {
        return FILES.stream().map(Migrations::version).toList();
    }

    /** The newest version the database's schema history records as applied. */
    static String appliedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM " + HISTORY_TABLE
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC")) {
            if (!rows.next()) {
                throw new SQLException("the schema history records no migration");
            }
            return rows.getString(1);
        }
    }

    /** Whether the schema history holds exactly these migrations, all successful and unchanged. */
    boolean applied(DataSource dataSource) {
        Map<String, Integer> expected = new HashMap<>();
        for (String file : FILES) {
            expected.put(version(file), checksum(new Migration(file).read()));
        }
        Map<String, Integer> recorded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, type, checksum, success FROM " + HISTORY_TABLE)) {
            while (rows.next()) {
                String version = rows.getString("version");
                String type = rows.getString("type");
                int checksum = rows.getInt("checksum");
                boolean checksummed = !rows.wasNull();
                if (!rows.getBoolean("success")) {
                    return false;
                }
                if (version == null && HISTORY_CREATED.equals(type)) {
                    continue; // Flyway's note that it created the history table
                }
                if (!"SQL".equals(type) || !checksummed || recorded.put(version, checksum) != null) {
                    return false;
                }
            }
        } catch (SQLException e) {
            return false; // no history yet, or one this check does not understand: Flyway decides
        }
        return recorded.equals(expected);
    }

    /**
     * The checksum Flyway records for a script: CRC-32 over the UTF-8 bytes of its lines, without line ends or a
     * leading byte-order mark. Should Flyway ever compute it differently, the history no longer matches and Flyway
     * simply runs as before.
     */
    static int checksum(Reader script) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(script)) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = lines.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a migration script", e);
        }
        return (int) crc.getValue();
    }

    /** The version Flyway reads from a versioned script's name: {@code V1_2__name.sql} is version 1.2. */
    static String version(String file) {
        int separator = file.indexOf("__");
        if (!file.startsWith("V") || separator < 2) {
            throw new IllegalArgumentException("not a versioned migration: " + file);
        }
        return file.substring(1, separator).replace('_', '.');
    }

    @Override
    public LoadableResource getResource(String name) {
        return FILES.contains(name) ? new Migration(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
        return FILES.stream()
                .filter(file -> file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith))
                .<LoadableResource>map(Migration::new)
                .toList();
    }

    /** One migration script on the class path, described as Flyway's own class-path scanner would. */
    private final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = classLoader.getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new IllegalStateException("migration " + getAbsolutePath() + " is not on the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            URL url = classLoader.getResource(getAbsolutePath());
            return url == null ? getAbsolutePath() : url.getPath();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
