package dev.lanyard.iamapi;

import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.UsageStore;
import dev.lanyard.query.PolicyDocumentEncoding;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * IAM response structures, shaped as the IAM model defines them and with the members AWS writes in each kind of
 * answer (the model allows more than AWS sends; the rules below come from answers recorded from real AWS):
 *
 * <ul>
 *   <li>A Create answer leaves out what the request did not need to show: no {@code Description} (even when given)
 *       and no {@code MaxSessionDuration}, but the {@code PermissionsBoundary} and the {@code Tags} it was given.
 *   <li>A Get answer has everything: {@code RoleLastUsed} always (empty until used); a role's or user's
 *       {@code Tags} only when it has some, a policy's {@code Tags} always ({@code <Tags/>} when none).
 *   <li>A List answer has less than Get: no {@code PermissionsBoundary}, no {@code Tags}, no
 *       {@code RoleLastUsed}; a role keeps its {@code Description} and {@code MaxSessionDuration}, a policy loses
 *       its {@code Description}.
 *   <li>UpdateRoleDescription answers with the role and its new description, without {@code MaxSessionDuration}.
 *   <li>A role inside another entity (an instance profile's roles) has only the members every answer has.
 * </ul>
 * Members are written in any order here; the result shaper puts them in the model's.
 */
final class IamShapes {
    static final String BOUNDARY_TYPE = "PermissionsBoundaryPolicy";

    /** The kind of answer an entity appears in. */
    enum View { CREATE, GET, LIST, UPDATE_DESCRIPTION, EMBEDDED }

    private IamShapes() {}

    static Struct user(User user, View view) {
        return user(user, view, Optional.empty());
    }

    /** With {@code PasswordLastUsed}, which Get and List answers carry once the password was used. */
    static Struct user(User user, View view, Optional<Instant> passwordLastUsed) {
        Struct.Builder b = Struct.builder()
                .put("Path", user.path())
                .put("UserName", user.name())
                .put("UserId", user.userId())
                .put("Arn", user.arn().toString())
                .put("CreateDate", user.createDate());
        passwordLastUsed.ifPresent(when -> b.put("PasswordLastUsed", when));
        if (view == View.CREATE || view == View.GET) {
            b.putValueIfPresent("PermissionsBoundary", boundary(user.permissionsBoundaryArn()));
            tagsIfAny(b, user.tags());
        }
        return b.build();
    }

    static Struct role(Role role, IamSnapshot snapshot, View view) {
        return role(role, snapshot, view, Struct.builder().build());
    }

    /** As {@link #role(Role, IamSnapshot, View)}, with a Get answer's RoleLastUsed ({@link #roleLastUsed}). */
    static Struct role(Role role, IamSnapshot snapshot, View view, Struct roleLastUsed) {
        Struct.Builder b = Struct.builder()
                .put("Path", role.path())
                .put("RoleName", role.name())
                .put("RoleId", role.roleId())
                .put("Arn", role.arn().toString())
                .put("CreateDate", role.createDate())
                .put("AssumeRolePolicyDocument", PolicyDocumentEncoding.encode(
                        TrustPrincipals.displayText(role.trustPolicy(), snapshot)));
        switch (view) {
            case CREATE -> {
                b.putValueIfPresent("PermissionsBoundary", boundary(role.permissionsBoundaryArn()));
                tagsIfAny(b, role.tags());
            }
            case GET -> {
                b.putIfPresent("Description", role.description());
                b.put("MaxSessionDuration", role.maxSessionDuration().toSeconds());
                b.putValueIfPresent("PermissionsBoundary", boundary(role.permissionsBoundaryArn()));
                tagsIfAny(b, role.tags());
                b.put("RoleLastUsed", roleLastUsed);
            }
            case LIST -> {
                b.putIfPresent("Description", role.description());
                b.put("MaxSessionDuration", role.maxSessionDuration().toSeconds());
            }
            case UPDATE_DESCRIPTION -> b.putIfPresent("Description", role.description());
            case EMBEDDED -> { }
        }
        return b.build();
    }

    /** When the user's password was last used: only use since this user was created, as for a role. */
    static Optional<Instant> passwordLastUsed(User user, UsageTracker usage) {
        return usage.lastUsed(new UsageStore.Subject(UsageStore.Kind.PASSWORD,
                        user.userId())).map(UsageStore.LastUsed::date)
                .filter(date -> !date.isBefore(user.createDate()));
    }

    /**
     * When and where a role was last used: empty until it was, and only use since this role was created (a role made
     * again under a deleted one's name starts afresh).
     */
    static Struct roleLastUsed(Role role, UsageTracker usage) {
        Struct.Builder b = Struct.builder();
        usage.lastUsed(new UsageStore.Subject(UsageStore.Kind.ROLE,
                        role.arn().toString()))
                .filter(used -> !used.date().isBefore(role.createDate()))
                .ifPresent(used -> b.put("LastUsedDate", used.date()).put("Region", used.region()));
        return b.build();
    }

    /** A managed policy; its attachment counts are the viewing account's, even for an AWS managed policy. */
    static Struct policy(ManagedPolicy policy, AccountView account, View view) {
        Struct.Builder b = Struct.builder()
                .put("PolicyName", policy.name())
                .put("PolicyId", policy.policyId())
                .put("Arn", policy.arn().toString())
                .put("Path", policy.path())
                .put("DefaultVersionId", policy.defaultVersionId())
                .put("AttachmentCount", account.attachmentCount(policy.arn().toString()))
                .put("PermissionsBoundaryUsageCount", account.boundaryUsageCount(policy.arn().toString()))
                .put("IsAttachable", account.attachable(policy))
                .put("CreateDate", policy.createDate())
                .put("UpdateDate", policy.updateDate());
        switch (view) {
            case CREATE -> tagsIfAny(b, policy.tags());
            case GET -> b.putIfPresent("Description", policy.description()).put("Tags", tags(policy.tags()));
            case LIST, UPDATE_DESCRIPTION, EMBEDDED -> { }
        }
        return b.build();
    }

    static Struct accessKeyMetadata(AccessKey key) {
        return Struct.builder()
                .put("UserName", key.userName().orElse(key.account().value()))
                .put("AccessKeyId", key.id().value())
                .put("Status", key.status().name())
                .put("CreateDate", key.createDate())
                .build();
    }

    static Struct group(Group group) {
        return Struct.builder()
                .put("Path", group.path())
                .put("GroupName", group.name())
                .put("GroupId", group.groupId())
                .put("Arn", group.arn().toString())
                .put("CreateDate", group.createDate())
                .build();
    }

    static Value.ListOf tags(List<Tag> tags) {
        return new Value.ListOf(tags.stream().<Value>map(IamShapes::tag).toList());
    }

    static Struct tag(Tag tag) {
        return Struct.builder().put("Key", tag.key()).put("Value", tag.value()).build();
    }

    /** The answer of every List*Tags operation: a page of the entity's tags in the order they were added. */
    static Optional<Struct> tagPage(QueryParameters params, List<Tag> tags) {
        Struct.Builder result = Struct.builder();
        Pagination.page(params, tags, Tag::key, "Tags", IamShapes::tag, result);
        return Optional.of(result.build());
    }

    static Struct attachedPolicy(String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return Struct.builder().put("PolicyName", name).put("PolicyArn", arn).build();
    }

    /** {@code PermissionsBoundaryType} is always {@code PermissionsBoundaryPolicy}, the model's only value. */
    static Optional<Struct> boundary(Optional<String> arn) {
        return arn.map(a -> Struct.builder().put("PermissionsBoundaryType", BOUNDARY_TYPE)
                .put("PermissionsBoundaryArn", a).build());
    }

    private static void tagsIfAny(Struct.Builder b, List<Tag> tags) {
        if (!tags.isEmpty()) {
            b.put("Tags", tags(tags));
        }
    }
}
