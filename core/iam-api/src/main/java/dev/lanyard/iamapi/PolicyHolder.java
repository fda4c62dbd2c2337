package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import java.util.List;
import java.util.Optional;

/** The two kinds of identity that hold policies here (users and roles), seen through one lens. */
enum PolicyHolder {
    USER("User", "user", "UserName", "userName", 2048),
    ROLE("Role", "role", "RoleName", "roleName", 10240);

    private final String actionWord;
    private final String noun;
    private final String nameParam;
    private final String nameMember;
    private final int inlineQuota;

    PolicyHolder(String actionWord, String noun, String nameParam, String nameMember, int inlineQuota) {
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

    int inlineQuota() {
        return inlineQuota;
    }

    Optional<IamEntity> find(IamSnapshot snapshot, Caller caller, String name) {
        return switch (this) {
            case USER -> snapshot.user(caller.account(), name).map(IamEntity.class::cast);
            case ROLE -> snapshot.role(caller.account(), name).map(IamEntity.class::cast);
        };
    }

    IamEntity require(IamSnapshot snapshot, Caller caller, String name) {
        return find(snapshot, caller, name).orElseThrow(() -> switch (this) {
            case USER -> IamErrors.noSuchUser(name);
            case ROLE -> IamErrors.noSuchRole(name);
        });
    }

    String arnFor(Caller caller, Optional<IamEntity> entity, String name) {
        return entity.map(PolicyHolder::arn).orElse("arn:aws:iam::" + caller.account().value() + ":" + noun + "/" + name);
    }

    static String arn(IamEntity entity) {
        return switch (entity) {
            case User u -> u.arn().toString();
            case Role r -> r.arn().toString();
            default -> throw new IllegalArgumentException("not a policy holder");
        };
    }

    static String name(IamEntity entity) {
        return entity instanceof User u ? u.name() : ((Role) entity).name();
    }

    static List<Tag> tags(IamEntity entity) {
        return entity instanceof User u ? u.tags() : ((Role) entity).tags();
    }

    static List<InlinePolicy> inline(IamEntity entity) {
        return entity instanceof User u ? u.inlinePolicies() : ((Role) entity).inlinePolicies();
    }

    static List<String> attached(IamEntity entity) {
        return entity instanceof User u ? u.attachedPolicyArns() : ((Role) entity).attachedPolicyArns();
    }

    static Optional<String> boundary(IamEntity entity) {
        return entity instanceof User u ? u.permissionsBoundaryArn() : ((Role) entity).permissionsBoundaryArn();
    }

    static IamEntity withInline(IamEntity entity, List<InlinePolicy> policies) {
        return entity instanceof User u ? u.withInlinePolicies(policies) : ((Role) entity).withInlinePolicies(policies);
    }

    static IamEntity withAttached(IamEntity entity, List<String> arns) {
        return entity instanceof User u ? u.withAttachedPolicyArns(arns) : ((Role) entity).withAttachedPolicyArns(arns);
    }

    static IamEntity withBoundary(IamEntity entity, Optional<String> arn) {
        return entity instanceof User u ? u.withPermissionsBoundary(arn) : ((Role) entity).withPermissionsBoundary(arn);
    }
}
