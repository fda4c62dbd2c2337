package dev.lanyard.iamapi;

import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.SimulationSubject;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.LabeledPolicy;
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
    static AccessAdvisorTarget resolve(IamSnapshot snapshot, AccountView view, PolicyGatherer gatherer, String arn,
            boolean policiesAllowed) {
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
            case User user -> new AccessAdvisorTarget(arn, identityPolicies(snapshot, view, gatherer, user,
                    user.name()), List.of(principal(user)));
            case Role role -> new AccessAdvisorTarget(arn, identityPolicies(snapshot, view, gatherer, role,
                    role.name()), List.of(principal(role)));
            case Group group -> new AccessAdvisorTarget(arn, identityPolicies(snapshot, view, gatherer, group,
                    group.name()), members(view, group));
            default -> throw invalidArn(arn);
        };
    }

    /** The entity's identity policies as the {@link PolicyGatherer} finds them for enforcement and the simulator. */
    private static List<GrantingPolicy> identityPolicies(IamSnapshot snapshot, AccountView view,
            PolicyGatherer gatherer, IamEntity entity, String entityName) {
        return gatherer.gather(snapshot, SimulationSubject.stored(entity)).identity().stream()
                .map(policy -> granting(view, entityName, policy)).toList();
    }

    private static AwsException invalidArn(String arn) {
        return IamErrors.invalidInput("ARN " + arn + " is not valid.");
    }

    /**
     * A gathered policy in the report's terms: an inline one with the entity it is embedded in (the gathered entity,
     * or for a group's policy the group), a managed one with its ARN.
     */
    private static GrantingPolicy granting(AccountView view, String entityName, LabeledPolicy policy) {
        String name = policy.ref().name();
        return switch (policy.ref().source()) {
            case USER_INLINE -> new GrantingPolicy(name, Optional.empty(), Optional.of("USER"),
                    Optional.of(entityName), policy.document());
            case ROLE_INLINE -> new GrantingPolicy(name, Optional.empty(), Optional.of("ROLE"),
                    Optional.of(entityName), policy.document());
            // labelled group/policy; neither a group's nor a policy's name may hold a slash
            case GROUP_INLINE -> new GrantingPolicy(name.substring(name.indexOf('/') + 1), Optional.empty(),
                    Optional.of("GROUP"), Optional.of(name.substring(0, name.indexOf('/'))), policy.document());
            case CUSTOMER_MANAGED, AWS_MANAGED -> new GrantingPolicy(view.policy(name).orElseThrow().name(),
                    Optional.of(name), Optional.empty(), Optional.empty(), policy.document());
            case PERMISSIONS_BOUNDARY, SESSION_INLINE, SESSION_MANAGED, TRUST, RESOURCE ->
                    throw new IllegalStateException("not an identity policy: " + policy.ref());
        };
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
