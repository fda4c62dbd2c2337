package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, indexed view of all IAM state: what the request path reads, so it never waits on the database.
 * Writes produce a new snapshot through {@link #apply(List)}; copying the maps is O(entities), which is fine for a
 * control plane whose writes are rare next to its reads.
 */
public final class IamSnapshot {
    private final long version;
    private final Map<EntityKey, IamEntity> entities;
    private final Map<AccessKeyId, AccessKey> accessKeys;
    private final Map<String, User> usersById;
    private final Map<String, Role> rolesById;
    private final Map<String, List<Group>> groupsByMember;

    private IamSnapshot(long version, Map<EntityKey, IamEntity> entities) {
        this.version = version;
        this.entities = entities;
        Map<AccessKeyId, AccessKey> keys = new HashMap<>();
        Map<String, User> users = new HashMap<>();
        Map<String, Role> roles = new HashMap<>();
        Map<String, List<Group>> memberships = new HashMap<>();
        for (IamEntity entity : entities.values()) {
            switch (entity) {
                case Group group -> group.memberUserIds().forEach(id ->
                        memberships.computeIfAbsent(id, k -> new ArrayList<>()).add(group));
                case AccessKey key -> keys.put(key.id(), key);
                case User user -> users.put(user.userId(), user);
                case Role role -> roles.put(role.roleId(), role);
                case Account a -> { }
                case Organization o -> { }
                case CreateAccountStatus s -> { }
                case ManagedPolicy p -> { }
                case MfaDevice d -> { }
                case AccountAlias a -> { }
                case OidcProvider o -> { }
                case SamlProvider sp -> { }
                case OutboundFederation of -> { }
                case OutboundSigningKeys ok -> { }
                case InstanceProfile ip -> { }
                case LoginProfile lp -> { }
                case PasswordPolicy pp -> { }
                case ServiceLinkedRoleDeletion d -> { }
                case SshPublicKey k -> { }
                case SigningCertificate c -> { }
                case ServerCertificate c -> { }
                case ServiceSpecificCredential c -> { }
                case DelegationRequest r -> { }
                case StsPreferences p -> { }
                case OrganizationsFeatures f -> { }
            }
        }
        this.accessKeys = Map.copyOf(keys);
        this.usersById = Map.copyOf(users);
        this.rolesById = Map.copyOf(roles);
        Map<String, List<Group>> frozen = new HashMap<>();
        memberships.forEach((id, list) -> frozen.put(id, List.copyOf(list)));
        this.groupsByMember = Map.copyOf(frozen);
    }

    public static IamSnapshot of(long version, Collection<? extends IamEntity> all) {
        Map<EntityKey, IamEntity> map = new HashMap<>();
        for (IamEntity entity : all) {
            map.put(entity.key(), entity);
        }
        return new IamSnapshot(version, Map.copyOf(map));
    }

    public static IamSnapshot empty() {
        return of(0, List.of());
    }

    public long version() {
        return version;
    }

    /** A new snapshot with the changes applied, in order. */
    public IamSnapshot apply(long newVersion, List<EntityChange> changes) {
        Map<EntityKey, IamEntity> map = new HashMap<>(entities);
        for (EntityChange change : changes) {
            switch (change) {
                case EntityChange.Upsert upsert -> map.put(upsert.entity().key(), upsert.entity());
                case EntityChange.Remove remove -> map.remove(remove.key());
            }
        }
        return new IamSnapshot(newVersion, Map.copyOf(map));
    }

    public Collection<IamEntity> all() {
        return entities.values();
    }

    public Optional<IamEntity> get(EntityKey key) {
        return Optional.ofNullable(entities.get(requireNonNull(key, "key is null")));
    }

    public Optional<Account> account(AccountId id) {
        return get(EntityKey.of(EntityType.ACCOUNT, id.value(), id.value())).map(Account.class::cast);
    }

    public List<Account> accounts() {
        return ofType(Account.class, EntityType.ACCOUNT, null, Comparator.comparing(a -> a.id().value()));
    }

    public Optional<Organization> organization() {
        return entities.values().stream().filter(Organization.class::isInstance).map(Organization.class::cast)
                .findFirst();
    }

    public Optional<User> user(AccountId account, String name) {
        return get(EntityKey.of(EntityType.USER, account.value(), name)).map(User.class::cast);
    }

    public Optional<User> userById(String userId) {
        return Optional.ofNullable(usersById.get(userId));
    }

    public List<User> users(AccountId account) {
        return ofType(User.class, EntityType.USER, account, Comparator.comparing(u -> u.name().toLowerCase(Locale.ROOT)));
    }

    public Optional<Group> group(AccountId account, String name) {
        return get(EntityKey.of(EntityType.GROUP, account.value(), name)).map(Group.class::cast);
    }

    public List<Group> groups(AccountId account) {
        return ofType(Group.class, EntityType.GROUP, account,
                Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT)));
    }

    /** The groups a user belongs to, by the user's unique ID. */
    public List<Group> groupsOf(String userId) {
        return groupsByMember.getOrDefault(userId, List.of());
    }

    public Optional<Role> role(AccountId account, String name) {
        return get(EntityKey.of(EntityType.ROLE, account.value(), name)).map(Role.class::cast);
    }

    public Optional<Role> roleById(String roleId) {
        return Optional.ofNullable(rolesById.get(roleId));
    }

    public List<Role> roles(AccountId account) {
        return ofType(Role.class, EntityType.ROLE, account, Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
    }

    /** Only {@link AccountView} resolves policy ARNs: it alone decides which account a request may see. */
    Optional<ManagedPolicy> customerPolicy(AccountId account, String arn) {
        return get(EntityKey.of(EntityType.MANAGED_POLICY, account.value(), arn)).map(ManagedPolicy.class::cast);
    }

    public List<ManagedPolicy> customerPolicies(AccountId account) {
        return ofType(ManagedPolicy.class, EntityType.MANAGED_POLICY, account,
                Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
    }

    public Optional<AccessKey> accessKey(AccessKeyId id) {
        return Optional.ofNullable(accessKeys.get(id));
    }

    public List<AccessKey> accessKeys(AccountId account, Optional<String> userName) {
        List<AccessKey> result = new ArrayList<>();
        for (AccessKey key : accessKeys.values()) {
            boolean sameUser = userName.isEmpty()
                    ? key.userName().isEmpty()
                    : key.userName().map(n -> n.equalsIgnoreCase(userName.get())).orElse(false);
            if (key.account().equals(account) && sameUser) {
                result.add(key);
            }
        }
        result.sort(Comparator.comparing(AccessKey::createDate).thenComparing(k -> k.id().value()));
        return result;
    }

    public Optional<MfaDevice> mfaDevice(AccountId account, String serialNumber) {
        return get(EntityKey.of(EntityType.MFA_DEVICE, account.value(), serialNumber)).map(MfaDevice.class::cast);
    }

    public List<MfaDevice> mfaDevices(AccountId account) {
        return ofType(MfaDevice.class, EntityType.MFA_DEVICE, account, Comparator.comparing(MfaDevice::serialNumber));
    }

    public List<AccountAlias> aliases(AccountId account) {
        return ofType(AccountAlias.class, EntityType.ACCOUNT_ALIAS, null, Comparator.comparing(AccountAlias::alias))
                .stream().filter(a -> a.account().equals(account)).toList();
    }

    public Optional<AccountAlias> alias(String alias) {
        return get(EntityKey.of(EntityType.ACCOUNT_ALIAS, "global", alias)).map(AccountAlias.class::cast);
    }

    public List<OidcProvider> oidcProviders(AccountId account) {
        return ofType(OidcProvider.class, EntityType.OIDC_PROVIDER, account, Comparator.comparing(OidcProvider::arn));
    }

    public Optional<OidcProvider> oidcProvider(AccountId account, String arn) {
        return get(EntityKey.of(EntityType.OIDC_PROVIDER, account.value(), arn)).map(OidcProvider.class::cast);
    }

    public List<SamlProvider> samlProviders(AccountId account) {
        return ofType(SamlProvider.class, EntityType.SAML_PROVIDER, account, Comparator.comparing(SamlProvider::name));
    }

    public Optional<SamlProvider> samlProvider(AccountId account, String name) {
        return get(EntityKey.of(EntityType.SAML_PROVIDER, account.value(), name)).map(SamlProvider.class::cast);
    }

    public boolean outboundFederationEnabled(AccountId account) {
        return get(EntityKey.of(EntityType.OUTBOUND_FEDERATION, account.value(), account.value()))
                .map(e -> ((OutboundFederation) e).enabled()).orElse(false);
    }

    public Optional<OutboundSigningKeys> outboundSigningKeys() {
        return get(EntityKey.of(EntityType.OUTBOUND_SIGNING_KEYS, OutboundSigningKeys.GLOBAL,
                OutboundSigningKeys.GLOBAL)).map(OutboundSigningKeys.class::cast);
    }

    public List<InstanceProfile> instanceProfiles(AccountId account) {
        return ofType(InstanceProfile.class, EntityType.INSTANCE_PROFILE, account,
                Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
    }

    public Optional<InstanceProfile> instanceProfile(AccountId account, String name) {
        return get(EntityKey.of(EntityType.INSTANCE_PROFILE, account.value(), name)).map(InstanceProfile.class::cast);
    }

    public Optional<LoginProfile> loginProfile(AccountId account, String userId) {
        return get(EntityKey.of(EntityType.LOGIN_PROFILE, account.value(), userId)).map(LoginProfile.class::cast);
    }

    public Optional<PasswordPolicy> passwordPolicy(AccountId account) {
        return get(EntityKey.of(EntityType.PASSWORD_POLICY, account.value(), account.value()))
                .map(PasswordPolicy.class::cast);
    }

    public Optional<ServiceLinkedRoleDeletion> serviceLinkedRoleDeletion(AccountId account, String taskId) {
        return get(EntityKey.of(EntityType.SERVICE_LINKED_ROLE_DELETION, account.value(), taskId))
                .map(ServiceLinkedRoleDeletion.class::cast);
    }

    public List<CreateAccountStatus> createAccountStatuses() {
        return ofType(CreateAccountStatus.class, EntityType.CREATE_ACCOUNT_STATUS, null,
                Comparator.comparing(CreateAccountStatus::requestedAt));
    }

    /** Entities of one type, of one account (or of all when {@code account} is null): for {@link AccountView}. */
    <T extends IamEntity> List<T> entities(Class<T> type, EntityType entityType, AccountId account,
            Comparator<T> order) {
        return ofType(type, entityType, account, order);
    }

    private <T extends IamEntity> List<T> ofType(Class<T> type, EntityType entityType, AccountId account,
            Comparator<T> order) {
        List<T> result = new ArrayList<>();
        for (Map.Entry<EntityKey, IamEntity> entry : entities.entrySet()) {
            EntityKey key = entry.getKey();
            if (key.type() == entityType && (account == null || key.account().equals(account.value()))) {
                result.add(type.cast(entry.getValue()));
            }
        }
        result.sort(order);
        return result;
    }
}
