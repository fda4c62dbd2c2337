package dev.lanyard.iamapi;

import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.authz.Caller;
import dev.lanyard.iam.model.AccountAlias;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Account aliases and the account summary. */
final class AccountOperations {
    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");
    private final IamContext ctx;

    AccountOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateAccountAlias", this::createAlias);
        ops.put("DeleteAccountAlias", this::deleteAlias);
        ops.put("ListAccountAliases", this::listAliases);
        ops.put("GetAccountSummary", this::summary);
    }

    private static String alias(OperationCall call) {
        String alias = call.parameters().required("AccountAlias");
        if (!ALIAS.matcher(alias).matches()) {
            throw ValidationErrors.single("accountAlias", alias,
                    ValidationErrors.pattern("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$"));
        }
        return alias;
    }

    private Optional<Struct> createAlias(OperationCall call) {
        String alias = alias(call);
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        ctx.store().update(snapshot -> {
            if (snapshot.alias(alias).isPresent()) {
                throw IamErrors.alreadyExists("The account alias " + alias);
            }
            List<EntityChange> changes = new ArrayList<>();
            // An account has at most one alias: a new one replaces the old.
            snapshot.aliases(caller.account()).forEach(old -> changes.add(EntityChange.remove(old)));
            changes.add(EntityChange.upsert(new AccountAlias(caller.account(), alias)));
            return new Mutation<>(changes, alias);
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteAlias(OperationCall call) {
        String alias = alias(call);
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        ctx.store().update(snapshot -> {
            AccountAlias existing = snapshot.alias(alias).filter(a -> a.account().equals(caller.account()))
                    .orElseThrow(() -> IamErrors.noSuchAccountAlias(alias));
            return Mutation.of(existing, EntityChange.remove(existing));
        });
        return Optional.empty();
    }

    private Optional<Struct> listAliases(OperationCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), ctx.store().snapshot().aliases(caller.account()), AccountAlias::alias,
                "AccountAliases", a -> new Value.Text(a.alias()), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> summary(OperationCall call) {
        ctx.authorize(call, "*");
        AccountView s = ctx.view(call);
        List<MfaDevice> devices = s.mfaDevices();
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("Users", (long) s.users().size());
        map.put("UsersQuota", (long) AccountQuota.USERS.limit());
        map.put("Groups", (long) s.groups().size());
        map.put("GroupsQuota", (long) AccountQuota.GROUPS.limit());
        map.put("Roles", (long) s.roles().size());
        map.put("RolesQuota", (long) AccountQuota.ROLES.limit());
        map.put("Policies", (long) s.customerPolicies().size());
        map.put("PoliciesQuota", (long) AccountQuota.POLICIES.limit());
        map.put("PolicySizeQuota", (long) PolicySizeQuota.MANAGED.limit());
        map.put("UserPolicySizeQuota", (long) PolicySizeQuota.USER_INLINE.limit());
        map.put("GroupPolicySizeQuota", (long) PolicySizeQuota.GROUP_INLINE.limit());
        map.put("RolePolicySizeQuota", (long) PolicySizeQuota.ROLE_INLINE.limit());
        map.put("AssumeRolePolicySizeQuota", (long) PolicySizeQuota.TRUST.limit());
        map.put("AccessKeysPerUserQuota", (long) AccessKeyOperations.MAX_KEYS);
        map.put("AttachedPoliciesPerUserQuota", (long) HolderPolicyOperations.MAX_ATTACHED);
        map.put("AttachedPoliciesPerGroupQuota", (long) HolderPolicyOperations.MAX_ATTACHED);
        map.put("AttachedPoliciesPerRoleQuota", (long) HolderPolicyOperations.MAX_ATTACHED);
        map.put("GroupsPerUserQuota", (long) GroupOperations.MAX_GROUPS_PER_USER);
        map.put("VersionsPerPolicyQuota", (long) PolicyVersionOperations.MAX_VERSIONS);
        map.put("PolicyVersionsInUse", s.customerPolicies().stream()
                .mapToLong(p -> p.versions().size()).sum());
        map.put("PolicyVersionsInUseQuota", 10000L);
        map.put("MFADevices", (long) devices.size());
        map.put("MFADevicesInUse", devices.stream().filter(MfaDevice::assigned).count());
        map.put("AccountMFAEnabled", 0L);
        map.put("AccountAccessKeysPresent", s.accessKeys(Optional.empty()).isEmpty() ? 0L : 1L);
        map.put("AccountPasswordPresent", 0L);
        map.put("AccountSigningCertificatesPresent", s.signingCertificates(Optional.empty()).isEmpty() ? 0L : 1L);
        map.put("SigningCertificatesPerUserQuota", (long) SigningCertificateOperations.MAX_PER_USER);
        map.put("ServerCertificates", (long) s.serverCertificates().size());
        map.put("ServerCertificatesQuota", (long) ServerCertificateOperations.MAX_PER_ACCOUNT);
        map.put("InstanceProfiles", (long) s.instanceProfiles().size());
        map.put("InstanceProfilesQuota", (long) AccountQuota.INSTANCE_PROFILES.limit());
        map.put("Providers", 0L);
        map.put("GlobalEndpointTokenVersion", (long) s.globalEndpointTokenVersion().number());
        Map<String, Value> entries = new LinkedHashMap<>();
        map.forEach((k, v) -> entries.put(k, new Value.Int(v)));
        return Optional.of(Struct.builder().put("SummaryMap", new Value.MapOf(entries)).build());
    }
}
