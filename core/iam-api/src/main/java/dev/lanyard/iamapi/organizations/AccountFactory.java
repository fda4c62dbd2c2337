package dev.lanyard.iamapi.organizations;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.CreateAccountStatus;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.policy.PolicyKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Creates accounts: the management account on first start, and member accounts through CreateAccount. */
public final class AccountFactory {
    public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
    private static final String ADMIN_POLICY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final IamStore store;
    private final SecureRandom random;

    public AccountFactory(IamStore store, SecureRandom random) {
        this.store = requireNonNull(store, "store is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** The root access key created with the management account, or empty if the store was already set up. */
    public Optional<AccessKey> bootstrapManagementAccount(Instant now) {
        return store.update(snapshot -> {
            if (!snapshot.accounts().isEmpty()) {
                return Mutation.of(Optional.<AccessKey>empty());
            }
            AccountId id = newAccountId(snapshot);
            String email = "root@" + id.value() + ".lanyard.invalid";
            Account account = new Account(id, "management", email, Account.AccountStatus.ACTIVE, now, true);
            Organization org = new Organization("o-" + lowerAlnum(10), id, email, "r-" + lowerAlnum(4));
            AccessKey rootKey = new AccessKey(AccessKeyId.generateLongTerm(id, random), id, Optional.empty(),
                    SecretAccessKey.generate(random), AccessKey.Status.Active, now);
            return Mutation.of(Optional.of(rootKey), EntityChange.upsert(account), EntityChange.upsert(org),
                    EntityChange.upsert(rootKey));
        });
    }

    /** A member account whose access role trusts the management account's root, named in {@code partition}. */
    CreateAccountStatus createMemberAccount(Organization org, String email, String name, String roleName,
            Instant now, Partition partition) {
        return store.update(snapshot -> {
            AccountId id = newAccountId(snapshot);
            Account account = new Account(id, name, email, Account.AccountStatus.ACTIVE, now, false);
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"" + partition.root(org.managementAccount()) + "\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}";
            Role role = new Role(id, UniqueIdPrefix.AROA.generate(random), roleName, "/",
                    StoredPolicy.parse(trust, PolicyKind.TRUST), Optional.empty(), Duration.ofHours(1), now,
                    Optional.empty(), List.of(), List.of(new InlinePolicy("AdministratorAccess",
                            StoredPolicy.parse(ADMIN_POLICY, PolicyKind.INLINE))), List.of());
            CreateAccountStatus status = new CreateAccountStatus("car-" + HexFormat.of().formatHex(bytes(16)),
                    org.managementAccount(), name, "SUCCEEDED", now, now, Optional.of(id), Optional.empty());
            return Mutation.of(status, EntityChange.upsert(account), EntityChange.upsert(role),
                    EntityChange.upsert(status));
        });
    }

    private AccountId newAccountId(IamSnapshot snapshot) {
        while (true) {
            long candidate = 100_000_000_000L + (long) (random.nextDouble() * 899_999_999_999L);
            AccountId id = AccountId.fromLong(candidate);
            if (snapshot.account(id).isEmpty()) {
                return id;
            }
        }
    }

    private String lowerAlnum(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
