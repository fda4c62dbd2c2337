package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.testing.SampleEntities;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import dev.lanyard.tokens.TokenKeyset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Backups of the embedded store while it takes writes, and restores that check everything before replacing. */
@Timeout(300)
class StoreBackupTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private final MasterKey master = MasterKey.generate(new SecureRandom());

    @TempDir
    Path home;

    private static User user(String name) {
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), name, "/", Instant.EPOCH,
                Optional.empty(), List.of(), List.of(), List.of());
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    private Path backupOf(JdbcIamStore store) throws IOException {
        Path file = home.resolve("store.backup");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.backup(out);
        }
        return file;
    }

    @Test
    void everyEntityTypeAndTheKeysetRestoreAsTheyWereWithSecretsStillSealed() throws Exception {
        SampleEntities samples = new SampleEntities("", new SplittableRandom(5));
        assertThat(samples.missingTypes()).isEmpty();
        TokenKeyset keyset = TokenKeyset.generate(CLOCK, new SecureRandom());
        Path backup;
        long version;
        try (JdbcIamStore store = EmbeddedDatabase.open(directory("source"), master, CLOCK)) {
            store.update(s -> new Mutation<>(samples.entities().stream().map(EntityChange::upsert).toList(), 1));
            store.compareAndSetKeyset(Optional.empty(), keyset.toEncryptedBytes(master));
            version = store.snapshot().version();
            backup = backupOf(store);
        }
        String content = decompressed(backup);
        for (String secret : samples.secretsInTheClear()) {
            assertThat(content).as("a secret in the clear in the backup").doesNotContain(secret);
        }
        StoreBackup.Summary summary = StoreBackup.header(Files.newInputStream(backup));
        assertThat(summary.keysNeeded()).containsExactly(master.id());
        assertThat(summary.iamVersion()).isEqualTo(version);

        Path target = home.resolve("target");
        EmbeddedRestore.Outcome outcome = EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), false,
                CLOCK);
        assertThat(outcome.setAside()).isEmpty();
        assertThat(outcome.backup().rows()).containsEntry("iam_entity", (long) samples.entities().size())
                .containsEntry("token_keyset", 1L).containsEntry("lanyard_meta", 1L)
                .doesNotContainKeys("lanyard_node_keys", "flyway_schema_history");
        try (JdbcIamStore restored = EmbeddedDatabase.open(target, master, CLOCK)) {
            assertThat(restored.snapshot().all()).containsExactlyInAnyOrderElementsOf(samples.entities());
            assertThat(restored.snapshot().version()).isEqualTo(version);
            assertThat(TokenKeyset.fromEncryptedBytes(restored.loadKeyset().orElseThrow(), master)).isEqualTo(keyset);
        }
    }

    /** The S3 gateway's registry is in the backup: owners, policies and the principals they bind come back. */
    @Test
    void bucketsTheirOwnersPoliciesAndPrincipalBindingsRestore() throws Exception {
        AccountId other = AccountId.of("210987654321");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::123456789012:role/reader\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::photos/*\"}]}";
        S3Bucket photos = new S3Bucket("photos", ACCOUNT, Optional.of(policy), Instant.ofEpochMilli(1_000),
                java.util.Map.of("arn:aws:iam::123456789012:role/reader", "AROAREADER0000000001"));
        S3Bucket legacy = new S3Bucket("legacy-logs", other, Optional.empty(), Instant.ofEpochMilli(2_000));
        Path backup;
        try (JdbcIamStore store = EmbeddedDatabase.open(directory("buckets"), master, CLOCK)) {
            store.createIfAbsent(photos.withPolicy(Optional.empty()));
            store.put(photos);
            store.put(legacy);
            backup = backupOf(store);
        }
        Path target = home.resolve("buckets-restored");
        EmbeddedRestore.Outcome outcome = EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), false,
                CLOCK);
        assertThat(outcome.backup().rows()).containsEntry("s3_bucket", 2L);
        try (JdbcIamStore restored = EmbeddedDatabase.open(target, master, CLOCK)) {
            assertThat(restored.buckets()).containsExactlyInAnyOrder(photos, legacy);
        }
    }

    /**
     * Writers go on during the backup; each write adds one user and moves the version by one. The backup must be one
     * instant of the store (users = version - base, across two tables) and hold every write acknowledged before it
     * began.
     */
    @Test
    void aBackupDuringWritesIsOneInstantAndHoldsEveryWriteAcknowledgedBeforeIt() throws Exception {
        Path source = directory("source");
        Path backup;
        List<String> acknowledgedBefore;
        long base;
        try (JdbcIamStore store = EmbeddedDatabase.open(source, master, CLOCK)) {
            base = store.snapshot().version();
            java.util.Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String name = "w" + writer + "u" + i;
                        store.update(s -> Mutation.of(1, EntityChange.upsert(user(name))));
                        acknowledged.add(name);
                    }
                    return null;
                }));
            }
            while (acknowledged.size() < 200) {
                Thread.onSpinWait();
            }
            acknowledgedBefore = List.copyOf(acknowledged);
            backup = backupOf(store);
            writing.set(false);
            for (Future<?> f : writers) {
                f.get();
            }
            pool.shutdown();
        }
        Path target = home.resolve("target");
        EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), false, CLOCK);
        try (JdbcIamStore restored = EmbeddedDatabase.open(target, master, CLOCK)) {
            List<User> users = restored.snapshot().users(ACCOUNT);
            assertThat(users).hasSize((int) (restored.snapshot().version() - base));
            assertThat(users).extracting(User::name).containsAll(acknowledgedBefore);
        }
    }

    @Test
    void aRestoreRefusesADataDirectoryWithADatabaseUnlessAskedAndThenSetsTheOldOneAside() throws Exception {
        Path backup;
        try (JdbcIamStore store = EmbeddedDatabase.open(directory("source"), master, CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(user("from-backup"))));
            backup = backupOf(store);
        }
        Path target = directory("target");
        try (JdbcIamStore other = EmbeddedDatabase.open(target, master, CLOCK)) {
            other.update(s -> Mutation.of(1, EntityChange.upsert(user("already-there"))));
            assertThatThrownBy(() -> EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), true, CLOCK))
                    .hasMessageContaining("running Lanyard");
        }
        byte[] before = Files.readAllBytes(target.resolve("lanyard.mv.db"));
        assertThatThrownBy(() -> EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), false, CLOCK))
                .hasMessageContaining("already holds a database").hasMessageContaining("--force");
        assertThat(Files.readAllBytes(target.resolve("lanyard.mv.db"))).isEqualTo(before);

        EmbeddedRestore.Outcome outcome = EmbeddedRestore.restore(backup, target, MasterKeyring.of(master), true,
                CLOCK);
        assertThat(outcome.setAside()).hasValueSatisfying(aside ->
                assertThat(aside.resolve("lanyard.mv.db")).hasBinaryContent(before));
        try (JdbcIamStore restored = EmbeddedDatabase.open(target, master, CLOCK)) {
            assertThat(restored.snapshot().users(ACCOUNT)).extracting(User::name).containsExactly("from-backup");
        }
    }

    @Test
    void aRestoreWithAnotherMasterKeyIsRefusedBeforeTheDirectoryIsTouched() throws Exception {
        Path backup;
        try (JdbcIamStore store = EmbeddedDatabase.open(directory("source"), master, CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(MasterKeyRotationTest.accessKey(1))));
            backup = backupOf(store);
        }
        MasterKey other = MasterKey.generate(new SecureRandom());
        Path target = home.resolve("target");
        assertThatThrownBy(() -> EmbeddedRestore.restore(backup, target, MasterKeyring.of(other), false, CLOCK))
                .hasMessageContaining(master.id().value()).hasMessageContaining(other.id().value());
        assertThat(target).doesNotExist();
    }

    @Test
    void aDamagedOrTruncatedBackupIsRefusedAndLeavesNothingBehind() throws Exception {
        Path backup;
        try (JdbcIamStore store = EmbeddedDatabase.open(directory("source"), master, CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(user("alice"))));
            backup = backupOf(store);
        }
        String content = decompressed(backup);
        Path edited = home.resolve("edited.backup");
        Files.write(edited, compressed(content.replace("\"alice\"", "\"mallory\"")));
        Path truncated = home.resolve("truncated.backup");
        Files.write(truncated, compressed(content.substring(0, content.indexOf("{\"sha256\""))));
        for (Path bad : List.of(edited, truncated)) {
            Path target = home.resolve("target-" + bad.getFileName());
            assertThatThrownBy(() -> EmbeddedRestore.restore(bad, target, MasterKeyring.of(master), false, CLOCK))
                    .hasMessageMatching("(?s).*(damaged|truncated).*");
            try (var left = Files.list(target)) {
                assertThat(left).as("what a refused restore left in " + target).isEmpty();
            }
        }
    }

    private static String decompressed(Path backup) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(backup))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] compressed(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray()).readAllBytes();
    }
}
