package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.KeysetStore;
import dev.lanyard.tokens.MasterKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The store on a JDBC database (embedded H2 in PostgreSQL mode, or PostgreSQL). Each write is one transaction that
 * first advances the global version with a compare-and-set, so two writers (or two nodes) never interleave; the
 * loser reloads and re-runs its mutation.
 */
public final class JdbcIamStore implements IamStore, KeysetStore {
    private static final int MAX_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final EntityCodec codec;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AutoCloseable onClose;
    private volatile IamSnapshot current;
    private volatile boolean reachable = true;

    private JdbcIamStore(DataSource dataSource, MasterKey masterKey, AutoCloseable onClose) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.codec = new EntityCodec(requireNonNull(masterKey, "masterKey is null"));
        this.onClose = onClose;
    }

    /** Migrates the schema and loads the read model. */
    public static JdbcIamStore open(DataSource dataSource, MasterKey masterKey, AutoCloseable onClose) {
        Migrations.migrate(dataSource);
        JdbcIamStore store = new JdbcIamStore(dataSource, masterKey, onClose);
        store.current = store.loadAll();
        return store;
    }

    @Override
    public IamSnapshot snapshot() {
        return current;
    }

    @Override
    public <R> R update(Function<IamSnapshot, Mutation<R>> mutation) {
        writeLock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                IamSnapshot base = current;
                Mutation<R> result = mutation.apply(base);
                if (result.changes().isEmpty()) {
                    return result.result();
                }
                if (write(base.version(), result.changes())) {
                    current = base.apply(base.version() + 1, result.changes());
                    return result.result();
                }
                current = loadAll();
            }
            throw new AwsException(ErrorCode.CONCURRENT_MODIFICATION,
                    "The request was rejected because multiple requests to change this object were submitted"
                            + " simultaneously. Wait a few minutes and submit your request again.");
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Asks the database for the global version and reloads when another node has written since. Returns whether the
     * database answered; while it does not, the last snapshot keeps serving (static stability).
     */
    public boolean poll() {
        long stored;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM lanyard_meta WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            stored = rs.getLong(1);
        } catch (SQLException e) {
            reachable = false;
            return false;
        }
        reachable = true;
        if (stored != current.version()) {
            try {
                reload();
            } catch (AwsException e) {
                reachable = false;
                return false;
            }
        }
        return true;
    }

    /** Whether the database answered the last time it was asked. */
    public boolean reachable() {
        return reachable;
    }

    /** Re-reads everything, e.g. after another node wrote. */
    public void reload() {
        writeLock.lock();
        try {
            current = loadAll();
        } finally {
            writeLock.unlock();
        }
    }

    private boolean write(long baseVersion, List<EntityChange> changes) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!advanceVersion(c, baseVersion)) {
                    c.rollback();
                    return false;
                }
                for (EntityChange change : changes) {
                    apply(c, change);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
    }

    private static boolean advanceVersion(Connection c, long baseVersion) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE lanyard_meta SET version = ? WHERE id = 1 AND version = ?")) {
            s.setLong(1, baseVersion + 1);
            s.setLong(2, baseVersion);
            return s.executeUpdate() == 1;
        }
    }

    private void apply(Connection c, EntityChange change) throws SQLException {
        switch (change) {
            case EntityChange.Remove remove -> {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM iam_entity WHERE entity_type = ? AND account_id = ? AND entity_id = ?")) {
                    s.setString(1, remove.key().type().storedName());
                    s.setString(2, remove.key().account());
                    s.setString(3, remove.key().id());
                    s.executeUpdate();
                }
            }
            case EntityChange.Upsert upsert -> {
                EntityCodec.Row row = codec.encode(upsert.entity());
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM iam_entity WHERE entity_type = ? AND account_id = ? AND entity_id = ?")) {
                    s.setString(1, row.type());
                    s.setString(2, row.account());
                    s.setString(3, row.id());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO iam_entity"
                        + " (entity_type, account_id, entity_id, body, secret) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, row.type());
                    s.setString(2, row.account());
                    s.setString(3, row.id());
                    s.setString(4, row.body());
                    s.setBytes(5, row.secret());
                    s.executeUpdate();
                }
            }
        }
    }

    private IamSnapshot loadAll() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long version;
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM lanyard_meta WHERE id = 1");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
            List<IamEntity> entities = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT entity_type, account_id, entity_id, body, secret FROM iam_entity");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entities.add(codec.decode(new EntityCodec.Row(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getBytes(5))));
                }
            }
            c.commit();
            return IamSnapshot.of(version, entities);
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
    }

    @Override
    public Optional<byte[]> loadKeyset() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT keyset FROM token_keyset WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
    }

    @Override
    public boolean compareAndSetKeyset(Optional<byte[]> expected, byte[] replacement) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean swapped = expected.isEmpty() ? insertKeyset(c, replacement) : swapKeyset(c, expected.get(),
                        replacement);
                c.commit();
                return swapped;
            } catch (SQLException e) {
                c.rollback();
                return false;
            }
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
    }

    private static boolean insertKeyset(Connection c, byte[] replacement) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO token_keyset (id, keyset) VALUES (1, ?)")) {
            s.setBytes(1, replacement);
            return s.executeUpdate() == 1;
        }
    }

    private static boolean swapKeyset(Connection c, byte[] expected, byte[] replacement) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT keyset FROM token_keyset WHERE id = 1 FOR UPDATE");
                ResultSet rs = read.executeQuery()) {
            if (!rs.next() || !Arrays.equals(rs.getBytes(1), expected)) {
                return false;
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE token_keyset SET keyset = ? WHERE id = 1")) {
            s.setBytes(1, replacement);
            return s.executeUpdate() == 1;
        }
    }

    private AwsException storeUnavailable(SQLException e) {
        reachable = false;
        return new AwsException(ErrorCode.SERVICE_UNAVAILABLE,
                "The service is temporarily unable to store changes. Try again later.", e.toString());
    }

    @Override
    public void close() {
        try {
            if (onClose != null) {
                onClose.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the store failed", e);
        }
    }
}
