package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.UsageStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Last-used facts in the {@code last_used} table (migrations V5, V7), the same SQL on H2 and PostgreSQL. Each save
 * stamps the row with this node's clock ({@code saved_at}), which {@link #loadSavedSince} reads by.
 */
public final class JdbcUsageStore implements UsageStore {
    private static final String COLUMNS = "SELECT kind, subject, used_at, service, region FROM last_used";

    private final DataSource dataSource;
    private final InstantSource clock;

    private JdbcUsageStore(DataSource dataSource, InstantSource clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static JdbcUsageStore of(JdbcIamStore store, InstantSource clock) {
        return new JdbcUsageStore(store.dataSource(), clock);
    }

    @Override
    public Map<Subject, LastUsed> loadLastUsed() {
        return load(COLUMNS, Optional.empty());
    }

    @Override
    public Map<Subject, LastUsed> loadSavedSince(Instant since) {
        return load(COLUMNS + " WHERE saved_at >= ?", Optional.of(since.toEpochMilli()));
    }

    private Map<Subject, LastUsed> load(String sql, Optional<Long> since) {
        Map<Subject, LastUsed> facts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (since.isPresent()) {
                s.setLong(1, since.get());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.put(new Subject(Kind.valueOf(rs.getString(1)), rs.getString(2)), new LastUsed(
                            Instant.ofEpochMilli(rs.getLong(3)), Optional.ofNullable(rs.getString(4)),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the last-used facts: " + e.getMessage(), e);
        }
        return facts;
    }

    /**
     * An update that moves a fact forward, else an insert; an insert that loses a race to another node's is tried
     * again as an update.
     */
    @Override
    public void saveLastUsed(Map<Subject, LastUsed> facts) {
        if (facts.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long savedAt = clock.millis();
            for (Map.Entry<Subject, LastUsed> fact : facts.entrySet()) {
                if (update(c, fact.getKey(), fact.getValue(), savedAt) == 0 && !exists(c, fact.getKey())) {
                    try {
                        insert(c, fact.getKey(), fact.getValue(), savedAt);
                    } catch (SQLException raced) {
                        update(c, fact.getKey(), fact.getValue(), savedAt);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the last-used facts: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, Subject subject, LastUsed used, long savedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE last_used SET used_at = ?, service = ?, region = ?,"
                + " saved_at = ? WHERE kind = ? AND subject = ? AND used_at < ?")) {
            s.setLong(1, used.date().toEpochMilli());
            service(s, 2, used.service());
            s.setString(3, used.region());
            s.setLong(4, savedAt);
            s.setString(5, subject.kind().name());
            s.setString(6, subject.id());
            s.setLong(7, used.date().toEpochMilli());
            return s.executeUpdate();
        }
    }

    private static boolean exists(Connection c, Subject subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM last_used WHERE kind = ? AND subject = ?")) {
            s.setString(1, subject.kind().name());
            s.setString(2, subject.id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insert(Connection c, Subject subject, LastUsed used, long savedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO last_used (kind, subject, used_at, service, region,"
                + " saved_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, subject.kind().name());
            s.setString(2, subject.id());
            s.setLong(3, used.date().toEpochMilli());
            service(s, 4, used.service());
            s.setString(5, used.region());
            s.setLong(6, savedAt);
            s.executeUpdate();
        }
    }

    private static void service(PreparedStatement s, int index, Optional<String> service) throws SQLException {
        if (service.isPresent()) {
            s.setString(index, service.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }
}
