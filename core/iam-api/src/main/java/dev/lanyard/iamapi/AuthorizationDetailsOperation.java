package dev.lanyard.iamapi;

import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.PolicyDocumentEncoding;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GetAccountAuthorizationDetails: every user, group, role and managed policy with their policies, documents
 * URL-encoded, paginated across all four lists with one marker as AWS does.
 */
final class AuthorizationDetailsOperation {
    private static final Set<String> FILTERS = Set.of("User", "Role", "Group", "LocalManagedPolicy",
            "AWSManagedPolicy");
    private final IamContext ctx;

    AuthorizationDetailsOperation(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("GetAccountAuthorizationDetails", this::handle);
    }

    private Optional<Struct> handle(OperationCall call) {
        ctx.authorize(call, "*");
        List<String> filter = call.parameters().list("Filter");
        for (String f : filter) {
            if (!FILTERS.contains(f)) {
                throw ValidationErrors.single("filter", f, "Member must satisfy enum value set: "
                        + "[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
            }
        }
        IamSnapshot snapshot = ctx.store().snapshot();
        AccountView view = ctx.view(snapshot, call);
        List<IamEntity> items = new ArrayList<>();
        if (wants(filter, "User")) {
            items.addAll(view.users());
        }
        if (wants(filter, "Group")) {
            items.addAll(view.groups());
        }
        if (wants(filter, "Role")) {
            items.addAll(view.roles());
        }
        if (wants(filter, "LocalManagedPolicy")) {
            items.addAll(view.customerPolicies());
        }
        if (wants(filter, "AWSManagedPolicy")) {
            items.addAll(awsManagedInUse(view));
        }
        Pagination.Page<IamEntity> page = Pagination.of(call.parameters(), items, e -> e.key().toString());
        List<Value> users = new ArrayList<>();
        List<Value> groups = new ArrayList<>();
        List<Value> roles = new ArrayList<>();
        List<Value> policies = new ArrayList<>();
        for (IamEntity item : page.items()) {
            switch (item) {
                case User u -> users.add(user(view, u));
                case Group g -> groups.add(group(g));
                case Role r -> roles.add(role(view, snapshot, r));
                case ManagedPolicy p -> policies.add(policy(view, p));
                default -> throw new IllegalStateException("unexpected " + item.key());
            }
        }
        Struct.Builder result = Struct.builder()
                .put("UserDetailList", new Value.ListOf(users))
                .put("GroupDetailList", new Value.ListOf(groups))
                .put("RoleDetailList", new Value.ListOf(roles))
                .put("Policies", new Value.ListOf(policies));
        Pagination.put(page, result);
        return Optional.of(result.build());
    }

    /** AWS managed policies appear only where the account uses them (attached or as a boundary), as in AWS. */
    private List<ManagedPolicy> awsManagedInUse(AccountView view) {
        Set<String> used = new HashSet<>(view.attachmentCounts().keySet());
        used.addAll(view.boundaryUsageCounts().keySet());
        return ctx.awsManaged().entries().stream().filter(e -> used.contains(e.arn()))
                .map(e -> ctx.awsManaged().lookup(e.arn()).orElseThrow()).toList();
    }

    private static boolean wants(List<String> filter, String kind) {
        return filter.isEmpty() || filter.contains(kind);
    }

    private static Value.ListOf inline(List<InlinePolicy> policies) {
        return new Value.ListOf(policies.stream().<Value>map(p -> Struct.builder()
                .put("PolicyName", p.name())
                .put("PolicyDocument", PolicyDocumentEncoding.encode(p.policy().text()))
                .build()).toList());
    }

    private static Value.ListOf attached(List<String> arns) {
        return new Value.ListOf(arns.stream().<Value>map(IamShapes::attachedPolicy).toList());
    }

    private static Struct user(AccountView view, User u) {
        Struct.Builder b = Struct.builder()
                .put("Path", u.path()).put("UserName", u.name()).put("UserId", u.userId())
                .put("Arn", u.arn().toString()).put("CreateDate", u.createDate())
                .put("GroupList", Value.ListOf.ofTexts(view.groupsOf(u).stream().map(Group::name)
                        .toList()))
                .put("AttachedManagedPolicies", attached(u.attachedPolicyArns()));
        // AWS leaves a user's empty inline policy list out, unlike a group's or a role's (recorded answers).
        if (!u.inlinePolicies().isEmpty()) {
            b.put("UserPolicyList", inline(u.inlinePolicies()));
        }
        IamShapes.boundary(u.permissionsBoundaryArn()).ifPresent(s -> b.put("PermissionsBoundary", s));
        return b.put("Tags", IamShapes.tags(u.tags())).build();
    }

    private static Struct group(Group g) {
        return Struct.builder()
                .put("Path", g.path()).put("GroupName", g.name()).put("GroupId", g.groupId())
                .put("Arn", g.arn().toString()).put("CreateDate", g.createDate())
                .put("GroupPolicyList", inline(g.inlinePolicies()))
                .put("AttachedManagedPolicies", attached(g.attachedPolicyArns()))
                .build();
    }

    private Struct role(AccountView view, IamSnapshot snapshot, Role r) {
        Struct.Builder b = Struct.builder()
                .put("Path", r.path()).put("RoleName", r.name()).put("RoleId", r.roleId())
                .put("Arn", r.arn().toString()).put("CreateDate", r.createDate())
                .put("AssumeRolePolicyDocument", PolicyDocumentEncoding.encode(TrustPrincipals.displayText(r.trustPolicy(), snapshot)))
                .put("InstanceProfileList", new Value.ListOf(view.instanceProfilesOf(r).stream()
                        .<Value>map(p -> InstanceProfileOperations.shape(p, view, snapshot, false)).toList()))
                .put("RolePolicyList", inline(r.inlinePolicies()))
                .put("AttachedManagedPolicies", attached(r.attachedPolicyArns()));
        IamShapes.boundary(r.permissionsBoundaryArn()).ifPresent(s -> b.put("PermissionsBoundary", s));
        return b.put("Tags", IamShapes.tags(r.tags())).put("RoleLastUsed", IamShapes.roleLastUsed(r, ctx.usage()))
                .build();
    }

    private static Struct policy(AccountView view, ManagedPolicy p) {
        Struct.Builder b = Struct.builder()
                .put("PolicyName", p.name()).put("PolicyId", p.policyId()).put("Arn", p.arn().toString())
                .put("Path", p.path()).put("DefaultVersionId", p.defaultVersionId())
                .put("AttachmentCount", view.attachmentCount(p.arn().toString()))
                .put("PermissionsBoundaryUsageCount", view.boundaryUsageCount(p.arn().toString()))
                .put("IsAttachable", view.attachable(p));
        p.description().ifPresent(d -> b.put("Description", d));
        return b.put("CreateDate", p.createDate()).put("UpdateDate", p.updateDate())
                .put("PolicyVersionList", new Value.ListOf(p.versions().stream().<Value>map(v -> Struct.builder()
                        .put("Document", PolicyDocumentEncoding.encode(v.policy().text()))
                        .put("VersionId", v.versionId())
                        .put("IsDefaultVersion", v.versionId().equals(p.defaultVersionId()))
                        .put("CreateDate", v.createDate())
                        .build()).toList()))
                .build();
    }
}
