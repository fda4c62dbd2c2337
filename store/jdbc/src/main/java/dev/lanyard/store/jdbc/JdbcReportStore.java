package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.spi.ReportStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** IAM's generated reports in the {@code iam_report} table (migration V8), the same SQL on H2 and PostgreSQL. */
public final class JdbcReportStore implements ReportStore {
    private final DataSource dataSource;

    private JdbcReportStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    public static JdbcReportStore of(JdbcIamStore store) {
        return new JdbcReportStore(store.dataSource());
    }

    /** An update of the report's row, else an insert; an insert that loses a race to another node's updates. */
    @Override
    public void save(Report report) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (update(c, report) == 0) {
                try {
                    insert(c, report);
                } catch (SQLException raced) {
                    if (update(c, report) == 0) {
                        throw raced;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, Report report) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE iam_report SET generated_at = ?, body = ?"
                + " WHERE account_id = ? AND kind = ? AND report_id = ?")) {
            s.setLong(1, report.generated().toEpochMilli());
            s.setString(2, report.body());
            s.setString(3, report.account().value());
            s.setString(4, report.kind().name());
            s.setString(5, report.id());
            return s.executeUpdate();
        }
    }

    private static void insert(Connection c, Report report) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO iam_report (account_id, kind, report_id,"
                + " generated_at, body) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, report.account().value());
            s.setString(2, report.kind().name());
            s.setString(3, report.id());
            s.setLong(4, report.generated().toEpochMilli());
            s.setString(5, report.body());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<Report> find(AccountId account, Kind kind, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT"
                + " generated_at, body FROM iam_report WHERE account_id = ? AND kind = ? AND report_id = ?")) {
            s.setString(1, account.value());
            s.setString(2, kind.name());
            s.setString(3, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Report(account, kind, id, Instant.ofEpochMilli(rs.getLong(1)),
                                rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the report: " + e.getMessage(), e);
        }
    }

    @Override
    public int countSince(AccountId account, Kind kind, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*)"
                + " FROM iam_report WHERE account_id = ? AND kind = ? AND generated_at >= ?")) {
            s.setString(1, account.value());
            s.setString(2, kind.name());
            s.setLong(3, since.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the reports: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteBefore(Kind kind, Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM iam_report WHERE kind = ? AND generated_at < ?")) {
            c.setAutoCommit(true);
            s.setString(1, kind.name());
            s.setLong(2, before.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete old reports: " + e.getMessage(), e);
        }
    }
}
