package dev.lanyard.store.jdbc;

import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the store holds sealed under which master key, counted column by column over every binary column of every
 * table, found in the database's own catalogue rather than listed here: the schema's rule is that a binary column
 * holds sealed data and nothing else (a secret in the clear is never stored). So a rotation can prove that nothing is
 * left under the old key, and a table added later with a sealed column is covered without anyone remembering to.
 */
public record SealedValues(Map<String, Map<String, Long>> byColumn) {
    /** Counted under this name: data sealed before sealed data named its key, which any key of the ring may open. */
    public static final String WITHOUT_KEY_ID = "without-key-id";

    public SealedValues {
        TreeMap<String, Map<String, Long>> copy = new TreeMap<>();
        byColumn.forEach((column, counts) -> copy.put(column, Map.copyOf(counts)));
        byColumn = Collections.unmodifiableMap(copy);
    }

    /** Counts per key id (or {@link #WITHOUT_KEY_ID}) over all columns. */
    public Map<String, Long> byKey() {
        Map<String, Long> total = new TreeMap<>();
        byColumn.values().forEach(counts -> counts.forEach((key, n) -> total.merge(key, n, Long::sum)));
        return total;
    }

    /** How many values are sealed under anything but {@code key}, per column (only columns that have some). */
    public Map<String, Long> notUnder(MasterKeyId key) {
        Map<String, Long> left = new TreeMap<>();
        byColumn.forEach((column, counts) -> counts.forEach((id, n) -> {
            if (!id.equals(key.value())) {
                left.merge(column, n, Long::sum);
            }
        }));
        return left;
    }

    static SealedValues scan(Connection c) throws SQLException {
        Map<String, Map<String, Long>> byColumn = new TreeMap<>();
        for (Column column : binaryColumns(c)) {
            Map<String, Long> counts = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + column.name() + " FROM " + column.table()
                    + " WHERE " + column.name() + " IS NOT NULL");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Optional<MasterKeyId> key = MasterKey.sealedBy(rs.getBytes(1));
                    counts.merge(key.map(MasterKeyId::value).orElse(WITHOUT_KEY_ID), 1L, Long::sum);
                }
            }
            byColumn.put(column.table() + "." + column.name(), counts);
        }
        return new SealedValues(byColumn);
    }

    /** A column of a table of the store's schema. */
    record Column(String table, String name) {}

    /** Every binary column of every table in the connection's schema, as the database's catalogue lists them. */
    static List<Column> binaryColumns(Connection c) throws SQLException {
        List<Column> columns = new ArrayList<>();
        DatabaseMetaData catalogue = c.getMetaData();
        for (String table : StoreTables.tables(c)) {
            try (ResultSet rs = catalogue.getColumns(null, c.getSchema(), table, "%")) {
                while (rs.next()) {
                    if (isBinary(rs.getInt("DATA_TYPE"))) {
                        columns.add(new Column(table, rs.getString("COLUMN_NAME")));
                    }
                }
            }
        }
        return columns;
    }

    static boolean isBinary(int jdbcType) {
        return jdbcType == Types.BINARY || jdbcType == Types.VARBINARY || jdbcType == Types.LONGVARBINARY
                || jdbcType == Types.BLOB;
    }
}
