package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.CloudTrailJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/**
 * The audit trail in the shared database's {@code audit_event} table, for nodes that share PostgreSQL. A request never
 * waits on the database: records queue in memory and {@link #flush()} (every second) writes them in batches, one
 * transaction each. While the database is unreachable they wait in the queue (up to {@link #CAPACITY}; beyond it they
 * are counted, logged and left to the node's files) and go in once it is back.
 */
public final class JdbcAuditTrail implements AuditSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");
    static final int CAPACITY = 100_000;
    private static final int BATCH = 500;
    /** The advisory lock the node deleting old records holds (an arbitrary number, Lanyard's only one). */
    static final long RETENTION_LOCK = 0x4c616e7961726401L;
    private static final String INSERT = "INSERT INTO audit_event (event_id, event_time, event_source, event_name,"
            + " access_key_id, principal_arn, recipient_account, request_id, error_code, node_id, record)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final String nodeId;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<Row> retry = new ArrayList<>();
    private long dropped;
    private long failures;

    private record Row(AuditEvent event, String line) {}

    private JdbcAuditTrail(DataSource dataSource, String nodeId) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
    }

    /** The trail in the store's database; {@code nodeId} names the node that answered each call. */
    public static JdbcAuditTrail of(JdbcIamStore store, String nodeId) {
        return new JdbcAuditTrail(store.dataSource(), nodeId);
    }

    @Override
    public void record(AuditEvent event) {
        if (!queue.offer(new Row(event, CloudTrailJson.line(event)))) {
            synchronized (this) {
                if (dropped++ % 1000 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "the audit table's queue is full (" + dropped
                            + " records left to the node's files only): is the database reachable?");
                }
            }
        }
    }

    /** Writes every queued record; one that cannot be written now is kept for the next call. */
    public synchronized void flush() {
        while (true) {
            List<Row> batch = new ArrayList<>(retry);
            retry.clear();
            queue.drainTo(batch, Math.max(0, BATCH - batch.size()));
            if (batch.isEmpty()) {
                return;
            }
            try {
                insert(batch);
            } catch (SQLException | RuntimeException e) {
                retry.addAll(batch);
                if (failures++ % 100 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "writing " + batch.size() + " audit records to the database"
                            + " failed; they wait for the next try: " + e);
                }
                return;
            }
        }
    }

    private void insert(List<Row> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (Row row : batch) {
                    AuditEvent event = row.event();
                    s.setString(1, event.eventId());
                    s.setLong(2, event.eventTime().toEpochMilli());
                    s.setString(3, event.eventSource());
                    s.setString(4, event.eventName());
                    nullable(s, 5, event.userIdentity().accessKeyId());
                    nullable(s, 6, event.userIdentity().arn());
                    nullable(s, 7, event.recipientAccountId());
                    s.setString(8, event.requestId());
                    nullable(s, 9, event.errorCode());
                    s.setString(10, nodeId);
                    s.setString(11, row.line());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void nullable(PreparedStatement s, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }

    /**
     * Deletes the records older than {@code cutoff}, {@code batch} rows per transaction so no lock is held long, and
     * returns how many went. On PostgreSQL each batch first takes a transaction-scoped advisory lock: when another
     * node holds it, that node is deleting and this one stops, so the nodes sharing the table do not all delete.
     */
    public int deleteBefore(Instant cutoff, int batch) {
        int deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            while (true) {
                if (postgres && !retentionLock(c)) {
                    c.rollback();
                    return deleted;
                }
                int rows;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_event WHERE event_id IN (SELECT"
                        + " event_id FROM audit_event WHERE event_time < ? ORDER BY event_time LIMIT ?)")) {
                    s.setLong(1, cutoff.toEpochMilli());
                    s.setInt(2, batch);
                    rows = s.executeUpdate();
                }
                c.commit();
                deleted += rows;
                if (rows < batch) {
                    return deleted;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete old audit records: " + e.getMessage(), e);
        }
    }

    private static boolean retentionLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, RETENTION_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        flush();
    }
}
