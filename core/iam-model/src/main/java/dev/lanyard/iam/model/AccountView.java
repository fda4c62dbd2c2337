package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.Partition;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IAM as one account sees it: the one place where a name or an ARN from a request becomes an entity. Names resolve in
 * this account; an ARN resolves only when it names this account (or an AWS managed policy, which every account sees),
 * so an ARN of another account is absent whether or not it names something there, and nobody can probe for it.
 * Counts (attachments, boundary uses) are this account's too. Cross-account access to roles goes through trust
 * policies in STS, never through this view.
 */
public final class AccountView {
    private final IamSnapshot snapshot;
    private final AwsManagedPolicies awsManaged;
    private final AccountId account;

    private AccountView(IamSnapshot snapshot, AwsManagedPolicies awsManaged, AccountId account) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.awsManaged = requireNonNull(awsManaged, "awsManaged is null");
        this.account = requireNonNull(account, "account is null");
    }

    public static AccountView of(IamSnapshot snapshot, AwsManagedPolicies awsManaged, AccountId account) {
        return new AccountView(snapshot, awsManaged, account);
    }

    /** The partition the ARNs of this view are named in: the served one, the AWS managed catalogue's. */
    public Partition partition() {
        return awsManaged.partition();
    }

    public AccountId account() {
        return account;
    }

    /** True when the ARN names this account (the account field holds its ID). */
    public boolean owns(String arn) {
        return Arn.parse(arn).flatMap(Arn::accountId).map(account::equals).orElse(false);
    }

    public Optional<User> user(String name) {
        return snapshot.user(account, name);
    }

    /** This account's user with that unique ID. */
    public Optional<User> userById(String userId) {
        return snapshot.userById(userId).filter(u -> u.account().equals(account));
    }

    public List<User> users() {
        return snapshot.users(account);
    }

    public Optional<Group> group(String name) {
        return snapshot.group(account, name);
    }

    public List<Group> groups() {
        return snapshot.groups(account);
    }

    /** The groups of one of this account's users. */
    public List<Group> groupsOf(User user) {
        return user.account().equals(account) ? snapshot.groupsOf(user.userId()) : List.of();
    }

    public Optional<Role> role(String name) {
        return snapshot.role(account, name);
    }

    public List<Role> roles() {
        return snapshot.roles(account);
    }

    /** An AWS managed policy, or a customer managed policy of this account; never another account's. */
    public Optional<ManagedPolicy> policy(String arn) {
        Optional<ManagedPolicy> aws = awsManaged.lookup(arn);
        if (aws.isPresent()) {
            return aws;
        }
        return owns(arn) ? snapshot.customerPolicy(account, arn) : Optional.empty();
    }

    public List<ManagedPolicy> customerPolicies() {
        return snapshot.customerPolicies(account);
    }

    /** A user, group or role of this account named by its ARN (path included). */
    public Optional<IamEntity> principal(String arn) {
        if (!owns(arn)) {
            return Optional.empty();
        }
        Arn parsed = Arn.parse(arn).orElseThrow();
        if (!parsed.service().equals("iam")) {
            return Optional.empty();
        }
        String name = parsed.resourceName();
        Optional<? extends IamEntity> found = switch (parsed.resourceType()) {
            case "user" -> user(name).filter(u -> u.arn(partition()).toString().equals(arn));
            case "role" -> role(name).filter(r -> r.arn(partition()).toString().equals(arn));
            case "group" -> group(name).filter(g -> g.arn(partition()).toString().equals(arn));
            default -> Optional.empty();
        };
        return found.map(IamEntity.class::cast);
    }

    public Optional<AccessKey> accessKey(String id) {
        return AccessKeyId.parse(id).flatMap(snapshot::accessKey).filter(k -> k.account().equals(account));
    }

    /** The keys of a user of this account, or of the root user (no name). */
    public List<AccessKey> accessKeys(Optional<String> userName) {
        return snapshot.accessKeys(account, userName);
    }

    public Optional<MfaDevice> mfaDevice(String serialNumber) {
        return owns(serialNumber) ? snapshot.mfaDevice(account, serialNumber) : Optional.empty();
    }

    public List<MfaDevice> mfaDevices() {
        return snapshot.mfaDevices(account);
    }

    public Optional<OidcProvider> oidcProvider(String arn) {
        return owns(arn) ? snapshot.oidcProvider(account, arn) : Optional.empty();
    }

    public List<OidcProvider> oidcProviders() {
        return snapshot.oidcProviders(account);
    }

    public Optional<SamlProvider> samlProvider(String arn) {
        String marker = ":saml-provider/";
        int at = arn.indexOf(marker);
        if (!owns(arn) || at < 0) {
            return Optional.empty();
        }
        return snapshot.samlProvider(account, arn.substring(at + marker.length())).filter(p -> p.arn(partition()).equals(arn));
    }

    public List<SamlProvider> samlProviders() {
        return snapshot.samlProviders(account);
    }

    public Optional<InstanceProfile> instanceProfile(String name) {
        return snapshot.instanceProfile(account, name);
    }

    public List<InstanceProfile> instanceProfiles() {
        return snapshot.instanceProfiles(account);
    }

    /** The instance profiles that hold one of this account's roles. */
    public List<InstanceProfile> instanceProfilesOf(Role role) {
        return instanceProfiles().stream().filter(p -> p.holds(role.name())).toList();
    }

    /** The login profile of one of this account's users. */
    public Optional<LoginProfile> loginProfile(User user) {
        return user.account().equals(account) ? snapshot.loginProfile(account, user.userId()) : Optional.empty();
    }

    public Optional<PasswordPolicy> passwordPolicy() {
        return snapshot.passwordPolicy(account);
    }

    public Optional<ServiceLinkedRoleDeletion> serviceLinkedRoleDeletion(String taskId) {
        return snapshot.serviceLinkedRoleDeletion(account, taskId);
    }

    /** This account's own record (name and email, which a password may not equal). */
    public Optional<Account> accountRecord() {
        return snapshot.account(account);
    }

    /** How many of this account's users, groups and roles have the policy attached. */
    public long attachmentCount(String policyArn) {
        return users().stream().filter(u -> u.attachedPolicyArns().contains(policyArn)).count()
                + groups().stream().filter(g -> g.attachedPolicyArns().contains(policyArn)).count()
                + roles().stream().filter(r -> r.attachedPolicyArns().contains(policyArn)).count();
    }

    /** Attachments per policy ARN in this account, counted in one pass (for lists of many policies). */
    public Map<String, Long> attachmentCounts() {
        Map<String, Long> counts = new HashMap<>();
        users().forEach(u -> u.attachedPolicyArns().forEach(a -> counts.merge(a, 1L, Long::sum)));
        groups().forEach(g -> g.attachedPolicyArns().forEach(a -> counts.merge(a, 1L, Long::sum)));
        roles().forEach(r -> r.attachedPolicyArns().forEach(a -> counts.merge(a, 1L, Long::sum)));
        return counts;
    }

    /** Permissions boundary uses per policy ARN in this account. */
    public Map<String, Long> boundaryUsageCounts() {
        Map<String, Long> counts = new HashMap<>();
        users().forEach(u -> u.permissionsBoundaryArn().ifPresent(a -> counts.merge(a, 1L, Long::sum)));
        roles().forEach(r -> r.permissionsBoundaryArn().ifPresent(a -> counts.merge(a, 1L, Long::sum)));
        return counts;
    }

    /** Whether the policy can be attached: every customer managed policy, and most AWS managed ones. */
    public boolean attachable(ManagedPolicy policy) {
        return !policy.awsManaged() || awsManaged.entry(policy.arn(partition()).toString())
                .map(AwsManagedPolicies.Entry::attachable).orElse(false);
    }

    /** How many of this account's users and roles have the policy as their permissions boundary. */
    public long boundaryUsageCount(String policyArn) {
        Optional<String> target = Optional.of(policyArn);
        return users().stream().filter(u -> u.permissionsBoundaryArn().equals(target)).count()
                + roles().stream().filter(r -> r.permissionsBoundaryArn().equals(target)).count();
    }

    // SSH public keys, signing and server certificates, service-specific credentials: this account's only.

    public List<SshPublicKey> sshPublicKeys(String userName) {
        return snapshot.entities(SshPublicKey.class, EntityType.SSH_PUBLIC_KEY, account, BY_UPLOAD_THEN_ID_SSH)
                .stream().filter(k -> k.userName().equalsIgnoreCase(userName)).toList();
    }

    public Optional<SshPublicKey> sshPublicKey(String id) {
        return snapshot.get(EntityKey.of(EntityType.SSH_PUBLIC_KEY, account.value(), id)).map(SshPublicKey.class::cast);
    }

    /** The signing certificates of one user, or of the root user (no name). */
    public List<SigningCertificate> signingCertificates(Optional<String> userName) {
        return allSigningCertificates().stream().filter(c -> userName.isEmpty() ? c.userName().isEmpty()
                : c.userName().map(n -> n.equalsIgnoreCase(userName.get())).orElse(false)).toList();
    }

    public List<SigningCertificate> allSigningCertificates() {
        return snapshot.entities(SigningCertificate.class, EntityType.SIGNING_CERTIFICATE, account,
                Comparator.comparing(SigningCertificate::uploadDate).thenComparing(SigningCertificate::id));
    }

    public Optional<SigningCertificate> signingCertificate(String id) {
        return snapshot.get(EntityKey.of(EntityType.SIGNING_CERTIFICATE, account.value(), id))
                .map(SigningCertificate.class::cast);
    }

    public Optional<ServerCertificate> serverCertificate(String name) {
        return snapshot.get(EntityKey.of(EntityType.SERVER_CERTIFICATE, account.value(), name))
                .map(ServerCertificate.class::cast);
    }

    public List<ServerCertificate> serverCertificates() {
        return snapshot.entities(ServerCertificate.class, EntityType.SERVER_CERTIFICATE, account,
                Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT)));
    }

    public List<ServiceSpecificCredential> serviceSpecificCredentials() {
        return snapshot.entities(ServiceSpecificCredential.class, EntityType.SERVICE_SPECIFIC_CREDENTIAL, account,
                Comparator.comparing(ServiceSpecificCredential::createDate)
                        .thenComparing(ServiceSpecificCredential::id));
    }

    public Optional<ServiceSpecificCredential> serviceSpecificCredential(String id) {
        return snapshot.get(EntityKey.of(EntityType.SERVICE_SPECIFIC_CREDENTIAL, account.value(), id))
                .map(ServiceSpecificCredential.class::cast);
    }

    /** The token version the global STS endpoint issues for this account: version 1 until the account chose. */
    public StsPreferences.GlobalEndpointTokenVersion globalEndpointTokenVersion() {
        return snapshot.get(EntityKey.of(EntityType.STS_PREFERENCES, account.value(), account.value()))
                .map(e -> ((StsPreferences) e).globalEndpointTokenVersion())
                .orElse(StsPreferences.GlobalEndpointTokenVersion.v1Token);
    }

    /**
     * A delegation request, as AWS shows it: to the partner account that requested it; to any account while it names
     * no owner account; once it names one, to that account only.
     */
    public Optional<DelegationRequest> delegationRequest(String id) {
        return snapshot.get(EntityKey.of(EntityType.DELEGATION_REQUEST, "global", id))
                .map(DelegationRequest.class::cast).filter(this::sees);
    }

    /** The delegation requests this account requested, or owns through an associated identity. */
    public List<DelegationRequest> delegationRequests() {
        return snapshot.entities(DelegationRequest.class, EntityType.DELEGATION_REQUEST, null,
                Comparator.comparing(DelegationRequest::createDate).thenComparing(DelegationRequest::id))
                .stream().filter(r -> r.requestor().equals(account)
                        || (r.ownerId().isPresent() && r.ownerAccount().equals(Optional.of(account)))).toList();
    }

    private boolean sees(DelegationRequest request) {
        return request.requestor().equals(account) || request.ownerAccount().map(account::equals).orElse(true);
    }

    private static final Comparator<SshPublicKey> BY_UPLOAD_THEN_ID_SSH =
            Comparator.comparing(SshPublicKey::uploadDate).thenComparing(SshPublicKey::id);
}
