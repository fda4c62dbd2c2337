package dev.lanyard.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.InstanceProfile;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.SecretText;
import dev.lanyard.iam.model.ServerCertificate;
import dev.lanyard.iam.model.ServiceLinkedRoleDeletion;
import dev.lanyard.iam.model.ServiceSpecificCredential;
import dev.lanyard.iam.model.SigningCertificate;
import dev.lanyard.iam.model.SshPublicKey;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.StsPreferences;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.passwords.PasswordHash;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.totp.FailedCodes;
import dev.lanyard.totp.TotpSeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every IamStore must do; each implementation's test class extends this. */
public abstract class IamStoreContract {
    protected static final AccountId ACCOUNT = AccountId.of("123456789012");
    protected static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** A fresh, empty store. */
    protected abstract IamStore newStore();

    /** The same store's data opened again (a restart); stores without durability return a new empty one. */
    protected abstract IamStore reopen(IamStore store);

    protected static User user(String name) {
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(Locale.ROOT), name, "/", T0, Optional.empty(),
                List.of(new Tag("team", "blue")),
                List.of(new InlinePolicy("all", StoredPolicy.parse(ALLOW_ALL, PolicyKind.INLINE))), List.of());
    }

    protected static Role role(String name) {
        return new Role(ACCOUNT, "AROA" + name.toUpperCase(Locale.ROOT), name, "/ops/",
                StoredPolicy.parse(TRUST, PolicyKind.TRUST), Optional.of("d"), Duration.ofHours(2), T0,
                Optional.empty(), List.of(), List.of(), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    }

    protected static AccessKey key(String user, SecretAccessKey secret) {
        return new AccessKey(AccessKeyId.generateLongTerm(ACCOUNT, new SplittableRandom(user.hashCode())), ACCOUNT,
                Optional.of(user), secret, AccessKey.Status.Active, T0);
    }

    @Test
    void startsEmptyAndAppliesChangeSets() {
        try (IamStore store = newStore()) {
            assertThat(store.snapshot().all()).isEmpty();
            long before = store.snapshot().version();
            String result = store.update(s -> Mutation.of("done", EntityChange.upsert(user("alice")),
                    EntityChange.upsert(role("deployer"))));
            assertThat(result).isEqualTo("done");
            assertThat(store.snapshot().version()).isGreaterThan(before);
            assertThat(store.snapshot().user(ACCOUNT, "ALICE")).contains(user("alice"));
            assertThat(store.snapshot().roleById("AROADEPLOYER")).contains(role("deployer"));
        }
    }

    @Test
    void aFailingMutationChangesNothing() {
        try (IamStore store = newStore()) {
            store.update(s -> Mutation.of(1, EntityChange.upsert(user("bob"))));
            long version = store.snapshot().version();
            assertThatThrownBy(() -> store.update(s -> {
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(store.snapshot().version()).isEqualTo(version);
            assertThat(store.snapshot().users(ACCOUNT)).hasSize(1);
        }
    }

    @Test
    void removalsAndReopenKeepEverything() {
        IamStore store = newStore();
        SecretAccessKey secret = SecretAccessKey.generate(new SplittableRandom(3));
        AccessKey key = key("carol", secret);
        Account account = new Account(ACCOUNT, "main", "a@example.test", Account.AccountStatus.ACTIVE, T0, true);
        store.update(s -> Mutation.of(1, EntityChange.upsert(account), EntityChange.upsert(user("carol")),
                EntityChange.upsert(user("dave")), EntityChange.upsert(key)));
        store.update(s -> Mutation.of(1, EntityChange.remove(user("dave"))));
        IamStore reopened = reopen(store);
        try (reopened) {
            if (reopened.snapshot().all().isEmpty()) {
                return; // not a durable store
            }
            assertThat(reopened.snapshot().account(ACCOUNT)).contains(account);
            assertThat(reopened.snapshot().user(ACCOUNT, "dave")).isEmpty();
            assertThat(reopened.snapshot().user(ACCOUNT, "carol")).contains(user("carol"));
            AccessKey loaded = reopened.snapshot().accessKey(key.id()).orElseThrow();
            assertThat(loaded.secret()).isEqualTo(secret);
            assertThat(loaded).isEqualTo(key);
        }
    }

    @Test
    void concurrentWritersSerialize() throws Exception {
        try (IamStore store = newStore()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String name = "user" + i;
                    futures.add(pool.submit(() -> store.update(s -> Mutation.of(1,
                            EntityChange.upsert(user(name))))));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(store.snapshot().users(ACCOUNT)).hasSize(40);
        }
    }

    @Test
    void mfaDevicesKeepTheirSeedStepAndFailedCodesAcrossAReopen() {
        IamStore store = newStore();
        MfaDevice counting = new MfaDevice(ACCOUNT, "arn:aws:iam::123456789012:mfa/phone", "phone", "/",
                TotpSeed.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII)),
                Optional.of("carol"), Optional.of(T0), 42, 1, new FailedCodes(3, T0.plusSeconds(5)), T0, List.of());
        MfaDevice clean = new MfaDevice(ACCOUNT, "arn:aws:iam::123456789012:mfa/spare", "spare", "/",
                TotpSeed.of("abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII)),
                Optional.empty(), Optional.empty(), -1, 0, FailedCodes.NONE, T0, List.of());
        store.update(s -> Mutation.of(1, EntityChange.upsert(counting), EntityChange.upsert(clean)));
        assertThat(store.snapshot().mfaDevice(ACCOUNT, counting.serialNumber())).contains(counting);
        IamStore reopened = reopen(store);
        try (reopened) {
            if (reopened.snapshot().all().isEmpty()) {
                return; // not a durable store
            }
            assertThat(reopened.snapshot().mfaDevice(ACCOUNT, counting.serialNumber())).contains(counting);
            assertThat(reopened.snapshot().mfaDevice(ACCOUNT, clean.serialNumber())).contains(clean);
        }
    }

    /** Instance profiles, login profiles (password hashes sealed), password policies and deletion tasks survive. */
    @Test
    void accountSettingsAndProfilesSurviveReopen() {
        IamStore store = newStore();
        var profile = new InstanceProfile(ACCOUNT, "AIPAEXAMPLE", "web", "/ec2/", T0,
                List.of("app"), List.of(new Tag("team", "blue")));
        var login = new LoginProfile(ACCOUNT, "AIDACAROL",
                PasswordHash.of("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$new"),
                T0, true, T0.plusSeconds(5),
                List.of(PasswordHash.of("$argon2id$v=19$m=19456,t=2,p=1$b2xk$old")));
        var policy = new PasswordPolicy(ACCOUNT, 14, true, false, true, false, true,
                Optional.of(90), Optional.empty(), Optional.of(false));
        var deletion = new ServiceLinkedRoleDeletion(ACCOUNT,
                "task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/0-1-2-3-4",
                "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling", "SUCCEEDED", T0);
        store.update(s -> Mutation.of(1, EntityChange.upsert(profile), EntityChange.upsert(login),
                EntityChange.upsert(policy), EntityChange.upsert(deletion)));
        IamStore reopened = reopen(store);
        try (reopened) {
            if (reopened.snapshot().all().isEmpty()) {
                return; // not a durable store
            }
            assertThat(reopened.snapshot().instanceProfile(ACCOUNT, "WEB")).contains(profile);
            assertThat(reopened.snapshot().loginProfile(ACCOUNT, "AIDACAROL")).contains(login);
            assertThat(reopened.snapshot().passwordPolicy(ACCOUNT)).contains(policy);
            assertThat(reopened.snapshot().serviceLinkedRoleDeletion(ACCOUNT, deletion.taskId())).contains(deletion);
        }
    }

    /** Each of issue 16's credential kinds comes back whole, its secret (key, password) decrypted, after a reopen. */
    @Test
    void credentialsCertificatesAndDelegationRequestsSurviveAReopen() {
        IamStore store = newStore();
        List<IamEntity> entities = List.of(
                new SshPublicKey(ACCOUNT, "APKAAAAAAAAAAAAAAAAA", "carol", "ssh-rsa AAAA c",
                        "00:11", AccessKey.Status.Inactive, T0),
                new SigningCertificate(ACCOUNT, "C".repeat(32), Optional.empty(), "PEM",
                        AccessKey.Status.Active, T0),
                new ServerCertificate(ACCOUNT, "ASCAAAAAAAAAAAAAAAAAA", "Web", "/cf/", "PEM",
                        Optional.of("CHAIN"), SecretText.of("PRIVATE KEY"), T0,
                        T0.plusSeconds(86400), List.of(new Tag("env", "test"))),
                new ServiceSpecificCredential(ACCOUNT, "ACCAAAAAAAAAAAAAAAAAA", "carol",
                        "bedrock.amazonaws.com", "carol+1-at-123456789012",
                        SecretText.of("ABSKsecret"), AccessKey.Status.Active, T0,
                        Optional.of(T0.plusSeconds(60))),
                new DelegationRequest("dr0123456789abcdef", ACCOUNT, "partner",
                        Optional.of(AccountId.of("210987654321")), Optional.of("arn:aws:iam::210987654321:user/o"),
                        "d", Optional.of("m"), new DelegationRequest.Permissions(
                                Optional.of("arn:aws:iam::aws:policy-template/T"), List.of(
                                        new DelegationRequest.PolicyParameter("bucket",
                                                List.of("a", "b"), "stringList"))),
                        "wf-1", Optional.of("https://partner.example/x"), "topic", 900, true,
                        DelegationRequest.State.FINALIZED, Optional.of("arn:approver"),
                        Optional.of("n"), Optional.empty(), T0, T0.plusSeconds(1), T0.plusSeconds(2),
                        Optional.of(new DelegationRequest.TradeIn(
                                SecretText.of("dr0123456789abcdef.token"), Optional.empty()))),
                new StsPreferences(ACCOUNT,
                        StsPreferences.GlobalEndpointTokenVersion.v2Token),
                new OrganizationsFeatures("o-abcdefghij", ACCOUNT, Set.of(
                        OrganizationsFeatures.Feature.RootSessions)));
        store.update(s -> Mutation.of(1, entities.stream().map(EntityChange::upsert).toArray(EntityChange[]::new)));
        IamStore reopened = reopen(store);
        try (reopened) {
            if (reopened.snapshot().all().isEmpty()) {
                return; // not a durable store
            }
            for (IamEntity entity : entities) {
                assertThat(reopened.snapshot().get(entity.key())).contains(entity);
            }
        }
    }
}
