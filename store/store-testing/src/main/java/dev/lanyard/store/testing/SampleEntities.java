package dev.lanyard.store.testing;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AccountAlias;
import dev.lanyard.iam.model.CreateAccountStatus;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.EntityType;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.InstanceProfile;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.OidcProvider;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.model.OutboundFederation;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.SamlProvider;
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
import dev.lanyard.passwords.PasswordHash;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.totp.FailedCodes;
import dev.lanyard.totp.TotpSeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One stored entity of every {@link EntityType}, each with whatever secrets its type has, and those secrets' clear
 * text: what tests that must cover every kind of stored secret (a master-key rotation, a backup) are given. A test
 * checks that every entity type has a sample, so a new type with a secret cannot be left out of them.
 */
public final class SampleEntities {
    public static final AccountId ACCOUNT = AccountId.of("111122223333");
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final List<IamEntity> entities = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    /** Samples whose names end in {@code suffix} (several sets can share a store) and whose secrets are random. */
    public SampleEntities(String suffix, SplittableRandom random) {
        SecretAccessKey accessSecret = SecretAccessKey.generate(random);
        String seed = marker("SEEDSEEDSEED", random);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + marker("SAMLKEY", random) + "\n-----END PRIVATE KEY-----\n";
        String jwks = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + marker("JWKD", random)
                + "\",\"x\":\"x\",\"kid\":\"k1\"}]}";
        String passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$" + marker("HASH", random);
        String previousHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$" + marker("OLDHASH", random);
        String serverKey = marker("SERVERKEY", random);
        String servicePassword = marker("SVCPASS", random);
        String tradeInToken = marker("TRADEIN", random);
        secrets.addAll(List.of(accessSecret.reveal(), seed, pem.lines().toList().get(1), jwks.substring(
                jwks.indexOf("\"d\":\"") + 5, jwks.indexOf("\",\"x\"")), passwordHash, previousHash, serverKey,
                servicePassword, tradeInToken));
        StoredPolicy allow = StoredPolicy.parse(ALLOW, PolicyKind.INLINE);
        add(new Account(ACCOUNT, "sample" + suffix, "sample" + suffix + "@example.test",
                Account.AccountStatus.ACTIVE, T0, true, List.of(new Tag("k", "v"))));
        add(new Organization("o-sample" + suffix, ACCOUNT, "sample@example.test", "r-smp" + suffix));
        add(new CreateAccountStatus("car-sample" + suffix, ACCOUNT, "team" + suffix, "SUCCEEDED", T0,
                T0.plusSeconds(1), Optional.of(ACCOUNT), Optional.empty()));
        add(new User(ACCOUNT, "AIDASAMPLE" + suffix, "alice" + suffix, "/", T0, Optional.empty(),
                List.of(new Tag("team", "blue")), List.of(new InlinePolicy("p", allow)), List.of()));
        add(new Group(ACCOUNT, "AGPASAMPLE" + suffix, "devs" + suffix, "/", T0, List.of("AIDASAMPLE" + suffix),
                List.of(new InlinePolicy("p", allow)), List.of()));
        add(new Role(ACCOUNT, "AROASAMPLE" + suffix, "deployer" + suffix, "/",
                StoredPolicy.parse(TRUST, PolicyKind.TRUST), Optional.of("d"), Duration.ofHours(1), T0,
                Optional.empty(), List.of(), List.of(), List.of()));
        add(new ManagedPolicy(ACCOUNT.value(), "ANPASAMPLE" + suffix, "read" + suffix, "/", Optional.empty(), T0, T0,
                "v1", List.of(new ManagedPolicy.PolicyVersion("v1", StoredPolicy.parse(ALLOW, PolicyKind.MANAGED),
                        T0)), List.of()));
        add(new AccessKey(AccessKeyId.generateLongTerm(ACCOUNT, random), ACCOUNT, Optional.of("alice" + suffix),
                accessSecret, AccessKey.Status.Active, T0));
        add(new MfaDevice(ACCOUNT, "arn:aws:iam::111122223333:mfa/phone" + suffix, "phone" + suffix, "/",
                TotpSeed.of(seed.getBytes(StandardCharsets.US_ASCII)), Optional.of("alice" + suffix),
                Optional.of(T0), 7, 0, FailedCodes.NONE, T0, List.of()));
        add(new AccountAlias(ACCOUNT, "sample-alias" + suffix));
        add(new OidcProvider(ACCOUNT, "https://issuer" + suffix + ".example.test", List.of("client"),
                List.of("0123456789012345678901234567890123456789"), T0, List.of()));
        add(new SamlProvider(ACCOUNT, "idp" + suffix, "<EntityDescriptor/>", "uuid-sample" + suffix, T0,
                Optional.empty(), List.of(), true, List.of(new SamlProvider.PrivateKeyEntry("key1", T0, pem))));
        add(new OutboundFederation(ACCOUNT, true));
        add(new OutboundSigningKeys(jwks));
        add(new InstanceProfile(ACCOUNT, "AIPASAMPLE" + suffix, "web" + suffix, "/", T0, List.of(), List.of()));
        add(new LoginProfile(ACCOUNT, "AIDASAMPLE" + suffix, PasswordHash.of(passwordHash), T0, false, T0,
                List.of(PasswordHash.of(previousHash))));
        add(new PasswordPolicy(ACCOUNT, 12, true, true, true, true, true, Optional.of(90), Optional.of(3),
                Optional.of(false)));
        add(new ServiceLinkedRoleDeletion(ACCOUNT, "task/sample" + suffix,
                "arn:aws:iam::111122223333:role/aws-service-role/x" + suffix, "SUCCEEDED", T0));
        add(new SshPublicKey(ACCOUNT, "APKASAMPLE" + suffix, "alice" + suffix, "ssh-rsa AAAA alice", "00:11",
                AccessKey.Status.Active, T0));
        add(new SigningCertificate(ACCOUNT, "CERTSAMPLE" + suffix, Optional.of("alice" + suffix), "PEM",
                AccessKey.Status.Active, T0));
        add(new ServerCertificate(ACCOUNT, "ASCASAMPLE" + suffix, "web" + suffix, "/", "PEM", Optional.of("CHAIN"),
                SecretText.of(serverKey), T0, T0.plusSeconds(86400), List.of()));
        add(new ServiceSpecificCredential(ACCOUNT, "ACCASAMPLE" + suffix, "alice" + suffix, "bedrock.amazonaws.com",
                "alice+1-at-111122223333", SecretText.of(servicePassword), AccessKey.Status.Active, T0,
                Optional.empty()));
        add(new DelegationRequest("drsample" + suffix, ACCOUNT, "partner", Optional.empty(), Optional.empty(), "d",
                Optional.empty(), new DelegationRequest.Permissions(Optional.empty(), List.of()), "wf-1",
                Optional.empty(), "topic", 900, false, DelegationRequest.State.FINALIZED, Optional.empty(),
                Optional.empty(), Optional.empty(), T0, T0, T0, Optional.of(new DelegationRequest.TradeIn(
                        SecretText.of(tradeInToken), Optional.of(T0)))));
        add(new StsPreferences(ACCOUNT, StsPreferences.GlobalEndpointTokenVersion.v2Token));
        add(new OrganizationsFeatures("o-sample" + suffix, ACCOUNT,
                Set.of(OrganizationsFeatures.Feature.RootSessions)));
    }

    private void add(IamEntity entity) {
        entities.add(entity);
    }

    private static String marker(String prefix, SplittableRandom random) {
        return prefix + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    public List<IamEntity> entities() {
        return List.copyOf(entities);
    }

    /** The samples' secrets in the clear: none may appear in a database file or a backup. */
    public List<String> secretsInTheClear() {
        return List.copyOf(secrets);
    }

    /** The entity types without a sample: empty, or a test of every stored secret is missing some. */
    public Set<EntityType> missingTypes() {
        Set<EntityType> missing = EnumSet.allOf(EntityType.class);
        entities.forEach(e -> missing.remove(e.key().type()));
        return missing;
    }
}
