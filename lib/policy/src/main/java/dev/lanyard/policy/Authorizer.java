package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole decision for one request (iam-policy.md §4.3-4.6):
 * <ol>
 *   <li>an applicable Deny in any policy wins (EXPLICIT_DENY);
 *   <li>the principal side is identity allow (root: implicit) capped by the permissions boundary
 *       and the session policies;
 *   <li>same account: the principal side, or a resource-policy grant — DIRECT/FEDERATED/SERVICE alone, PARENT if the
 *       caps allow, ACCOUNT never alone; with {@code resourcePolicyRequired} the resource policy must grant and an
 *       ACCOUNT grant also needs the principal side;
 *   <li>cross account: the principal side and a resource-policy grant of any kind, always both.
 * </ol>
 * Stateless and thread-safe.
 */
public final class Authorizer {
    private final PolicyEvaluator evaluator;

    public Authorizer() {
        this(new PolicyEvaluator());
    }

    public Authorizer(PolicyEvaluator evaluator) {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    public Decision decide(AuthorizationRequest request) {
        requireNonNull(request, "request is null");
        Layers layers = evaluate(request);
        List<String> trace = layers.trace(request);
        List<MatchedStatement> denies = layers.denies();
        if (!denies.isEmpty()) {
            trace.add("decision: EXPLICIT_DENY");
            return new Decision(Outcome.EXPLICIT_DENY, denies, trace);
        }
        Optional<Path> path = allowingPath(request, layers);
        if (path.isEmpty()) {
            trace.add("decision: IMPLICIT_DENY");
            return new Decision(Outcome.IMPLICIT_DENY, List.of(), trace);
        }
        trace.add("decision: ALLOWED (" + path.get().reason + ")");
        return new Decision(Outcome.ALLOWED, layers.allowsFor(path.get()), trace);
    }

    private Layers evaluate(AuthorizationRequest request) {
        RequestContext context = request.context();
        PolicySetResult identity = evaluator.evaluate(request.identityPolicies(), context);
        Optional<PolicySetResult> boundary = request.permissionsBoundary()
                .map(policy -> evaluator.evaluate(List.of(policy), context));
        Optional<PolicySetResult> session = switch (request.sessionPolicies()) {
            case SessionPolicies.None none -> Optional.empty();
            case SessionPolicies.Passed passed -> Optional.of(evaluator.evaluate(passed.policies(), context));
            case SessionPolicies.FederatedWithoutPolicy federated -> Optional.empty();
            case SessionPolicies.RootTask task -> Optional.of(evaluator.evaluate(List.of(task.policy()), context));
        };
        Optional<ResourcePolicyResult> resource = request.resourcePolicy()
                .map(policy -> evaluator.evaluateResourcePolicy(policy, context));
        return new Layers(identity, boundary, session, resource);
    }

    /** The reason the request is allowed, if it is; explicit denies were handled before. */
    private static Optional<Path> allowingPath(AuthorizationRequest request, Layers layers) {
        boolean capsAllow = layers.boundaryAllows() && sessionAllows(request.sessionPolicies(), layers);
        boolean crossAccount = request.isCrossAccount();
        // The root user's identity side always allows (no IAM policy can limit root): cross-account it still needs
        // the other account's grant, as any caller does. STS refuses AssumeRole by root before this point.
        boolean identityAllows = layers.identity().effect() == SetEffect.ALLOW || request.principalIsRoot();
        boolean principalSide = identityAllows && capsAllow;
        PrincipalMatch grant = layers.resourceGrant();
        if (crossAccount) {
            return principalSide && grant != PrincipalMatch.NONE ? Optional.of(Path.CROSS_ACCOUNT) : Optional.empty();
        }
        // A grant naming the role-session ARN is not capped by session policies: the docs say so ("added after the
        // session is created"); iam-simulate and floci disagree. We follow the docs (iam-policy.md §4.5, [VERIFY]).
        if (grant.isUncapped()) {
            return Optional.of(Path.RESOURCE_DIRECT);
        }
        if (grant == PrincipalMatch.PARENT && capsAllow) {
            return Optional.of(Path.RESOURCE_PARENT);
        }
        if (!principalSide) {
            return Optional.empty();
        }
        if (!request.resourcePolicyRequired()) {
            return Optional.of(Path.IDENTITY);
        }
        return grant == PrincipalMatch.ACCOUNT ? Optional.of(Path.IDENTITY_AND_ACCOUNT_GRANT) : Optional.empty();
    }

    private static boolean sessionAllows(SessionPolicies sessionPolicies, Layers layers) {
        return switch (sessionPolicies) {
            case SessionPolicies.None none -> true;
            case SessionPolicies.Passed passed -> layers.session().map(s -> s.effect() == SetEffect.ALLOW)
                    .orElse(false);
            case SessionPolicies.FederatedWithoutPolicy federated -> false;
            case SessionPolicies.RootTask task -> true;
        };
    }

    /** Which policies' Allow statements decided an ALLOWED outcome. */
    enum Path {
        IDENTITY("identity policies allow within the account", true, false),
        RESOURCE_DIRECT("resource policy names the caller directly", false, true),
        RESOURCE_PARENT("resource policy names the caller's role or parent user, within boundary and session "
                + "policies", false, true),
        IDENTITY_AND_ACCOUNT_GRANT("resource policy trusts the account and identity policies allow", true, true),
        CROSS_ACCOUNT("cross-account: identity policies and resource policy both allow", true, true);

        final String reason;
        final boolean usesIdentity;
        final boolean usesResource;

        Path(String reason, boolean usesIdentity, boolean usesResource) {
            this.reason = reason;
            this.usesIdentity = usesIdentity;
            this.usesResource = usesResource;
        }
    }

    /** The per-policy-type results of one request. */
    private record Layers(PolicySetResult identity, Optional<PolicySetResult> boundary,
                          Optional<PolicySetResult> session, Optional<ResourcePolicyResult> resource) {
        boolean boundaryAllows() {
            return boundary.map(b -> b.effect() == SetEffect.ALLOW).orElse(true);
        }

        PrincipalMatch resourceGrant() {
            return resource.filter(r -> r.effect() == SetEffect.ALLOW)
                    .map(ResourcePolicyResult::strongestAllowMatch)
                    .orElse(PrincipalMatch.NONE);
        }

        List<MatchedStatement> denies() {
            List<MatchedStatement> out = new ArrayList<>();
            addIf(out, identity, SetEffect.DENY);
            boundary.ifPresent(b -> addIf(out, b, SetEffect.DENY));
            session.ifPresent(s -> addIf(out, s, SetEffect.DENY));
            resource.filter(r -> r.effect() == SetEffect.DENY).ifPresent(r -> out.addAll(r.matched()));
            return out;
        }

        List<MatchedStatement> allowsFor(Path path) {
            List<MatchedStatement> out = new ArrayList<>();
            if (path.usesIdentity) {
                addIf(out, identity, SetEffect.ALLOW);
            }
            if (path.usesResource) {
                resource.filter(r -> r.effect() == SetEffect.ALLOW).ifPresent(r -> out.addAll(r.matched()));
            }
            if (path != Path.RESOURCE_DIRECT) {
                boundary.ifPresent(b -> addIf(out, b, SetEffect.ALLOW));
                session.ifPresent(s -> addIf(out, s, SetEffect.ALLOW));
            }
            return out;
        }

        List<String> trace(AuthorizationRequest request) {
            return DecisionTrace.lines(request, identity, boundary, session, resource);
        }

        private static void addIf(List<MatchedStatement> out, PolicySetResult result, SetEffect effect) {
            if (result.effect() == effect) {
                out.addAll(result.matched());
            }
        }
    }
}
