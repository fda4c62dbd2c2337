package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.store.jdbc.EmbeddedDatabase;
import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.store.jdbc.PostgresDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 gateway's bucket registry opened outside a running server, for the operator's command that maps buckets the
 * backend already holds to their owning accounts (migration). The embedded store is one process's at a time: stop the
 * server first. A shared PostgreSQL store can be changed while nodes run; they see the change on their next poll.
 */
public final class BucketRegistry implements AutoCloseable {
    /** How the command appears among the nodes in the master-key registry: never a serving node's name. */
    private static final String COMMAND_NODE = "lanyard-s3-command";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final JdbcIamStore store;

    private BucketRegistry(JdbcIamStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** @param random only used when the data directory has no master key yet (a fresh one is then made) */
    public static BucketRegistry open(LanyardConfig config, Clock clock, SecureRandom random) {
        MasterKeySource.Loaded keys = MasterKeySource.load(config.dataDirectory(), config.masterKeyBase64(),
                config.masterKeyFile(), random);
        JdbcIamStore store = config.database()
                .map(db -> PostgresDatabase.open(db.jdbcUrl(), db.user(), db.password(), keys.ring(),
                        COMMAND_NODE, JdbcIamStore.DEFAULT_WRITE_TIMEOUT, clock))
                .orElseGet(() -> EmbeddedDatabase.open(config.dataDirectory(), keys.ring(), clock));
        return new BucketRegistry(store);
    }

    /**
     * Makes {@code owner} the owner of {@code bucket}, keeping its policy if it has one.
     *
     * @throws IllegalArgumentException for a name that is no bucket name, or an account Lanyard does not have
     */
    public S3Bucket map(String bucket, AccountId owner, Instant now) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        if (store.snapshot().account(owner).isEmpty()) {
            throw new IllegalArgumentException("no account " + owner.value() + " in this Lanyard");
        }
        S3Bucket mapped = store.bucket(bucket).map(b -> b.withOwner(owner))
                .orElseGet(() -> new S3Bucket(bucket, owner, Optional.empty(), now));
        store.put(mapped);
        return mapped;
    }

    public List<S3Bucket> buckets() {
        return store.buckets();
    }

    @Override
    public void close() {
        store.close();
    }
}
