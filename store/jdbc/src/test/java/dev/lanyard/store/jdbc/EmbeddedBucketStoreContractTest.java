package dev.lanyard.store.jdbc;

import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.store.testing.BucketStoreContract;
import dev.lanyard.tokens.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The embedded H2 store's bucket registry against the contract. */
class EmbeddedBucketStoreContractTest extends BucketStoreContract {
    private static final MasterKey MASTER = MasterKey.generate(new SecureRandom());
    private final Map<BucketStore, Path> directories = new HashMap<>();

    @Override
    protected BucketStore newStore() {
        try {
            Path dir = Files.createTempDirectory("lanyard-buckets");
            JdbcIamStore store = EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC());
            directories.put(store, dir);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected BucketStore reopen(BucketStore store) {
        Path dir = directories.get(store);
        close(store);
        return EmbeddedDatabase.open(dir, MASTER, Clock.systemUTC());
    }

    @Override
    protected void close(BucketStore store) {
        ((JdbcIamStore) store).close();
    }
}
