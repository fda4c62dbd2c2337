package dev.lanyard.iamapi;

import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import java.util.List;
import java.util.Optional;

/** The two kinds of identity that hold policies here (users and roles), seen through one lens. */
enum PolicyHolder {
    USER("User", "user", "UserName", "userName", PolicySizeQuota.USER_INLINE),
    GROUP("Group", "group", "GroupName", "groupName", PolicySizeQuota.GROUP_INLINE),
    ROLE("Role", "role", "RoleName", "roleName", PolicySizeQuota.ROLE_INLINE);

    private final String actionWord;
    private final String noun;
    private final String nameParam;
    private final String nameMember;
    private final PolicySizeQuota inlineQuota;

    PolicyHolder(String actionWord, String noun, String nameParam, String nameMember, PolicySizeQuota inlineQuota) {
        this.actionWord = actionWord;
        this.noun = noun;
        this.nameParam = nameParam;
        this.nameMember = nameMember;
        this.inlineQuota = inlineQuota;
    }

    String actionWord() {
        return actionWord;
    }

    String noun() {
        return noun;
    }

    String nameParam() {
        return nameParam;
    }

    String nameMember() {
        return nameMember;
    }

    PolicySizeQuota inlineQuota() {
        return inlineQuota;
    }

    Optional<IamEntity> find(AccountView view, String name) {
        return switch (this) {
            case USER -> view.user(name).map(IamEntity.class::cast);
            case GROUP -> view.group(name).map(IamEntity.class::cast);
            case ROLE -> view.role(name).map(IamEntity.class::cast);
        };
    }

    IamEntity require(AccountView view, String name) {
        return find(view, name).orElseThrow(() -> switch (this) {
            case USER -> IamErrors.noSuchUser(name);
            case GROUP -> IamErrors.noSuchGroup(name);
            case ROLE -> IamErrors.noSuchRole(name);
        });
    }

    String arnFor(AccountView view, Optional<IamEntity> entity, String name) {
        return entity.map(PolicyHolder::arn).orElse(view.partition().iam(view.account(), noun + "/" + name).toString());
    }

    static String arn(IamEntity entity) {
        return switch (entity) {
            case User u -> u.arn().toString();
            case Group g -> g.arn().toString();
            case Role r -> r.arn().toString();
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static String name(IamEntity entity) {
        return switch (entity) {
            case User u -> u.name();
            case Group g -> g.name();
            case Role r -> r.name();
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static List<Tag> tags(IamEntity entity) {
        return switch (entity) {
            case User u -> u.tags();
            case Role r -> r.tags();
            default -> List.of();
        };
    }

    static List<InlinePolicy> inline(IamEntity entity) {
        return switch (entity) {
            case User u -> u.inlinePolicies();
            case Group g -> g.inlinePolicies();
            case Role r -> r.inlinePolicies();
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static List<String> attached(IamEntity entity) {
        return switch (entity) {
            case User u -> u.attachedPolicyArns();
            case Group g -> g.attachedPolicyArns();
            case Role r -> r.attachedPolicyArns();
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static IamEntity withInline(IamEntity entity, List<InlinePolicy> policies) {
        return switch (entity) {
            case User u -> u.withInlinePolicies(policies);
            case Group g -> g.withInlinePolicies(policies);
            case Role r -> r.withInlinePolicies(policies);
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static IamEntity withAttached(IamEntity entity, List<String> arns) {
        return switch (entity) {
            case User u -> u.withAttachedPolicyArns(arns);
            case Group g -> g.withAttachedPolicyArns(arns);
            case Role r -> r.withAttachedPolicyArns(arns);
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static IamEntity withBoundary(IamEntity entity, Optional<String> arn) {
        return switch (entity) {
            case User u -> u.withPermissionsBoundary(arn);
            case Role r -> r.withPermissionsBoundary(arn);
            default -> throw new IllegalArgumentException("groups have no permissions boundary");
        };
    }
}
