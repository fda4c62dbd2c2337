package dev.lanyard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.store.testing.SampleEntities;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import dev.lanyard.tokens.TokenKeyset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Master-key rotation on the embedded store: every secret re-sealed, nothing lost to concurrent writers. */
@Timeout(300)
class MasterKeyRotationTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final MasterKey old = MasterKey.generate(random);
    private final MasterKey next = MasterKey.generate(random);

    @TempDir
    Path dir;

    /**
     * The test that fails when a new kind of secret is not re-sealed: one entity of every entity type (a type without
     * a sample fails it), the token keyset, a rotation, then the old key is dropped and every secret must still open,
     * and every sealed value in every binary column of every table must name the new key.
     */
    @Test
    void everySecretOfEveryEntityTypeAndTheTokenKeysetIsResealedUnderTheNewKey() throws Exception {
        SampleEntities samples = new SampleEntities("", new SplittableRandom(11));
        assertThat(samples.missingTypes()).as("entity types without a sample in SampleEntities: give each one"
                + " (with its secrets) so that rotations and backups are tested with it").isEmpty();
        TokenKeyset keyset = TokenKeyset.generate(CLOCK, random);
        long sealedBefore;
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK)) {
            store.update(s -> new Mutation<>(samples.entities().stream().map(EntityChange::upsert).toList(), 1));
            assertThat(store.compareAndSetKeyset(Optional.empty(), keyset.toEncryptedBytes(old))).isTrue();
            Map<String, Long> before = store.masterKeyStatus().sealed().byKey();
            assertThat(before).containsOnlyKeys(old.id().value());
            sealedBefore = before.get(old.id().value());

            store.useKeyring(MasterKeyring.of(List.of(old, next)));
            MasterKeyRotation.Result result = store.rotateMasterKey(next.id());

            assertThat(result.sealingKey()).isEqualTo(next.id());
            assertThat(result.resealed()).isEqualTo(sealedBefore);
            assertThat(result.retirable()).containsExactly(old.id());
            MasterKeyStatus after = store.masterKeyStatus();
            assertThat(after.sealed().byKey()).containsOnlyKeys(next.id().value());
            assertThat(after.sealed().byColumn()).containsKeys("iam_entity.secret", "token_keyset.keyset");
            store.useKeyring(MasterKeyring.of(next));
        }
        try (JdbcIamStore reopened = EmbeddedDatabase.open(dir, MasterKeyring.of(next), CLOCK)) {
            assertThat(reopened.snapshot().all()).containsExactlyInAnyOrderElementsOf(samples.entities());
            assertThat(TokenKeyset.fromEncryptedBytes(reopened.loadKeyset().orElseThrow(), MasterKeyring.of(next)))
                    .isEqualTo(keyset);
        }
    }

    @Test
    void aNodeWithoutTheSealingKeyRefusesToOpenAndNamesTheKey() {
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(accessKey(1))));
            store.useKeyring(MasterKeyring.of(List.of(old, next)));
            store.rotateMasterKey(next.id());
        }
        assertThatThrownBy(() -> EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(next.id().value());
    }

    @Test
    void aKeyStillSealingOrNeededCannotBeDropped() {
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(accessKey(1))));
            assertThatThrownBy(() -> store.useKeyring(MasterKeyring.of(next)))
                    .hasMessageContaining(old.id().value()).hasMessageContaining("seals under");
            store.useKeyring(MasterKeyring.of(List.of(old, next)));
            assertThatThrownBy(() -> store.rotateMasterKey(MasterKey.generate(random).id()))
                    .hasMessageContaining("does not hold");
            assertThat(store.keyring().ids()).containsExactly(old.id(), next.id());
            assertThat(store.keyring().sealing().id()).isEqualTo(old.id());
            store.rotateMasterKey(next.id());
            store.useKeyring(MasterKeyring.of(next));
            assertThat(store.keyring().ids()).containsExactly(next.id());
        }
    }

    /**
     * Writers go on while a rotation re-seals 1,500 keys (15 batches): every write succeeds, every secret ends up
     * under the new key, and the store opens with the new key alone.
     */
    @Test
    void writersDuringARotationLoseNothing() throws Exception {
        List<AccessKey> written = new ArrayList<>();
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK)) {
            List<EntityChange> existing = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                AccessKey key = accessKey(i);
                existing.add(EntityChange.upsert(key));
                written.add(key);
            }
            store.update(s -> new Mutation<>(existing, 1));
            MfaDevice device = mfaDevice(0);
            store.update(s -> Mutation.of(1, EntityChange.upsert(device)));
            store.useKeyring(MasterKeyring.of(List.of(old, next)));

            AtomicBoolean rotating = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(4);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<List<AccessKey>>> results = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                results.add(writers.submit(() -> {
                    List<AccessKey> mine = new ArrayList<>();
                    started.countDown();
                    for (int i = 0; rotating.get() || i < 20; i++) {
                        AccessKey key = accessKey(10_000 * (writer + 1) + i);
                        store.update(s -> Mutation.of(1, EntityChange.upsert(key)));
                        mine.add(key);
                        long counter = i;
                        store.update(s -> Mutation.of(1, EntityChange.upsert(s.mfaDevice(device.account(),
                                device.serialNumber()).orElseThrow().withAcceptedCounter(counter))));
                    }
                    return mine;
                }));
            }
            started.await();
            MasterKeyRotation.Result result = store.rotateMasterKey(next.id());
            rotating.set(false);
            for (Future<List<AccessKey>> r : results) {
                written.addAll(r.get());
            }
            writers.shutdown();
            assertThat(result.retirable()).containsExactly(old.id());
            assertThat(store.masterKeyStatus().sealed().notUnder(next.id())).isEmpty();
            store.useKeyring(MasterKeyring.of(next));
        }
        try (JdbcIamStore reopened = EmbeddedDatabase.open(dir, MasterKeyring.of(next), CLOCK)) {
            for (AccessKey key : written) {
                assertThat(reopened.snapshot().accessKey(key.id())).contains(key);
            }
        }
    }

    /** Stores written before sealed data named its key open as before, and a rotation re-seals what they hold. */
    @Test
    void secretsSealedBeforeKeysHadIdsOpenAndARotationResealsThem() throws Exception {
        AccessKey key = accessKey(7);
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(old), CLOCK)) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(key)));
        }
        try (Connection c = DriverManager.getConnection(EmbeddedDatabase.url(dir, JdbcIamStore.DEFAULT_WRITE_TIMEOUT),
                EmbeddedDatabase.USER, "");
                PreparedStatement s = c.prepareStatement("UPDATE iam_entity SET secret = ? WHERE entity_id = ?")) {
            s.setBytes(1, sealedWithoutKeyId(old, key.secret().reveal().getBytes(StandardCharsets.UTF_8),
                    ("iam-secret-key:" + key.id().value()).getBytes(StandardCharsets.UTF_8)));
            s.setString(2, key.id().value());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        try (JdbcIamStore store = EmbeddedDatabase.open(dir, MasterKeyring.of(List.of(old, next)), CLOCK)) {
            assertThat(store.snapshot().accessKey(key.id())).contains(key);
            assertThat(store.masterKeyStatus().sealed().byKey()).containsEntry(SealedValues.WITHOUT_KEY_ID, 1L);
            assertThat(store.masterKeyStatus().retirable()).isEmpty();
            assertThatThrownBy(() -> store.useKeyring(MasterKeyring.of(old)))
                    .hasMessageContaining("before sealed data named its key");
            store.rotateMasterKey(old.id());
            assertThat(store.masterKeyStatus().sealed().byKey()).containsOnlyKeys(old.id().value());
        }
    }

    /** Format 1: {@code 1 || nonce || AES-GCM(plaintext) || tag}, the version byte before the associated data. */
    private static byte[] sealedWithoutKeyId(MasterKey key, byte[] plaintext, byte[] aad) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(java.util.Base64.getDecoder().decode(key.toBase64()),
                "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(new byte[] {1});
        cipher.updateAAD(aad);
        byte[] body = cipher.doFinal(plaintext);
        byte[] sealed = new byte[13 + body.length];
        sealed[0] = 1;
        System.arraycopy(nonce, 0, sealed, 1, 12);
        System.arraycopy(body, 0, sealed, 13, body.length);
        return sealed;
    }

    static AccessKey accessKey(int i) {
        SplittableRandom seeded = new SplittableRandom(i);
        return new AccessKey(AccessKeyId.generateLongTerm(SampleEntities.ACCOUNT, seeded), SampleEntities.ACCOUNT,
                Optional.of("user" + i), SecretAccessKey.generate(seeded), AccessKey.Status.Active,
                java.time.Instant.parse("2026-11-23T12:00:00Z"));
    }

    private static MfaDevice mfaDevice(int i) {
        IamEntity sample = new SampleEntities("-mfa" + i, new SplittableRandom(i)).entities().stream()
                .filter(e -> e instanceof MfaDevice).findFirst().orElseThrow();
        return (MfaDevice) sample;
    }
}
