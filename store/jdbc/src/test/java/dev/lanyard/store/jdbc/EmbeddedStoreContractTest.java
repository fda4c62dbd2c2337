package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.testing.IamStoreContract;
import dev.lanyard.tokens.MasterKey;
import java.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The embedded H2 store against the store contract, plus what only a durable store can show. */
class EmbeddedStoreContractTest extends IamStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private final Map<IamStore, Path> directories = new HashMap<>();

    @Override
    protected IamStore newStore() {
        try {
            Path dir = Files.createTempDirectory("lanyard-store");
            IamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC());
            directories.put(store, dir);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected IamStore reopen(IamStore store) {
        Path dir = directories.get(store);
        store.close();
        return EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC());
    }

    @Test
    void secretsAreEncryptedAtRest() throws IOException {
        IamStore store = newStore();
        SecretAccessKey secret = SecretAccessKey.generate(new SplittableRandom(9));
        store.update(s -> Mutation.of(1, EntityChange.upsert(key("erin", secret))));
        Path dir = directories.get(store);
        store.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(secret.reveal());
            }
        }
    }

    @Test
    void keysetCompareAndSet() {
        try (JdbcIamStore store = (JdbcIamStore) newStore()) {
            assertThat(store.loadKeyset()).isEmpty();
            assertThat(store.compareAndSetKeyset(Optional.empty(), new byte[] {1})).isTrue();
            assertThat(store.compareAndSetKeyset(Optional.empty(), new byte[] {2})).isFalse();
            assertThat(store.compareAndSetKeyset(Optional.of(new byte[] {9}), new byte[] {2})).isFalse();
            assertThat(store.compareAndSetKeyset(Optional.of(new byte[] {1}), new byte[] {2})).isTrue();
            assertThat(store.loadKeyset()).hasValueSatisfying(b -> assertThat(b).containsExactly(2));
        }
    }
}
