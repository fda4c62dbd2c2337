package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.tokens.MasterKeyId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The backup format: every table of the store, read in one snapshot transaction, as gzip-compressed JSON lines.
 *
 * <pre>
 * {"format":"lanyard-backup","formatVersion":1,"createdAt":…,"schemaVersion":"2","iamVersion":…,
 *  "sealingKey":"…","sealed":{"&lt;key id&gt;":n,…}}
 * {"table":"iam_entity","columns":[["entity_type","text"],…,["secret","bytes"]]}
 * ["user","123456789012","alice","{…}",null]
 * …
 * {"end":"iam_entity","rows":n}
 * …
 * {"sha256":"&lt;hex of every line above, each with its newline&gt;"}
 * </pre>
 *
 * Secrets stay as they are stored, sealed under the master key (bytes columns, base64): a backup never holds a secret
 * in the clear, and restoring one needs the master key it was sealed under, which the header names. Everything else
 * (names, ARNs, policy documents) is in the clear, so a backup is written owner-only (0600) like the database.
 *
 * <p>The tables are those the migrations create ({@link StoreTables}), found in the catalogue, with their columns as
 * the database describes them: a table or column added later is backed up without a change here. Left out: Flyway's
 * schema history (a restore recreates it by migrating to the backup's schema version) and the registry of the keys
 * running nodes hold (runtime state).
 *
 * <p>Consistency: the reads run in one transaction with snapshot isolation (H2's SNAPSHOT, PostgreSQL's REPEATABLE
 * READ), so the backup is the store as of one instant, and it holds every write acknowledged before the backup began
 * (an acknowledged write is committed). Writers are not blocked meanwhile.
 */
public final class StoreBackup {
    static final String FORMAT = "lanyard-backup";
    static final int FORMAT_VERSION = 1;
    static final Set<String> NOT_BACKED_UP = Set.of(StoreTables.SCHEMA_HISTORY, "lanyard_node_keys");

    private StoreBackup() {}

    /** What a backup holds, from its header and its tables. */
    public record Summary(Instant createdAt, String schemaVersion, long iamVersion, Optional<MasterKeyId> sealingKey,
            Map<String, Long> sealed, Map<String, Long> rows) {
        public Summary {
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(schemaVersion, "schemaVersion is null");
            sealed = Map.copyOf(sealed);
            rows = Map.copyOf(rows);
        }

        /** The ids of the master keys the backup's secrets are sealed under (without {@code without-key-id}). */
        public List<MasterKeyId> keysNeeded() {
            return sealed.keySet().stream().filter(k -> !k.equals(SealedValues.WITHOUT_KEY_ID)).sorted()
                    .map(MasterKeyId::new).toList();
        }
    }

    /** How a column's values are written; the backup refuses a column of any other SQL type. */
    enum Kind {
        TEXT, BYTES, INTEGER, BOOLEAN;

        static Kind of(int jdbcType, String column) throws SQLException {
            return switch (jdbcType) {
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                        Types.CLOB, Types.NCLOB -> TEXT;
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
                case Types.BOOLEAN, Types.BIT -> BOOLEAN;
                default -> throw new SQLException("column " + column + " has SQL type " + jdbcType
                        + ", which the backup format does not carry: add it to StoreBackup.Kind");
            };
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWire(String name) throws IOException {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            throw new IOException("the backup names an unknown column type " + name);
        }
    }

    /** A column as the backup describes it. */
    record Column(String name, Kind kind) {}

    /** Writes a backup of the store {@code c} reaches; {@code c} is left as it came (its snapshot rolled back). */
    static Summary write(Connection c, OutputStream out, Instant now) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        try {
            beginSnapshot(c);
            return writeSnapshot(c, out, now);
        } finally {
            c.rollback();
            if (isH2(c)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
            } else {
                c.setTransactionIsolation(isolation);
            }
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("H2");
    }

    private static void beginSnapshot(Connection c) throws SQLException {
        if (isH2(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
        } else {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    private static Summary writeSnapshot(Connection c, OutputStream out, Instant now) throws SQLException,
            IOException {
        ObjectMapper json = new ObjectMapper();
        JdbcIamStore.Meta meta;
        try (PreparedStatement s = c.prepareStatement("SELECT version, sealing_key FROM lanyard_meta WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the version row of lanyard_meta is missing");
            }
            meta = new JdbcIamStore.Meta(rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(MasterKeyId::new));
        }
        Map<String, Long> sealed = SealedValues.scan(c).byKey();
        String schema = Migrations.appliedVersion(c);
        ObjectNode header = json.createObjectNode().put("format", FORMAT).put("formatVersion", FORMAT_VERSION)
                .put("createdAt", now.toString()).put("schemaVersion", schema).put("iamVersion", meta.version());
        meta.sealingKey().ifPresent(k -> header.put("sealingKey", k.value()));
        ObjectNode sealedNode = header.putObject("sealed");
        sealed.forEach(sealedNode::put);
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        Lines lines = new Lines(gzip);
        lines.write(json.writeValueAsString(header));
        Map<String, Long> rows = new TreeMap<>();
        for (String table : StoreTables.tables(c)) {
            if (!NOT_BACKED_UP.contains(table)) {
                rows.put(table, writeTable(c, table, json, lines));
            }
        }
        lines.writeTrailer(json);
        gzip.finish();
        out.flush();
        return new Summary(now, schema, meta.version(), meta.sealingKey(), sealed, rows);
    }

    private static long writeTable(Connection c, String table, ObjectMapper json, Lines lines) throws SQLException,
            IOException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            List<Kind> kinds = new ArrayList<>();
            ObjectNode start = json.createObjectNode().put("table", table);
            ArrayNode described = start.putArray("columns");
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String name = columns.getColumnName(i).toLowerCase(Locale.ROOT);
                Kind kind = Kind.of(columns.getColumnType(i), table + "." + name);
                kinds.add(kind);
                described.addArray().add(name).add(kind.wireName());
            }
            lines.write(json.writeValueAsString(start));
            long count = 0;
            while (rs.next()) {
                ArrayNode row = json.createArrayNode();
                for (int i = 0; i < kinds.size(); i++) {
                    addValue(row, rs, i + 1, kinds.get(i));
                }
                lines.write(json.writeValueAsString(row));
                count++;
            }
            lines.write(json.writeValueAsString(json.createObjectNode().put("end", table).put("rows", count)));
            return count;
        }
    }

    private static void addValue(ArrayNode row, ResultSet rs, int column, Kind kind) throws SQLException {
        switch (kind) {
            case TEXT -> {
                String value = rs.getString(column);
                if (value == null) {
                    row.addNull();
                } else {
                    row.add(value);
                }
            }
            case BYTES -> {
                byte[] value = rs.getBytes(column);
                if (value == null) {
                    row.addNull();
                } else {
                    row.add(Base64.getEncoder().encodeToString(value));
                }
            }
            case INTEGER -> {
                long value = rs.getLong(column);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(value);
                }
            }
            case BOOLEAN -> {
                boolean value = rs.getBoolean(column);
                if (rs.wasNull()) {
                    row.addNull();
                } else {
                    row.add(value);
                }
            }
        }
    }

    /** Lines out, each hashed with its newline until the trailer, which carries the hash. */
    private static final class Lines {
        private final OutputStream out;
        private final MessageDigest sha256 = sha256();

        Lines(OutputStream out) {
            this.out = out;
        }

        void write(String line) throws IOException {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            sha256.update(bytes);
            out.write(bytes);
        }

        void writeTrailer(ObjectMapper json) throws IOException {
            String hash = HexFormat.of().formatHex(sha256.digest());
            out.write((json.writeValueAsString(json.createObjectNode().put("sha256", hash)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Receives a backup's tables and rows as they are read. */
    interface Sink {
        void table(String table, List<Column> columns) throws SQLException;

        void row(List<Object> values) throws SQLException;
    }

    /** Reads only the header: what a restore checks before it touches anything. */
    public static Summary header(InputStream in) throws IOException {
        BufferedReader reader = reader(in);
        return parseHeader(new ObjectMapper(), reader.readLine(), Map.of());
    }

    /**
     * Reads a whole backup and checks it as a restore would (structure, every table's row count, the SHA-256) without
     * loading it anywhere: what {@code lanyard backup} does to the file it has just written.
     */
    public static Summary verify(InputStream in) throws IOException {
        try {
            return read(in, new Sink() {
                @Override
                public void table(String table, List<Column> columns) {}

                @Override
                public void row(List<Object> values) {}
            });
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e); // the sink above throws none
        }
    }

    /**
     * Reads a whole backup into {@code sink}, checking its structure, row counts and hash; throws an
     * {@link IOException} naming what is wrong with a damaged or truncated one (after the sink saw what came before).
     */
    static Summary read(InputStream in, Sink sink) throws IOException, SQLException {
        ObjectMapper json = new ObjectMapper();
        BufferedReader reader = reader(in);
        MessageDigest sha256 = sha256();
        String first = reader.readLine();
        hash(sha256, first);
        Map<String, Long> rows = new LinkedHashMap<>();
        String line;
        String table = null;
        List<Column> columns = List.of();
        long count = 0;
        while ((line = reader.readLine()) != null) {
            JsonNode node = parse(json, line);
            if (node.isArray()) {
                if (table == null) {
                    throw new IOException("the backup has a row outside any table");
                }
                sink.row(values(node, columns, table));
                count++;
            } else if (node.has("table")) {
                if (table != null) {
                    throw new IOException("table " + table + " does not end before the next begins");
                }
                table = node.path("table").asText();
                columns = columns(node);
                count = 0;
                sink.table(table, columns);
            } else if (node.has("end")) {
                if (table == null || !table.equals(node.path("end").asText()) || node.path("rows").asLong() != count) {
                    throw new IOException("table " + table + " ends with " + node + " after " + count + " rows");
                }
                rows.put(table, count);
                table = null;
            } else if (node.has("sha256")) {
                String expected = HexFormat.of().formatHex(sha256.digest());
                if (table != null || !expected.equals(node.path("sha256").asText())) {
                    throw new IOException("the backup is damaged: its content does not match its SHA-256");
                }
                if (reader.readLine() != null) {
                    throw new IOException("the backup goes on after its SHA-256");
                }
                return parseHeader(json, first, rows);
            } else {
                throw new IOException("the backup has a line it does not understand");
            }
            hash(sha256, line);
        }
        throw new IOException("the backup is truncated: it ends before its SHA-256");
    }

    private static BufferedReader reader(InputStream in) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8));
    }

    private static void hash(MessageDigest sha256, String line) {
        if (line != null) {
            sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode parse(ObjectMapper json, String line) throws IOException {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IOException("the backup is damaged: a line is not JSON", e);
        }
    }

    private static Summary parseHeader(ObjectMapper json, String line, Map<String, Long> rows) throws IOException {
        if (line == null) {
            throw new IOException("the backup is empty");
        }
        JsonNode header = parse(json, line);
        if (!FORMAT.equals(header.path("format").asText())) {
            throw new IOException("not a Lanyard backup");
        }
        if (header.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IOException("the backup has format version " + header.path("formatVersion").asText()
                    + "; this Lanyard reads version " + FORMAT_VERSION);
        }
        Map<String, Long> sealed = new TreeMap<>();
        header.path("sealed").properties().forEach(e -> sealed.put(e.getKey(), e.getValue().asLong()));
        try {
            return new Summary(Instant.parse(header.path("createdAt").asText()),
                    header.path("schemaVersion").asText(), header.path("iamVersion").asLong(),
                    Optional.ofNullable(header.get("sealingKey")).map(JsonNode::asText).map(MasterKeyId::new), sealed,
                    rows);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("the backup's header is damaged: " + e.getMessage(), e);
        }
    }

    private static List<Column> columns(JsonNode node) throws IOException {
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : node.path("columns")) {
            columns.add(new Column(column.path(0).asText(), Kind.fromWire(column.path(1).asText())));
        }
        if (columns.isEmpty()) {
            throw new IOException("table " + node.path("table").asText() + " has no columns");
        }
        return columns;
    }

    private static List<Object> values(JsonNode row, List<Column> columns, String table) throws IOException {
        if (row.size() != columns.size()) {
            throw new IOException("a row of " + table + " has " + row.size() + " values for " + columns.size()
                    + " columns");
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            JsonNode value = row.get(i);
            if (value.isNull()) {
                values.add(null);
                continue;
            }
            values.add(switch (columns.get(i).kind()) {
                case TEXT -> value.asText();
                case BYTES -> decode(value.asText(), table);
                case INTEGER -> value.asLong();
                case BOOLEAN -> value.asBoolean();
            });
        }
        return values;
    }

    private static byte[] decode(String base64, String table) throws IOException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException("a row of " + table + " has bytes that are not base64");
        }
    }
}
