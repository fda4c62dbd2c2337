package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Managed policy versions (at most five), entities a policy is attached to, and policy tags. */
final class PolicyVersionOperations {
    static final int MAX_VERSIONS = 5;
    private final IamContext ctx;

    PolicyVersionOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreatePolicyVersion", this::createVersion);
        ops.put("SetDefaultPolicyVersion", this::setDefault);
        ops.put("DeletePolicyVersion", this::deleteVersion);
        ops.put("ListEntitiesForPolicy", this::listEntities);
        // AWS managed policies cannot be tagged, but their (empty) tags can be listed.
        new EntityTags<>(ctx, "Policy", TagKeys.CASE_SENSITIVE, EntityTags.Order.AS_ADDED, this::ownPolicy,
                PolicyVersionOperations::current).listing(this::anyPolicy).register(ops);
    }

    /**
     * A customer managed policy of the caller's account, after authorization; AWS managed ones are read-only. A
     * missing one is "Policy ARN was not found.", or the version sentence where the request names a version.
     */
    private ManagedPolicy anyPolicy(OperationCall call) {
        String arn = IamParams.policyArn(call.parameters());
        ctx.authorize(call, arn);
        return ctx.view(call).policy(arn).orElseThrow(() -> IamErrors.policyNotFound(arn));
    }

    private ManagedPolicy ownPolicy(OperationCall call) {
        String arn = IamParams.policyArn(call.parameters());
        ctx.authorize(call, arn);
        Optional<String> version = call.parameters().get("VersionId");
        ManagedPolicy policy = ctx.view(call).policy(arn).orElseThrow(() -> version
                .map(v -> IamErrors.noSuchPolicyVersion(arn, v)).orElseGet(() -> IamErrors.policyNotFound(arn)));
        PolicyOperations.requireCustomerManaged(call, policy);
        return policy;
    }

    /** The policy as it is inside the update, still seen from the caller's account. */
    private static ManagedPolicy current(AccountView view, ManagedPolicy policy) {
        return PolicyOperations.requirePolicy(view, policy.arn().toString());
    }

    private Optional<Struct> createVersion(OperationCall call) {
        ManagedPolicy found = ownPolicy(call);
        StoredPolicy document = PolicyOperations.managedDocument(call.parameters());
        boolean setAsDefault = call.parameters().bool("SetAsDefault").orElse(false);
        ManagedPolicy.PolicyVersion created = ctx.store().update(snapshot -> {
            ManagedPolicy policy = current(ctx.view(snapshot, call), found);
            if (policy.versions().size() >= MAX_VERSIONS) {
                throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS + " versions. Before"
                        + " you create a new version, you must delete an existing version.");
            }
            int next = policy.versions().stream().mapToInt(v -> Integer.parseInt(v.versionId().substring(1)))
                    .max().orElse(0) + 1;
            ManagedPolicy.PolicyVersion version = new ManagedPolicy.PolicyVersion("v" + next, document,
                    call.environment().time());
            List<ManagedPolicy.PolicyVersion> versions = new ArrayList<>(policy.versions());
            versions.add(version);
            ManagedPolicy updated = policy.withVersions(versions,
                    setAsDefault ? version.versionId() : policy.defaultVersionId(), call.environment().time());
            return Mutation.of(version, EntityChange.upsert(updated));
        });
        return Optional.of(Struct.builder().put("PolicyVersion", Struct.builder()
                .put("VersionId", created.versionId())
                .put("IsDefaultVersion", setAsDefault)
                .put("CreateDate", created.createDate())
                .build()).build());
    }

    static String versionId(OperationCall call) {
        String id = call.parameters().required("VersionId");
        if (!id.matches("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")) {
            throw ValidationErrors.single("versionId", id,
                    ValidationErrors.pattern("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"));
        }
        return id;
    }

    private static ManagedPolicy.PolicyVersion requireVersion(ManagedPolicy policy, String id) {
        return policy.versions().stream().filter(v -> v.versionId().equals(id)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policy.arn().toString(), id));
    }

    private Optional<Struct> setDefault(OperationCall call) {
        ManagedPolicy found = ownPolicy(call);
        String id = versionId(call);
        ctx.store().update(snapshot -> {
            ManagedPolicy policy = current(ctx.view(snapshot, call), found);
            requireVersion(policy, id);
            ManagedPolicy updated = policy.withVersions(policy.versions(), id, call.environment().time());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteVersion(OperationCall call) {
        ManagedPolicy found = ownPolicy(call);
        String id = versionId(call);
        ctx.store().update(snapshot -> {
            ManagedPolicy policy = current(ctx.view(snapshot, call), found);
            requireVersion(policy, id);
            if (policy.defaultVersionId().equals(id)) {
                throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
            }
            ManagedPolicy updated = policy.withVersions(policy.versions().stream()
                    .filter(v -> !v.versionId().equals(id)).toList(), policy.defaultVersionId(),
                    call.environment().time());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> listEntities(OperationCall call) {
        String arn = IamParams.policyArn(call.parameters());
        ctx.authorize(call, arn);
        AccountView view = ctx.view(call);
        PolicyOperations.requirePolicy(view, arn);
        String filter = call.parameters().get("EntityFilter").orElse("All");
        Optional<String> usage = call.parameters().get("PolicyUsageFilter");
        boolean permissions = usage.map(u -> u.equals("PermissionsPolicy")).orElse(true);
        boolean boundaries = usage.map(u -> u.equals("PermissionsBoundary")).orElse(true);
        // One list, paged as one: groups, then users, then roles (each in the account's order).
        List<PolicyEntity> entities = new ArrayList<>();
        if (filter.equals("All") || filter.equals("Group")) {
            view.groups().stream().filter(g -> permissions && g.attachedPolicyArns().contains(arn))
                    .forEach(g -> entities.add(new PolicyEntity("PolicyGroups", "group/" + g.groupId(),
                            Struct.builder().put("GroupName", g.name()).put("GroupId", g.groupId()).build())));
        }
        if (filter.equals("All") || filter.equals("User")) {
            view.users().stream().filter(u -> permissions && u.attachedPolicyArns().contains(arn)
                    || boundaries && u.permissionsBoundaryArn().equals(Optional.of(arn)))
                    .forEach(u -> entities.add(new PolicyEntity("PolicyUsers", "user/" + u.userId(),
                            Struct.builder().put("UserName", u.name()).put("UserId", u.userId()).build())));
        }
        if (filter.equals("All") || filter.equals("Role")) {
            view.roles().stream().filter(r -> permissions && r.attachedPolicyArns().contains(arn)
                    || boundaries && r.permissionsBoundaryArn().equals(Optional.of(arn)))
                    .forEach(r -> entities.add(new PolicyEntity("PolicyRoles", "role/" + r.roleId(),
                            Struct.builder().put("RoleName", r.name()).put("RoleId", r.roleId()).build())));
        }
        Pagination.Page<PolicyEntity> page = Pagination.of(call.parameters(), entities, PolicyEntity::key);
        // AWS writes all three lists whatever the filter, empty ones too.
        Struct.Builder result = Struct.builder();
        for (String list : List.of("PolicyGroups", "PolicyUsers", "PolicyRoles")) {
            result.put(list, new Value.ListOf(page.items().stream().filter(e -> e.list().equals(list))
                    .<Value>map(PolicyEntity::shape).toList()));
        }
        Pagination.put(page, result);
        return Optional.of(result.build());
    }

    private record PolicyEntity(String list, String key, Struct shape) {}
}
