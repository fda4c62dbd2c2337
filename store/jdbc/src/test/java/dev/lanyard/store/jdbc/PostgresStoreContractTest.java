package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.testing.IamStoreContract;
import dev.lanyard.store.testing.PostgresServer;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import java.time.Clock;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract on a real PostgreSQL started by the test, plus what sharing one database between nodes needs. */
class PostgresStoreContractTest extends IamStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;
    private final Map<IamStore, String> urls = new HashMap<>();

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static String newDatabase() {
        return postgres.createDatabase("contract" + DATABASES.incrementAndGet());
    }

    @Override
    protected IamStore newStore() {
        String url = newDatabase();
        IamStore store = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
        urls.put(store, url);
        return store;
    }

    @Override
    protected IamStore reopen(IamStore store) {
        String url = urls.get(store);
        store.close();
        return PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
    }

    @Test
    void twoNodesConvergeThroughTheVersion() {
        String url = newDatabase();
        try (JdbcIamStore first = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC());
                JdbcIamStore second = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC())) {
            first.update(s -> Mutation.of(1, EntityChange.upsert(user("alice"))));
            assertThat(second.snapshot().user(ACCOUNT, "alice")).isEmpty();
            assertThat(second.poll()).isTrue();
            assertThat(second.snapshot().user(ACCOUNT, "alice")).isPresent();
            // A writer with a stale snapshot finds the version ahead under its row lock, reloads and re-runs.
            first.update(s -> Mutation.of(1, EntityChange.upsert(user("bob"))));
            second.update(s -> Mutation.of(1, EntityChange.upsert(user("carol"))));
            assertThat(second.snapshot().users(ACCOUNT)).hasSize(3);
            first.poll();
            assertThat(first.snapshot().users(ACCOUNT)).hasSize(3);
        }
    }

    @Test
    void anOutageFailsWritesFastAndKeepsReads() {
        String url = newDatabase();
        try (JdbcIamStore store = PostgresDatabase.open(url, postgres.user(), "", MASTER, Clock.systemUTC())) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(user("dora"))));
            postgres.stopServer();
            try {
                assertThat(store.poll()).isFalse();
                assertThat(store.reachable()).isFalse();
                assertThat(store.snapshot().user(ACCOUNT, "dora")).isPresent();
                long start = System.nanoTime();
                org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        store.update(s -> Mutation.of(1, EntityChange.upsert(user("erin")))))
                        .isInstanceOfSatisfying(dev.lanyard.aws.AwsException.class, e -> assertThat(e.errorCode())
                                .isEqualTo(dev.lanyard.aws.ErrorCode.SERVICE_UNAVAILABLE));
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                        java.time.Duration.ofSeconds(30));
            } finally {
                postgres.startServer();
            }
            assertThat(pollUntilReachable(store)).isTrue();
            assertThat(store.snapshot().user(ACCOUNT, "erin")).isEmpty();
            store.update(s -> Mutation.of(1, EntityChange.upsert(user("erin"))));
            assertThat(store.snapshot().user(ACCOUNT, "erin")).isPresent();
        }
    }

    /**
     * Two nodes on one database: the switch to a new master key waits until every live node holds it; after it, a
     * write through either node seals under it; a node started without it is refused.
     */
    @Test
    void aRotationWaitsForEveryNodeToHoldTheNewKey() {
        String url = newDatabase();
        MasterKey next = MasterKey.generate(new SecureRandom());
        MasterKeyring both = MasterKeyring.of(java.util.List.of(MASTER, next));
        java.time.Duration timeout = JdbcIamStore.DEFAULT_WRITE_TIMEOUT;
        try (JdbcIamStore first = PostgresDatabase.open(url, postgres.user(), "", both, "node-a", timeout,
                Clock.systemUTC());
                JdbcIamStore second = PostgresDatabase.open(url, postgres.user(), "", MasterKeyring.of(MASTER),
                        "node-b", timeout, Clock.systemUTC())) {
            first.update(s -> Mutation.of(1, EntityChange.upsert(key("alice",
                    dev.lanyard.aws.SecretAccessKey.generate(new java.util.SplittableRandom(1))))));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.rotateMasterKey(next.id()))
                    .hasMessageContaining("node-b").hasMessageContaining(next.id().value());
            assertThat(first.masterKeyStatus().sealingKey()).isEqualTo(MASTER.id());

            second.useKeyring(both);
            assertThat(first.masterKeyStatus().nodes().orElseThrow()).extracting(MasterKeyStatus.Node::name)
                    .containsExactly("node-a", "node-b");
            first.rotateMasterKey(next.id());
            second.update(s -> Mutation.of(1, EntityChange.upsert(key("bob",
                    dev.lanyard.aws.SecretAccessKey.generate(new java.util.SplittableRandom(2))))));
            assertThat(first.masterKeyStatus().sealed().byKey()).containsOnlyKeys(next.id().value());
            assertThat(second.keyring().sealing().id()).isEqualTo(next.id());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresDatabase.open(url, postgres.user(), "",
                    MasterKeyring.of(MASTER), "node-c", timeout, Clock.systemUTC()))
                    .hasMessageContaining(next.id().value());
            second.useKeyring(MasterKeyring.of(next));
            first.useKeyring(MasterKeyring.of(next));
            assertThat(first.poll()).isTrue();
            assertThat(first.snapshot().accessKeys(ACCOUNT, java.util.Optional.of("bob"))).hasSize(1);
        }
    }

    private static boolean pollUntilReachable(JdbcIamStore store) {
        for (int i = 0; i < 100; i++) {
            if (store.poll()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
