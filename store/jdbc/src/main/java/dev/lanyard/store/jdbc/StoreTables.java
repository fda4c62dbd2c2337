package dev.lanyard.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The store's tables: those the migrations create (read from the scripts themselves, so a table a later migration
 * adds is included without a list to keep) that the database's catalogue has. A PostgreSQL schema shared with other
 * applications keeps their tables out of Lanyard's backups and rotations.
 */
final class StoreTables {
    /** Flyway's record of the migrations applied: the schema's version, not data. */
    static final String SCHEMA_HISTORY = "flyway_schema_history";
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile("DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private StoreTables() {}

    /** The store's tables in the connection's schema, sorted by name. */
    static List<String> tables(Connection c) throws SQLException {
        Set<String> ours = created();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (ours.contains(name.toLowerCase(Locale.ROOT))) {
                    tables.add(name);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    /** The tables the migration scripts create and do not drop again, in lower case. */
    static Set<String> created() {
        Set<String> tables = new TreeSet<>();
        for (String file : Migrations.FILES) {
            String script = read(Migrations.LOCATION + "/" + file);
            tables.addAll(names(CREATE.matcher(script)));
            tables.removeAll(names(DROP.matcher(script)));
        }
        return tables;
    }

    private static Set<String> names(Matcher matcher) {
        return matcher.results().map(m -> m.group(1).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static String read(String resource) {
        InputStream in = StoreTables.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("migration " + resource + " is not on the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.stripLeading().startsWith("--"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
