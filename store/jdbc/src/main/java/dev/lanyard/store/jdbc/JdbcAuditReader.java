package dev.lanyard.store.jdbc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the {@code audit_event} table of a database the nodes share, for {@code lanyard audit}: a plain connection
 * that neither migrates nor needs the master key (the records hold no secret), and only reads.
 */
public final class JdbcAuditReader {
    private static final int FETCH = 1000;

    private JdbcAuditReader() {}

    /**
     * Passes each CloudTrail record (one JSON line, as the files hold it) of the window whose text contains
     * {@code subject} (a key ID or an ARN) to {@code consumer}, oldest first. The subject narrows the rows the
     * database sends; the caller still decides, on the parsed record, which ones answer its question.
     */
    public static void records(String url, String user, String password, Optional<Instant> from, Optional<Instant> to,
            String subject, Consumer<String> consumer) {
        String sql = "SELECT record FROM audit_event WHERE event_time >= ? AND event_time <= ?"
                + " AND record LIKE ? ESCAPE '!' ORDER BY event_time, event_id";
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // PostgreSQL streams the rows (fetch size) only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH);
                // A second wider than asked: records name their time in whole seconds, the column in milliseconds.
                s.setLong(1, from.map(f -> f.minusSeconds(1).toEpochMilli()).orElse(Long.MIN_VALUE));
                s.setLong(2, to.map(t -> t.plusSeconds(1).toEpochMilli()).orElse(Long.MAX_VALUE));
                s.setString(3, "%" + likeLiteral(new String(JsonStringEncoder.getInstance()
                        .quoteAsString(subject))) + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(rs.getString(1));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail from the database: " + e.getMessage(), e);
        }
    }

    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
