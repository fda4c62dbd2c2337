package dev.lanyard.bench;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.jdbc.EmbeddedDatabase;
import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.tokens.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acknowledged writes per second of the embedded store, {@code JdbcIamStore.update} called directly: each operation
 * returns only when its write is as durable as the store promises. Run with {@code -t 1} (every write waits for its
 * own sync) and with more threads (writers share syncs). Users are rewritten in a ring of 1,000 so the model, and
 * with it the cost of applying a change set in memory, stays the same size through the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class StoreWriteBenchmark {
    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final int RING = 1_000;

    private final AtomicLong next = new AtomicLong();
    private Path directory;
    private JdbcIamStore store;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("lanyard-store-bench");
        store = EmbeddedDatabase.open(directory, MasterKey.generate(new SecureRandom()), java.time.Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** How many users the store holds (for the benchmark's test). */
    int storedUsers() {
        return store.snapshot().users(ACCOUNT).size();
    }

    @Benchmark
    public String putUser() {
        long n = next.incrementAndGet() % RING;
        User user = new User(ACCOUNT, String.format("AIDA%017d", n), "user-" + n, "/bench/", Instant.EPOCH,
                Optional.empty(), List.of(), List.of(), List.of());
        return store.update(snapshot -> Mutation.of(user.name(), EntityChange.upsert(user)));
    }
}
