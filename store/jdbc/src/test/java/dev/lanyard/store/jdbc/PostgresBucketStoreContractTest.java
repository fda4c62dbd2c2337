package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.testing.BucketStoreContract;
import dev.lanyard.store.testing.PostgresServer;
import dev.lanyard.tokens.MasterKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bucket registry on a real PostgreSQL, plus two nodes sharing it. */
class PostgresBucketStoreContractTest extends BucketStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;
    private final Map<BucketStore, String> urls = new HashMap<>();

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static String newDatabase() {
        return postgres.createDatabase("buckets" + DATABASES.incrementAndGet());
    }

    @Override
    protected BucketStore newStore() {
        String url = newDatabase();
        JdbcIamStore store = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
        urls.put(store, url);
        return store;
    }

    @Override
    protected BucketStore reopen(BucketStore store) {
        String url = urls.get(store);
        close(store);
        return PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
    }

    @Override
    protected void close(BucketStore store) {
        ((JdbcIamStore) store).close();
    }

    @Test
    void anotherNodeSeesABucketAfterItsPollAndIamWritesStillGoThrough() {
        String url = newDatabase();
        try (JdbcIamStore first = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
                JdbcIamStore second = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC())) {
            first.createIfAbsent(new S3Bucket("photos", OWNER, Optional.empty(), T0));
            assertThat(second.bucket("photos")).isEmpty();
            assertThat(second.poll()).isTrue();
            assertThat(second.bucket("photos")).isPresent();
            // The bucket write moved the version on; an IAM write on the first node reloads and goes through.
            User alice = new User(OWNER, "AIDAALICE", "alice", "/", T0, Optional.empty(), List.of(), List.of(),
                    List.of());
            first.update(s -> Mutation.of(1, EntityChange.upsert(alice)));
            assertThat(first.snapshot().user(OWNER, "alice")).isPresent();
        }
    }
}
