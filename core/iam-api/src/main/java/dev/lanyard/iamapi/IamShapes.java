package dev.lanyard.iamapi;

import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.query.PolicyDocumentEncoding;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.List;
import java.util.Optional;

/** IAM response structures, shaped as the IAM model defines them. */
final class IamShapes {
    private IamShapes() {}

    static Struct user(User user, boolean withTags) {
        Struct.Builder b = Struct.builder()
                .put("Path", user.path())
                .put("UserName", user.name())
                .put("UserId", user.userId())
                .put("Arn", user.arn().toString())
                .put("CreateDate", user.createDate());
        boundary(user.permissionsBoundaryArn()).ifPresent(s -> b.put("PermissionsBoundary", s));
        if (withTags && !user.tags().isEmpty()) {
            b.put("Tags", tags(user.tags()));
        }
        return b.build();
    }

    static Struct role(Role role, IamSnapshot snapshot, boolean withTags) {
        Struct.Builder b = Struct.builder()
                .put("Path", role.path())
                .put("RoleName", role.name())
                .put("RoleId", role.roleId())
                .put("Arn", role.arn().toString())
                .put("CreateDate", role.createDate())
                .put("AssumeRolePolicyDocument", PolicyDocumentEncoding.encode(
                        TrustPrincipals.displayText(role.trustPolicy(), snapshot)));
        role.description().ifPresent(d -> b.put("Description", d));
        b.put("MaxSessionDuration", role.maxSessionDuration().toSeconds());
        boundary(role.permissionsBoundaryArn()).ifPresent(s -> b.put("PermissionsBoundary", s));
        if (withTags && !role.tags().isEmpty()) {
            b.put("Tags", tags(role.tags()));
        }
        if (withTags) {
            b.put("RoleLastUsed", Struct.builder().build());
        }
        return b.build();
    }

    /** A managed policy; its attachment counts are the viewing account's, even for an AWS managed policy. */
    static Struct policy(ManagedPolicy policy, AccountView view, boolean withTags) {
        Struct.Builder b = Struct.builder()
                .put("PolicyName", policy.name())
                .put("PolicyId", policy.policyId())
                .put("Arn", policy.arn().toString())
                .put("Path", policy.path())
                .put("DefaultVersionId", policy.defaultVersionId())
                .put("AttachmentCount", view.attachmentCount(policy.arn().toString()))
                .put("PermissionsBoundaryUsageCount", view.boundaryUsageCount(policy.arn().toString()))
                .put("IsAttachable", view.attachable(policy));
        policy.description().ifPresent(d -> b.put("Description", d));
        b.put("CreateDate", policy.createDate()).put("UpdateDate", policy.updateDate());
        // GetPolicy of an AWS managed policy shows its (always empty) tag list, as AWS's answer does
        if (withTags && (!policy.tags().isEmpty() || policy.awsManaged())) {
            b.put("Tags", tags(policy.tags()));
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

    static Struct group(dev.lanyard.iam.model.Group group) {
        return Struct.builder()
                .put("Path", group.path())
                .put("GroupName", group.name())
                .put("GroupId", group.groupId())
                .put("Arn", group.arn().toString())
                .put("CreateDate", group.createDate())
                .build();
    }

    static Value.ListOf tags(List<Tag> tags) {
        return new Value.ListOf(tags.stream()
                .<Value>map(t -> Struct.builder().put("Key", t.key()).put("Value", t.value()).build()).toList());
    }

    static Struct attachedPolicy(String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return Struct.builder().put("PolicyName", name).put("PolicyArn", arn).build();
    }

    private static Optional<Struct> boundary(Optional<String> arn) {
        return arn.map(a -> Struct.builder().put("PermissionsBoundaryType", "Policy")
                .put("PermissionsBoundaryArn", a).build());
    }
}
