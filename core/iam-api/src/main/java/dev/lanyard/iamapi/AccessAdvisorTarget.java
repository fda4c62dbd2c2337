package dev.lanyard.iamapi;

import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.PolicyDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a service last-accessed report is about: a user, group, role or managed policy, named by its ARN; the
 * identity policies that count for it (a user's own and his groups'; a role's, a group's; the policy itself), and
 * the principals whose attempts count (the user, the role, the group's members, or the users, groups' members and
 * roles the policy is attached to).
 */
record AccessAdvisorTarget(String arn, List<GrantingPolicy> policies, List<Principal> principals) {

    /** A policy that may grant a service; an inline policy names the entity it is embedded in. */
    record GrantingPolicy(String name, Optional<String> policyArn, Optional<String> entityType,
            Optional<String> entityName, PolicyDocument document) {
        boolean inline() {
            return policyArn.isEmpty();
        }
    }

    /** A user or role whose attempts count, as EntityInfo describes it. */
    record Principal(String arn, String name, String type, String id, String path, Instant created) {
    }

    /**
     * Resolves {@code arn} in the caller's account: {@code InvalidInput} for an ARN that names no user, group, role or
     * policy, {@code NoSuchEntity} for one that names nothing that exists.
     */
    static AccessAdvisorTarget resolve(AccountView view, String arn, boolean policiesAllowed) {
        Arn parsed = Arn.parse(arn).filter(a -> a.service().equals("iam"))
                .orElseThrow(() -> invalidArn(arn));
        String type = parsed.resourceType();
        if (type.equals("policy") && policiesAllowed) {
            ManagedPolicy policy = view.policy(arn).orElseThrow(() -> IamErrors.policyNotFound(arn));
            return new AccessAdvisorTarget(arn, List.of(managed(policy)), attachedTo(view, arn));
        }
        if (!type.equals("user") && !type.equals("role") && !type.equals("group")) {
            throw invalidArn(arn);
        }
        IamEntity entity = view.principal(arn)
                .orElseThrow(() -> IamErrors.noSuchNamedEntity(type, parsed.resourceName()));
        return switch (entity) {
            case User user -> new AccessAdvisorTarget(arn, userPolicies(view, user), List.of(principal(user)));
            case Role role -> new AccessAdvisorTarget(arn, rolePolicies(view, role), List.of(principal(role)));
            case Group group -> new AccessAdvisorTarget(arn, groupPolicies(view, group), members(view, group));
            default -> throw invalidArn(arn);
        };
    }

    private static AwsException invalidArn(String arn) {
        return IamErrors.invalidInput("ARN " + arn + " is not valid.");
    }

    private static List<GrantingPolicy> userPolicies(AccountView view, User user) {
        List<GrantingPolicy> policies = new ArrayList<>();
        user.inlinePolicies().forEach(p -> policies.add(inline(p, "USER", user.name())));
        attached(view, user.attachedPolicyArns(), policies);
        for (Group group : view.groupsOf(user)) {
            policies.addAll(groupPolicies(view, group));
        }
        return policies;
    }

    private static List<GrantingPolicy> rolePolicies(AccountView view, Role role) {
        List<GrantingPolicy> policies = new ArrayList<>();
        role.inlinePolicies().forEach(p -> policies.add(inline(p, "ROLE", role.name())));
        attached(view, role.attachedPolicyArns(), policies);
        return policies;
    }

    private static List<GrantingPolicy> groupPolicies(AccountView view, Group group) {
        List<GrantingPolicy> policies = new ArrayList<>();
        group.inlinePolicies().forEach(p -> policies.add(inline(p, "GROUP", group.name())));
        attached(view, group.attachedPolicyArns(), policies);
        return policies;
    }

    private static void attached(AccountView view, List<String> arns, List<GrantingPolicy> into) {
        arns.forEach(arn -> view.policy(arn).ifPresent(p -> into.add(managed(p))));
    }

    private static GrantingPolicy inline(InlinePolicy policy, String entityType, String entityName) {
        return new GrantingPolicy(policy.name(), Optional.empty(), Optional.of(entityType), Optional.of(entityName),
                policy.policy().document());
    }

    private static GrantingPolicy managed(ManagedPolicy policy) {
        return new GrantingPolicy(policy.name(), Optional.of(policy.arn().toString()), Optional.empty(),
                Optional.empty(), policy.defaultVersion().policy().document());
    }

    private static List<Principal> members(AccountView view, Group group) {
        return group.memberUserIds().stream().flatMap(id -> view.userById(id).stream())
                .map(AccessAdvisorTarget::principal).sorted(Comparator.comparing(Principal::arn)).toList();
    }

    /** The users and roles a policy applies to: attached to them directly or to a group of the user. */
    private static List<Principal> attachedTo(AccountView view, String policyArn) {
        List<Principal> principals = new ArrayList<>();
        view.users().stream().filter(u -> u.attachedPolicyArns().contains(policyArn)
                || view.groupsOf(u).stream().anyMatch(g -> g.attachedPolicyArns().contains(policyArn)))
                .forEach(u -> principals.add(principal(u)));
        view.roles().stream().filter(r -> r.attachedPolicyArns().contains(policyArn))
                .forEach(r -> principals.add(principal(r)));
        principals.sort(Comparator.comparing(Principal::arn));
        return principals;
    }

    private static Principal principal(User user) {
        return new Principal(user.arn().toString(), user.name(), "USER", user.userId(), user.path(),
                user.createDate());
    }

    private static Principal principal(Role role) {
        return new Principal(role.arn().toString(), role.name(), "ROLE", role.roleId(), role.path(),
                role.createDate());
    }
}
