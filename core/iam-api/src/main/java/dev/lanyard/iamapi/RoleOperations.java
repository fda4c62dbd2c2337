package dev.lanyard.iamapi;

import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Roles: their trust policy, session duration, description and tags. */
final class RoleOperations {
    private final IamContext ctx;

    RoleOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateRole", this::createRole);
        ops.put("GetRole", this::getRole);
        ops.put("ListRoles", this::listRoles);
        ops.put("UpdateRole", this::updateRole);
        ops.put("UpdateRoleDescription", this::updateRoleDescription);
        ops.put("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy);
        ops.put("DeleteRole", this::deleteRole);
        new EntityTags<>(ctx, "Role", TagKeys.CASE_INSENSITIVE, EntityTags.Order.AS_ADDED,
                call -> authorizedRole(call, IamParams.name(call.parameters(), "RoleName", "roleName", 64)),
                (view, found) -> requireRole(view, found.name())).register(ops);
    }

    static Role requireRole(AccountView view, String name) {
        return view.role(name).orElseThrow(() -> IamErrors.noSuchRole(name));
    }

    /**
     * Service-linked roles belong to their service: IAM refuses to change their trust, permissions or duration, or to
     * delete them, other than through DeleteServiceLinkedRole. Their description and tags stay editable.
     */
    static void requireModifiable(Role role) {
        if (role.serviceLinked()) {
            throw IamErrors.protectedRole(role.name());
        }
    }

    static String roleArn(Caller caller, String path, String name) {
        return caller.partition().iam(caller.account(), "role" + path + name).toString();
    }

    static StoredPolicy trustPolicy(QueryParameters params, String param) {
        String text = Validators.policyText(Character.toLowerCase(param.charAt(0)) + param.substring(1),
                params.required(param), 131072);
        StoredPolicy policy = StoredPolicy.parse(text, PolicyKind.TRUST);
        if (policy.document().nonWhitespaceLength() > PolicySizeQuota.TRUST.limit()) {
            throw IamErrors.limitExceeded(PolicySizeQuota.TRUST.exceededMessage(""));
        }
        return policy;
    }

    private static Optional<Duration> maxSessionDuration(QueryParameters params) {
        return Validators.range("maxSessionDuration", params.integer("MaxSessionDuration"), 3600, 43200)
                .map(s -> Duration.ofSeconds(s));
    }

    private Optional<Struct> createRole(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "RoleName", "roleName", 64);
        String path = IamParams.path(p, "Path");
        if (path.startsWith(Role.SERVICE_LINKED_PATH)) {
            throw IamErrors.invalidInput("The path " + Role.SERVICE_LINKED_PATH
                    + " is reserved for service-linked roles: create them with CreateServiceLinkedRole.");
        }
        StoredPolicy trust = trustPolicy(p, "AssumeRolePolicyDocument");
        Optional<String> description = IamParams.description(p);
        Duration maxSession = maxSessionDuration(p).orElse(Duration.ofHours(1));
        Optional<String> boundary = p.get("PermissionsBoundary");
        List<Tag> tags = TagKeys.CASE_INSENSITIVE.parse(p);
        Caller caller = call.requireCaller();
        ctx.authorize(call, roleArn(caller, path, name));
        Role created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.role(name).isPresent()) {
                throw IamErrors.alreadyExists("Role with name " + name);
            }
            AccountQuota.ROLES.requireRoomFor(view.roles().size());
            boundary.ifPresent(arn -> PolicyOperations.requireBoundary(view, arn));
            Role role = new Role(caller.account(), UniqueIdPrefix.AROA.generate(ctx.random()), name, path,
                    TrustPrincipals.bind(trust, snapshot),
                    description, maxSession, call.environment().time(), boundary, tags, List.of(), List.of());
            return Mutation.of(role, EntityChange.upsert(role));
        });
        return Optional.of(Struct.builder().put("Role", IamShapes.role(created, ctx.store().snapshot(),
                IamShapes.View.CREATE)).build());
    }

    private Role authorizedRole(OperationCall call, String name) {
        Caller caller = call.requireCaller();
        Optional<Role> role = ctx.view(call).role(name);
        ctx.authorize(call, role.map(r -> r.arn().toString()).orElse(roleArn(caller, "/", name)));
        return role.orElseThrow(() -> IamErrors.noSuchRole(name));
    }

    private Optional<Struct> getRole(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        Role role = authorizedRole(call, name);
        return Optional.of(Struct.builder().put("Role", IamShapes.role(role, ctx.store().snapshot(),
                IamShapes.View.GET, IamShapes.roleLastUsed(role, ctx.usage())))
                .build());
    }

    private Optional<Struct> listRoles(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, roleArn(caller, prefix.orElse("/"), ""));
        IamSnapshot snapshot = ctx.store().snapshot();
        List<Role> roles = ctx.view(snapshot, call).roles().stream()
                .filter(r -> prefix.map(pp -> r.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), roles, r -> r.name().toLowerCase(Locale.ROOT), "Roles",
                r -> IamShapes.role(r, snapshot, IamShapes.View.LIST), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> updateRole(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        Optional<String> description = IamParams.description(call.parameters());
        Optional<Duration> maxSession = maxSessionDuration(call.parameters());
        Role target = authorizedRole(call, name);
        if (maxSession.isPresent() && target.serviceLinked()) {
            throw IamErrors.serviceLinkedRoleSessionDuration(target.name());
        }
        ctx.store().update(snapshot -> {
            Role role = requireRole(ctx.view(snapshot, call), name);
            Role updated = role.withDescriptionAndDuration(description.or(role::description),
                    maxSession.orElse(role.maxSessionDuration()));
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        // UpdateRole's output is an empty structure, not none: SDKs (botocore, Go's) require its UpdateRoleResult.
        return Optional.of(Struct.builder().build());
    }

    private Optional<Struct> updateRoleDescription(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        String description = Validators.length("description", call.parameters().required("Description"), 0, 1000);
        authorizedRole(call, name);
        Role updated = ctx.store().update(snapshot -> {
            Role role = requireRole(ctx.view(snapshot, call), name);
            Role changed = role.withDescriptionAndDuration(Optional.of(description), role.maxSessionDuration());
            return Mutation.of(changed, EntityChange.upsert(changed));
        });
        return Optional.of(Struct.builder().put("Role", IamShapes.role(updated, ctx.store().snapshot(),
                IamShapes.View.UPDATE_DESCRIPTION)).build());
    }

    private Optional<Struct> updateAssumeRolePolicy(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        StoredPolicy trust = trustPolicy(call.parameters(), "PolicyDocument");
        requireModifiable(authorizedRole(call, name));
        ctx.store().update(snapshot -> {
            Role role = requireRole(ctx.view(snapshot, call), name)
                    .withTrustPolicy(TrustPrincipals.bind(trust, snapshot));
            return Mutation.of(role, EntityChange.upsert(role));
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteRole(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        requireModifiable(authorizedRole(call, name));
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            Role role = requireRole(view, name);
            if (!view.instanceProfilesOf(role).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            if (!role.inlinePolicies().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!role.attachedPolicyArns().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return Mutation.of(role, EntityChange.remove(role));
        });
        return Optional.empty();
    }
}
