package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.InstanceProfile;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Instance profiles: the one-role containers that Terraform and CloudFormation create for every EC2 role. */
final class InstanceProfileOperations {
    /** AWS's quota InstanceSessionsPerInstanceProfile: one role per instance profile. */
    static final int ROLES_PER_PROFILE = 1;
    private final IamContext ctx;

    InstanceProfileOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateInstanceProfile", this::create);
        ops.put("GetInstanceProfile", this::get);
        ops.put("DeleteInstanceProfile", this::delete);
        ops.put("ListInstanceProfiles", this::list);
        ops.put("ListInstanceProfilesForRole", this::listForRole);
        ops.put("AddRoleToInstanceProfile", this::addRole);
        ops.put("RemoveRoleFromInstanceProfile", this::removeRole);
        new EntityTags<>(ctx, "InstanceProfile", TagKeys.CASE_SENSITIVE, EntityTags.Order.AS_ADDED,
                call -> authorized(call, profileName(call.parameters())),
                (view, found) -> require(view, found.name())).register(ops);
    }

    private static String profileName(QueryParameters p) {
        return IamParams.name(p, "InstanceProfileName", "instanceProfileName", 128);
    }

    private static String arn(Caller caller, String path, String name) {
        return caller.partition().iam(caller.account(), "instance-profile" + path + name).toString();
    }

    private static InstanceProfile require(AccountView view, String name) {
        return view.instanceProfile(name).orElseThrow(() -> IamErrors.noSuchInstanceProfile(name));
    }

    /** Authorizes on the profile's ARN (its own path when it exists) before telling whether it exists. */
    private InstanceProfile authorized(OperationCall call, String name) {
        Optional<InstanceProfile> profile = ctx.view(call).instanceProfile(name);
        ctx.authorize(call, profile.map(p -> p.arn().toString())
                .orElse(arn(call.requireCaller(), "/", name)));
        return profile.orElseThrow(() -> IamErrors.noSuchInstanceProfile(name));
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = profileName(p);
        String path = IamParams.path(p, "Path");
        List<Tag> tags = TagKeys.CASE_SENSITIVE.parse(p);
        Caller caller = call.requireCaller();
        ctx.authorize(call, arn(caller, path, name));
        InstanceProfile created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.instanceProfile(name).isPresent()) {
                throw IamErrors.alreadyExists("Instance Profile " + name);
            }
            AccountQuota.INSTANCE_PROFILES.requireRoomFor(view.instanceProfiles().size());
            InstanceProfile profile = new InstanceProfile(caller.account(), UniqueIdPrefix.AIPA.generate(ctx.random()),
                    name, path, call.environment().time(), List.of(), tags);
            return Mutation.of(profile, EntityChange.upsert(profile));
        });
        // CreateInstanceProfile shows Tags only when it was given some, as AWS does
        return Optional.of(Struct.builder().put("InstanceProfile",
                shape(created, ctx.view(call), ctx.store().snapshot(), !created.tags().isEmpty())).build());
    }

    private Optional<Struct> get(OperationCall call) {
        InstanceProfile profile = authorized(call, profileName(call.parameters()));
        return Optional.of(Struct.builder().put("InstanceProfile",
                shape(profile, ctx.view(call), ctx.store().snapshot(), true)).build());
    }

    private Optional<Struct> delete(OperationCall call) {
        String name = profileName(call.parameters());
        authorized(call, name);
        ctx.store().update(snapshot -> {
            InstanceProfile profile = require(ctx.view(snapshot, call), name);
            if (!profile.roleNames().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            return Mutation.of(profile, EntityChange.remove(profile));
        });
        return Optional.empty();
    }

    private Optional<Struct> list(OperationCall call) {
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, arn(call.requireCaller(), prefix.orElse("/"), ""));
        IamSnapshot snapshot = ctx.store().snapshot();
        AccountView view = ctx.view(snapshot, call);
        List<InstanceProfile> profiles = view.instanceProfiles().stream()
                .filter(p -> prefix.map(pp -> p.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), profiles, p -> p.name().toLowerCase(Locale.ROOT), "InstanceProfiles",
                p -> shape(p, view, snapshot, false), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> listForRole(OperationCall call) {
        String roleName = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        IamSnapshot snapshot = ctx.store().snapshot();
        AccountView view = ctx.view(snapshot, call);
        Optional<Role> role = view.role(roleName);
        ctx.authorize(call, role.map(r -> r.arn().toString())
                .orElse(RoleOperations.roleArn(call.requireCaller(), "/", roleName)));
        Role found = role.orElseThrow(() -> IamErrors.noSuchRole(roleName));
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), view.instanceProfilesOf(found), p -> p.name().toLowerCase(Locale.ROOT),
                "InstanceProfiles", p -> shape(p, view, snapshot, false), result);
        return Optional.of(result.build());
    }

    /** Adding a role hands it to whoever launches instances with the profile, so AWS also requires iam:PassRole. */
    private Optional<Struct> addRole(OperationCall call) {
        String name = profileName(call.parameters());
        String roleName = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        authorized(call, name);
        Role role = RoleOperations.requireRole(ctx.view(call), roleName);
        RoleOperations.requireModifiable(role);
        ctx.authorize(call, "iam:PassRole", role.arn().toString());
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            InstanceProfile profile = require(view, name);
            RoleOperations.requireRole(view, roleName);
            if (profile.roleNames().size() >= ROLES_PER_PROFILE) {
                throw IamErrors.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: "
                        + ROLES_PER_PROFILE);
            }
            List<String> roles = new ArrayList<>(profile.roleNames());
            roles.add(role.name());
            InstanceProfile updated = profile.withRoleNames(roles);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> removeRole(OperationCall call) {
        String name = profileName(call.parameters());
        String roleName = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        authorized(call, name);
        RoleOperations.requireModifiable(RoleOperations.requireRole(ctx.view(call), roleName));
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            InstanceProfile profile = require(view, name);
            Role role = RoleOperations.requireRole(view, roleName);
            if (!profile.holds(role.name())) {
                throw IamErrors.noSuchRoleInInstanceProfile(roleName, name);
            }
            InstanceProfile updated = profile.withRoleNames(profile.roleNames().stream()
                    .filter(r -> !r.equalsIgnoreCase(role.name())).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    /** The InstanceProfile shape; its roles show only the fields AWS shows inside an instance profile. */
    static Struct shape(InstanceProfile profile, AccountView view, IamSnapshot snapshot, boolean withTags) {
        List<Value> roles = new ArrayList<>();
        for (String roleName : profile.roleNames()) {
            view.role(roleName).ifPresent(r -> roles.add(IamShapes.role(r, snapshot, IamShapes.View.EMBEDDED)));
        }
        Struct.Builder b = Struct.builder()
                .put("Path", profile.path())
                .put("InstanceProfileName", profile.name())
                .put("InstanceProfileId", profile.instanceProfileId())
                .put("Arn", profile.arn().toString())
                .put("CreateDate", profile.createDate())
                .put("Roles", new Value.ListOf(roles));
        if (withTags) {
            b.put("Tags", IamShapes.tags(profile.tags()));
        }
        return b.build();
    }
}
