package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.KeysetStore;
import dev.lanyard.aws.AccountId;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.tokens.Sealer;
import dev.lanyard.tokens.TokenKeyset;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The store on a JDBC database (embedded H2 in PostgreSQL mode, or PostgreSQL).
 *
 * <p>Writers serialize, on this node with a lock and across nodes with a row lock on the version row taken first in
 * each write transaction. A writer that finds the stored version ahead of its snapshot (another node wrote) reloads
 * under that lock and re-runs its mutation on the fresh state, so independent writes through several nodes all
 * succeed and only a true conflict (the same name twice) is refused, with the error that operation gives.
 *
 * <p>A write is acknowledged only once it is durable: after the commit, {@link GroupCommit} holds the answer until a
 * sync covers it (PostgreSQL's commit is durable by itself). Readers see a state only once it is durable, so no
 * request can act on a change that a crash could take back. Every wait is bounded: a write path that cannot make
 * progress answers 503 and reports why in {@link #problem()}, and reads go on from memory.
 *
 * <p>Secrets are sealed under the node's {@link MasterKeyring}, with the key the database names as the sealing key,
 * read in each write transaction under the version row's lock: see {@link MasterKeyRotation}.
 */
public final class JdbcIamStore implements IamStore, KeysetStore, BucketStore {
    /** How long a write waits for its turn, a row lock or a sync before it answers 503. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    private static final int CLOSE_TIMEOUT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger("dev.lanyard.store");

    private final DataSource dataSource;
    /** The node's master keys, sealing under the key the database last named. */
    private final AtomicReference<MasterKeyring> keyring;
    /** Opens with the current keyring; a write seals through {@link EntityCodec#with} the key its transaction read. */
    private final EntityCodec codec;
    /** Present when other nodes share the database: this node's entry in their registry of master keys. */
    private final Optional<NodeKeys> membership;
    private final GroupCommit groupCommit;
    private final Duration writeTimeout;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AutoCloseable onClose;
    /** The newest state committed to the database: the base of the next write. Written under writeLock. */
    private volatile IamSnapshot committed;
    /** The newest durable state: what readers see. */
    private final AtomicReference<IamSnapshot> published = new AtomicReference<>();
    private final InstantSource clock;
    private volatile Instant writeStarted;
    /** Why the last poll failed; cleared by the next poll that reaches the database. */
    private volatile String unreachable;
    /** Why the last write failed; cleared by a write that succeeds or a poll that finds the write path free. */
    private volatile String writeFailure;
    /** The S3 gateway's bucket registry, by name: replaced whole after each bucket write and each reload. */
    private volatile Map<String, S3Bucket> buckets = Map.of();
    /** Why this node cannot seal or open what the database holds (it lacks a master key), if so. */
    private volatile String keyProblem;
    /** The global version the database last answered a poll with; 0 until a poll answered. */
    private volatile long polledVersion;

    private JdbcIamStore(DataSource dataSource, MasterKeyring keys, Optional<NodeKeys> membership,
            GroupCommit.Sync sync, Duration writeTimeout, InstantSource clock, AutoCloseable onClose) {
        this.clock = requireNonNull(clock, "clock is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.keyring = new AtomicReference<>(requireNonNull(keys, "keys is null"));
        this.membership = requireNonNull(membership, "membership is null");
        this.codec = new EntityCodec(sealer());
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout is null");
        this.groupCommit = new GroupCommit(sync, writeTimeout, clock);
        this.onClose = onClose;
    }

    /**
     * Migrates the schema and loads the read model. {@code sync} forces committed transactions to stable storage
     * ({@link GroupCommit.Sync#ON_COMMIT} where a commit already is durable); the database must give up on a row
     * lock within {@code writeTimeout} (H2's LOCK_TIMEOUT, PostgreSQL's lock_timeout).
     */
    static JdbcIamStore open(DataSource dataSource, MasterKey masterKey, GroupCommit.Sync sync,
            Duration writeTimeout, InstantSource clock, AutoCloseable onClose) {
        return open(dataSource, MasterKeyring.of(masterKey), Optional.empty(), sync, writeTimeout, clock, onClose);
    }

    /**
     * The same with a keyring; {@code membership} is present when other nodes share the database. Refuses a keyring
     * that lacks the key the database seals under (the node could neither write nor read what others write).
     */
    static JdbcIamStore open(DataSource dataSource, MasterKeyring keys, Optional<NodeKeys> membership,
            GroupCommit.Sync sync, Duration writeTimeout, InstantSource clock, AutoCloseable onClose) {
        Migrations.migrate(dataSource);
        JdbcIamStore store = new JdbcIamStore(dataSource, keys, membership, sync, writeTimeout, clock, onClose);
        IamSnapshot loaded;
        try (Connection c = dataSource.getConnection()) {
            store.adoptSealingKey(c);
            loaded = store.loadAll(c);
            if (membership.isPresent()) {
                membership.get().register(c, keys.ids(), clock.instant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the IAM model: " + e.getMessage(), e);
        }
        store.committed = loaded;
        store.published.set(loaded);
        store.reloadBuckets();
        return store;
    }

    @Override
    public IamSnapshot snapshot() {
        return published.get();
    }

    @Override
    public <R> R update(Function<IamSnapshot, Mutation<R>> mutation) {
        Written<R> written = write(mutation);
        if (written.ticket() != 0) {
            try {
                groupCommit.awaitDurable(written.ticket(), this::capturePublication);
            } catch (SQLException e) {
                throw storeUnavailable(e);
            }
        }
        return written.result();
    }

    private record Written<R>(R result, long ticket) {}

    private <R> Written<R> write(Function<IamSnapshot, Mutation<R>> mutation) {
        lockForWrite();
        try {
            IamSnapshot base = committed;
            Mutation<R> result = mutation.apply(base);
            if (result.changes().isEmpty()) {
                // An answer read from a state not yet synced (UpdateAccessKey Inactive on a key another request just
                // deactivated) waits for that sync too: a crash must not take back what it confirmed.
                boolean unsynced = base.version() > published.get().version();
                return new Written<>(result.result(), unsynced ? groupCommit.committed() : 0);
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Meta meta = lockVersion(c);
                    long stored = meta.version();
                    EntityCodec sealing = codec.with(sealingRing(meta));
                    if (stored != base.version()) {
                        // Another node wrote since this one last loaded: go on from the state it left.
                        base = loadAll(c);
                        committed = base;
                        result = mutation.apply(base);
                    }
                    if (!result.changes().isEmpty()) {
                        setVersion(c, base.version() + 1);
                        for (EntityChange change : result.changes()) {
                            apply(c, change, sealing);
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    throw e;
                }
                if (!result.changes().isEmpty()) {
                    committed = base.apply(base.version() + 1, result.changes());
                }
                writeFailure = null;
                unreachable = null;
                return new Written<>(result.result(), groupCommit.committed());
            } catch (SQLException e) {
                throw storeUnavailable(e);
            }
        } finally {
            writeStarted = null;
            writeLock.unlock();
        }
    }

    /** Work done in one transaction, given the version row (locked, in a write). */
    @FunctionalInterface
    interface SqlWork<R> {
        R run(Connection c, Meta meta) throws SQLException;
    }

    /**
     * Runs {@code work} as one write transaction that changes no entity (a rotation re-sealing secrets or naming the
     * sealing key): after this node's other writers, under the version row's lock, returning once durable. The
     * version does not move, as every entity reads the same after: no node reloads for it.
     */
    <R> R maintenanceWrite(SqlWork<R> work) {
        R result;
        lockForWrite();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c, lockVersion(c));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw storeUnavailable(e);
        } finally {
            writeStarted = null;
            writeLock.unlock();
        }
        try {
            groupCommit.awaitDurable(groupCommit.committed(), this::capturePublication);
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
        return result;
    }

    /** Runs {@code work} on a connection of its own, outside any write (given the version row, unlocked). */
    <R> R read(SqlWork<R> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c, readMeta(c, ""));
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
    }

    EntityCodec codec() {
        return codec;
    }

    Optional<NodeKeys> membership() {
        return membership;
    }

    /** Makes {@code ring} the node's keys (checked by the caller against what the store holds). */
    void replaceKeyring(MasterKeyring ring) {
        keyring.set(ring);
    }

    /** Tells the other nodes which keys this one holds now (when they share the database). */
    void register(MasterKeyring ring) {
        membership.ifPresent(m -> read((c, meta) -> {
            m.register(c, ring.ids(), clock.instant());
            return null;
        }));
    }

    InstantSource clock() {
        return clock;
    }

    /** Which key seals, which keys the nodes hold, and what is sealed under which key, column by column. */
    public MasterKeyStatus masterKeyStatus() {
        return new MasterKeyRotation(this).status();
    }

    /**
     * Makes {@code ring} this node's master keys, as when its key file changed. Refused, keeping the keys it has,
     * when the new ring lacks the sealing key or a key anything stored is still sealed under.
     */
    public void useKeyring(MasterKeyring ring) {
        new MasterKeyRotation(this).useKeyring(ring);
    }

    /**
     * Seals under {@code target} from now on, on every node, and re-seals everything sealed under other keys, while
     * the store serves; refused unless every live node holds {@code target}. See {@link MasterKeyRotation}.
     */
    public MasterKeyRotation.Result rotateMasterKey(MasterKeyId target) {
        return new MasterKeyRotation(this).rotateTo(target);
    }

    /**
     * Writes a consistent snapshot of every table to {@code out} in the backup format ({@link StoreBackup}), while
     * writers go on; secrets stay sealed under the master key.
     */
    public StoreBackup.Summary backup(OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            return StoreBackup.write(c, out, clock.instant());
        } catch (SQLException e) {
            throw new IOException("cannot read the store for a backup: " + e.getMessage(), e);
        }
    }

    /** Taken by the sync that will cover the newest commit: publishing it once the sync is done. */
    private Runnable capturePublication() {
        IamSnapshot state = committed; // set only once its commit returned, so the sync about to start covers it
        return () -> publish(state);
    }

    private void publish(IamSnapshot state) {
        published.accumulateAndGet(state, (old, candidate) -> candidate.version() >= old.version() ? candidate : old);
    }

    private void lockForWrite() {
        try {
            groupCommit.refuseIfFailed();
            if (!writeLock.tryLock(writeTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SQLTimeoutException("another write to the store has not finished within " + writeTimeout);
            }
        } catch (SQLException e) {
            throw storeUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeUnavailable(new SQLTimeoutException("interrupted while waiting to write", e));
        }
        writeStarted = clock.instant();
    }

    /**
     * Asks the database for the global version and reloads when another node has written since. Returns whether the
     * database answered; while it does not, the last snapshot keeps serving (static stability). For PostgreSQL,
     * whose commits are durable when they return: what it loads is published as it is.
     */
    public boolean poll() {
        long stored;
        try (Connection c = dataSource.getConnection()) {
            Meta meta = readMeta(c, "");
            stored = meta.version();
            polledVersion = stored;
            try {
                sealingRing(meta);
            } catch (SQLException e) {
                // noted in keyProblem: reads go on from memory, writes answer 503 with the reason
            }
            unreachable = null;
            if (membership.isPresent()) {
                membership.get().heartbeat(c, keyring.get().ids(), clock.instant());
            }
            if (writeFailure != null && writePathFree(c)) {
                writeFailure = null;
            }
        } catch (SQLException e) {
            unreachable = "the database does not answer: " + e.getMessage();
            return false;
        }
        if (stored != published.get().version()) {
            try {
                reload();
            } catch (AwsException e) {
                return false;
            } catch (IllegalStateException e) {
                keyProblem = e.getMessage(); // a secret this node cannot open: it lacks a master key
                return false;
            }
        }
        return true;
    }

    /** Whether a write could take the version row's lock right now (asked only after a write failed). */
    private static boolean writePathFree(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM lanyard_meta WHERE id = 1 FOR UPDATE NOWAIT")) {
            s.executeQuery().close();
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /**
     * What keeps writes from going through, if anything: an unreachable database, a write or a sync that has not
     * finished in time, a failed sync. Reads and issuing go on from memory meanwhile.
     */
    public Optional<String> problem() {
        Optional<String> durability = groupCommit.problem();
        if (durability.isPresent()) {
            return durability;
        }
        Instant started = writeStarted;
        Duration running = started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        if (running.compareTo(writeTimeout) > 0) {
            return Optional.of("a write to the store has not finished for " + running.toSeconds() + " s");
        }
        return Optional.ofNullable(keyProblem).or(() -> Optional.ofNullable(unreachable))
                .or(() -> Optional.ofNullable(writeFailure));
    }

    /**
     * How many versions the read model this node serves is behind the database, as of the last poll that answered
     * (0 for the embedded store, whose only writer is this node).
     */
    public long versionLag() {
        return Math.max(0, polledVersion - published.get().version());
    }

    /** Whether writes go through: the database answered the last time it was asked and nothing is stuck. */
    public boolean reachable() {
        return problem().isEmpty();
    }

    private void reload() {
        lockForWrite();
        try (Connection c = dataSource.getConnection()) {
            IamSnapshot loaded = loadAll(c);
            committed = loaded;
            publish(loaded);
            buckets = loadBuckets(c);
        } catch (SQLException e) {
            throw storeUnavailable(e);
        } finally {
            writeStarted = null;
            writeLock.unlock();
        }
    }

    /** The version row: the global version, and the master key every node seals under. */
    record Meta(long version, Optional<MasterKeyId> sealingKey) {}

    /** Locks the version row until this transaction ends: the one place where writers on every node queue. */
    static Meta lockVersion(Connection c) throws SQLException {
        return readMeta(c, " FOR UPDATE");
    }

    private static Meta readMeta(Connection c, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version, sealing_key FROM lanyard_meta WHERE id = 1" + lock);
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the version row of lanyard_meta is missing");
            }
            return new Meta(rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(MasterKeyId::new));
        }
    }

    /**
     * This node's keyring, sealing under the key the database names; adopted as the node's own, so sealing outside
     * the store (authorization messages) follows. Fails when the node does not hold that key.
     */
    MasterKeyring sealingRing(Meta meta) throws SQLException {
        MasterKeyring ring = keyring.get();
        MasterKeyId id = meta.sealingKey().orElse(ring.sealing().id());
        if (!ring.holds(id)) {
            String problem = "the store seals secrets under master key " + id + ", which this node does not hold (it"
                    + " holds " + ring.ids() + "): give it that key (LANYARD_MASTER_KEY or its key file)";
            keyProblem = problem;
            throw new SQLException(problem);
        }
        keyProblem = null;
        return keyring.updateAndGet(current -> current.holds(id) ? current.sealingWith(id) : current);
    }

    /** At open: records the node's sealing key in a store that names none yet, or adopts the one it names. */
    private void adoptSealingKey(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            Meta meta = lockVersion(c);
            if (meta.sealingKey().isEmpty()) {
                MasterKeyRotation.setSealingKey(c, keyring.get().sealing().id());
            } else if (!keyring.get().holds(meta.sealingKey().get())) {
                throw new IllegalStateException("the store's secrets are sealed under master key "
                        + meta.sealingKey().get() + ", and this node's master keys are " + keyring.get().ids()
                        + ": start it with that key (LANYARD_MASTER_KEY, --master-key-file or DATA_DIR/master.key)");
            } else {
                sealingRing(meta);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The node's master keys, sealing under the key the database last named. */
    public MasterKeyring keyring() {
        return keyring.get();
    }

    /** The database, for the audit table beside the store's own ones. */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Seals and opens with whatever the node's keyring is at the time: for secrets sealed outside the store (the
     * token keyset, authorization messages).
     */
    public Sealer sealer() {
        return new Sealer() {
            @Override
            public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
                return keyring.get().encrypt(plaintext, associatedData);
            }

            @Override
            public byte[] decrypt(byte[] sealed, byte[] associatedData) throws SealedDataException {
                return keyring.get().decrypt(sealed, associatedData);
            }
        };
    }

    private static void setVersion(Connection c, long version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE lanyard_meta SET version = ? WHERE id = 1")) {
            s.setLong(1, version);
            s.executeUpdate();
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "rolling back a failed write failed too: " + e);
        }
    }

    private static void apply(Connection c, EntityChange change, EntityCodec codec) throws SQLException {
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

    /** Reads the version and every entity; in a write transaction, under its lock on the version row. */
    private IamSnapshot loadAll(Connection c) throws SQLException {
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
        return IamSnapshot.of(version, entities);
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
        boolean swapped;
        lockForWrite(); // commits never overlap, on any table (see EmbeddedDatabase)
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // under the version row's lock: sealed under the key the store names now, even mid-rotation
                byte[] sealed = resealKeyset(replacement, sealingRing(lockVersion(c)));
                swapped = expected.isEmpty() ? insertKeyset(c, sealed) : swapKeyset(c, expected.get(), sealed);
                c.commit();
            } catch (SQLException e) {
                rollback(c);
                return false;
            }
        } catch (SQLException e) {
            throw storeUnavailable(e);
        } finally {
            writeStarted = null;
            writeLock.unlock();
        }
        if (swapped) {
            try {
                groupCommit.awaitDurable(groupCommit.committed(), this::capturePublication);
            } catch (SQLException e) {
                throw storeUnavailable(e);
            }
        }
        return swapped;
    }

    /** The keyset sealed under {@code ring}'s sealing key, if another key of the ring sealed it. */
    static byte[] resealKeyset(byte[] keyset, MasterKeyring ring) throws SQLException {
        Optional<MasterKeyId> sealer = MasterKey.sealedBy(keyset);
        if (sealer.isEmpty() || sealer.get().equals(ring.sealing().id())) {
            return keyset;
        }
        try {
            return TokenKeyset.fromEncryptedBytes(keyset, ring).toEncryptedBytes(ring);
        } catch (SealedDataException e) {
            throw new SQLException("the token keyset does not open: " + e.getMessage(), e);
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

    @Override
    public Optional<S3Bucket> bucket(String name) {
        return Optional.ofNullable(buckets.get(name));
    }

    @Override
    public List<S3Bucket> buckets() {
        return List.copyOf(buckets.values());
    }

    @Override
    public S3Bucket createIfAbsent(S3Bucket bucket) {
        requireNonNull(bucket, "bucket is null");
        return writeBuckets(c -> {
            Optional<S3Bucket> existing = selectBucket(c, bucket.name());
            if (existing.isPresent()) {
                return existing.get();
            }
            upsertBucket(c, bucket);
            return bucket;
        });
    }

    @Override
    public void put(S3Bucket bucket) {
        requireNonNull(bucket, "bucket is null");
        writeBuckets(c -> {
            upsertBucket(c, bucket);
            return bucket;
        });
    }

    @Override
    public void remove(String name) {
        requireNonNull(name, "name is null");
        writeBuckets(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM s3_bucket WHERE bucket_name = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return name;
        });
    }

    private interface BucketWrite<R> {
        R apply(Connection c) throws SQLException;
    }

    /**
     * One bucket write: queued behind every other writer (the version row's lock, as IAM writes), and the version
     * bumped so other nodes reload; acknowledged once durable.
     */
    private <R> R writeBuckets(BucketWrite<R> write) {
        R result;
        lockForWrite();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long stored = lockVersion(c).version();
                result = write.apply(c);
                setVersion(c, stored + 1);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
            buckets = loadBuckets(c);
        } catch (SQLException e) {
            throw storeUnavailable(e);
        } finally {
            writeStarted = null;
            writeLock.unlock();
        }
        try {
            groupCommit.awaitDurable(groupCommit.committed(), this::capturePublication);
        } catch (SQLException e) {
            throw storeUnavailable(e);
        }
        return result;
    }

    private void reloadBuckets() {
        try (Connection c = dataSource.getConnection()) {
            buckets = loadBuckets(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the bucket registry: " + e.getMessage(), e);
        }
    }

    private static Map<String, S3Bucket> loadBuckets(Connection c) throws SQLException {
        Map<String, S3Bucket> loaded = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT bucket_name, owner_account, policy, created_at, policy_principal_ids FROM s3_bucket");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                S3Bucket bucket = bucketOf(rs);
                loaded.put(bucket.name(), bucket);
            }
        }
        return Collections.unmodifiableMap(loaded);
    }

    private static Optional<S3Bucket> selectBucket(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT bucket_name, owner_account, policy, created_at, policy_principal_ids FROM s3_bucket"
                        + " WHERE bucket_name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(bucketOf(rs)) : Optional.empty();
            }
        }
    }

    private static S3Bucket bucketOf(ResultSet rs) throws SQLException {
        return new S3Bucket(rs.getString(1), AccountId.of(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)), principalIds(rs.getString(5)));
    }

    private static final ObjectMapper BINDINGS =
            new ObjectMapper();

    private static Map<String, String> principalIds(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return BINDINGS.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new SQLException("a bucket's principal bindings do not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String principalIdsColumn(Map<String, String> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        try {
            return BINDINGS.writeValueAsString(new TreeMap<>(ids));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static void upsertBucket(Connection c, S3Bucket bucket) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM s3_bucket WHERE bucket_name = ?")) {
            s.setString(1, bucket.name());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO s3_bucket (bucket_name, owner_account, policy, created_at, policy_principal_ids)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, bucket.name());
            s.setString(2, bucket.owner().value());
            s.setString(3, bucket.policy().orElse(null));
            s.setLong(4, bucket.created().toEpochMilli());
            s.setString(5, principalIdsColumn(bucket.principalIds()));
            s.executeUpdate();
        }
    }

    private AwsException storeUnavailable(SQLException e) {
        noteFailure(e);
        return AwsErrors.storeUnavailable(e.toString());
    }

    private void noteFailure(SQLException e) {
        String reason = "a write failed: " + e.getMessage();
        if (!reason.equals(writeFailure)) {
            LOG.log(System.Logger.Level.WARNING, "store write path: " + e);
        }
        writeFailure = reason;
    }

    /** Leaves the registry of nodes' master keys; a node that cannot is forgotten once its entry is stale. */
    private void leave(NodeKeys m) {
        try (Connection c = dataSource.getConnection()) {
            m.deregister(c);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "leaving the registry of master keys failed: " + e);
        }
    }

    /**
     * Closes the database, waiting at most {@value #CLOSE_TIMEOUT_SECONDS} seconds: a write stuck in the database
     * must not keep the process from stopping. Every acknowledged write is durable already, so a close that gives up
     * costs only the next start's recovery.
     */
    @Override
    public void close() {
        if (onClose == null) {
            return;
        }
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread closer = Thread.ofPlatform().name("lanyard-store-close").daemon().start(() -> {
            try {
                membership.ifPresent(this::leave);
                onClose.close();
            } catch (Exception e) {
                failed.set(e);
            }
        });
        try {
            if (!closer.join(Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS))) {
                LOG.log(System.Logger.Level.WARNING, "the store did not close within " + CLOSE_TIMEOUT_SECONDS
                        + " s (" + problem().orElse("no known problem") + "); stopping without a clean close");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failed.get() != null) {
            throw new IllegalStateException("closing the store failed", failed.get());
        }
    }
}
