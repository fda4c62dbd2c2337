package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.Outcome;
import dev.lanyard.policy.PolicyEvaluator;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.RequestContext;
import dev.lanyard.policy.SessionPolicies;
import dev.lanyard.policy.SetEffect;
import java.util.List;
import java.util.Optional;

/**
 * Answers "may this caller do this?" for every IAM and STS request: gathers the caller's policies from the read
 * model, builds the request context, asks the policy engine, and turns a refusal into AWS's AccessDenied sentence
 * with an encoded explanation.
 */
public final class AccessControl {
    private final PolicyGatherer gatherer;
    private final Authorizer authorizer = new Authorizer();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final AuthorizationMessages messages;
    private final ServiceAuthorization reference = ServiceAuthorization.load();
    private final Observations observations;

    public AccessControl(PolicyGatherer gatherer, AuthorizationMessages messages) {
        this(gatherer, messages, Observations.NONE);
    }

    /** Reports how long each policy decision takes to {@code observations}. */
    public AccessControl(PolicyGatherer gatherer, AuthorizationMessages messages, Observations observations) {
        this.gatherer = requireNonNull(gatherer, "gatherer is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.observations = requireNonNull(observations, "observations is null");
    }

    /** The partition this deployment serves: the one its callers, resources and AWS managed policies are named in. */
    public Partition partition() {
        return gatherer.partition();
    }

    public Decision decide(IamSnapshot snapshot, Caller caller, RequestEnvironment env, AccessRequest request) {
        return evaluate(snapshot, caller, env, request).decision();
    }

    /** Throws AccessDenied, with the reason and the encoded message, unless the request is allowed. */
    public void require(IamSnapshot snapshot, Caller caller, RequestEnvironment env, AccessRequest request) {
        Evaluation evaluation = evaluate(snapshot, caller, env, request);
        if (evaluation.decision().outcome() != Outcome.ALLOWED) {
            throw denied(caller, request, evaluation);
        }
    }

    /** A decision with the AccessDenied AWS answers when it is not an allow, for front ends that report both. */
    public record Answer(Decision decision, Optional<AwsException> denial) {
        public Answer {
            requireNonNull(decision, "decision is null");
            requireNonNull(denial, "denial is null");
        }
    }

    public Answer answer(IamSnapshot snapshot, Caller caller, RequestEnvironment env, AccessRequest request) {
        Evaluation evaluation = evaluate(snapshot, caller, env, request);
        return new Answer(evaluation.decision(), evaluation.decision().outcome() == Outcome.ALLOWED ? Optional.empty()
                : Optional.of(denied(caller, request, evaluation)));
    }

    private record Evaluation(Decision decision, AuthorizationRequest input) {}

    private Evaluation evaluate(IamSnapshot snapshot, Caller caller, RequestEnvironment env, AccessRequest request) {
        ContextKeys keys = RequestContextFactory.keys(caller, env, request);
        RequestContext context = new RequestContext(request.action(), request.resource(),
                Optional.of(RequestContextFactory.identity(caller)), keys);
        AuthorizationRequest input = gatherer.gather(snapshot, caller).into(AuthorizationRequest.builder())
                .context(context).principalAccount(caller.account()).resourceAccount(request.resourceAccount())
                .principalIsRoot(caller instanceof Caller.Root).resourcePolicy(request.resourcePolicy())
                .resourcePolicyRequired(request.resourcePolicyRequired()).build();
        return new Evaluation(observations.policyEvaluation(() -> authorizer.decide(input)), input);
    }

    private AwsException denied(Caller caller, AccessRequest request, Evaluation evaluation) {
        Decision decision = evaluation.decision();
        String encoded = messages.encode(caller, request.action(), request.resource(),
                evaluation.input().context().keys(), decision);
        return AuthzErrors.notAuthorized(caller.arn(), request.action(), Optional.of(request.resource()),
                reason(request, evaluation), encoded, String.join("; ", decision.trace()));
    }

    private String reason(AccessRequest request, Evaluation evaluation) {
        Decision decision = evaluation.decision();
        if (decision.outcome() == Outcome.EXPLICIT_DENY) {
            return " with an explicit deny in " + denyingPolicyKind(decision.determining());
        }
        if (request.resourcePolicyRequired()) {
            return "";
        }
        AuthorizationRequest input = evaluation.input();
        RequestContext context = input.context();
        if (input.isCrossAccount() && !resourcePolicyAllows(input)) {
            // Another account's resource: only its resource-based policy could allow, whatever the caller's own say.
            return " because no resource-based policy allows the " + request.action() + " action";
        }
        if (!input.principalIsRoot() && evaluator.evaluate(input.identityPolicies(), context).effect()
                != SetEffect.ALLOW) {
            return " because no identity-based policy allows the " + request.action() + " action";
        }
        if (input.permissionsBoundary().isPresent()
                && evaluator.evaluate(List.of(input.permissionsBoundary().get()), context).effect() != SetEffect.ALLOW) {
            return " because no permissions boundary allows the " + request.action() + " action";
        }
        return switch (input.sessionPolicies()) {
            case SessionPolicies.None none -> "";
            case SessionPolicies.Passed passed ->
                    " because no session policy allows the " + request.action() + " action";
            case SessionPolicies.FederatedWithoutPolicy none ->
                    " because no session policy allows the " + request.action() + " action";
            case SessionPolicies.RootTask task -> "";
        };
    }

    private boolean resourcePolicyAllows(AuthorizationRequest input) {
        return input.resourcePolicy().map(policy -> evaluator.evaluateResourcePolicy(policy, input.context()).effect()
                == SetEffect.ALLOW).orElse(false);
    }

    private static String denyingPolicyKind(List<MatchedStatement> determining) {
        if (determining.isEmpty()) {
            return "an identity-based policy";
        }
        return switch (determining.getFirst().policy().source()) {
            case USER_INLINE, GROUP_INLINE, ROLE_INLINE, CUSTOMER_MANAGED, AWS_MANAGED -> "an identity-based policy";
            case PERMISSIONS_BOUNDARY -> "a permissions boundary";
            case SESSION_INLINE, SESSION_MANAGED -> "a session policy";
            case TRUST, RESOURCE -> "a resource-based policy";
        };
    }

    /**
     * AccessDenied for a refusal that no policy decided (the target does not exist, a session limit applies): AWS's
     * sentence, with the reason for the operator and in the encoded message.
     */
    public AwsException refuse(Caller caller, String action, String resource, String suffix, String reason) {
        return AuthzErrors.notAuthorized(caller.arn(), action,
                Optional.of(resource).filter(r -> !r.isEmpty()), suffix,
                messages.encodeFailure(caller, action, resource, reason), reason);
    }

    /**
     * The trust check of AssumeRoleWithWebIdentity and AssumeRoleWithSAML: no caller identity, only the role's trust
     * policy naming the identity provider, evaluated with the provider's claims as condition keys.
     */
    public Decision decideFederated(PrincipalIdentity principal, RequestEnvironment env,
            AccessRequest request, LabeledPolicy trust) {
        ContextKeys.Builder keys = ContextKeys.builder();
        RequestContextFactory.environmentKeys(env, keys);
        request.resourceAccount().ifPresent(a -> keys.put("aws:ResourceAccount", a.value()));
        keys.putAll(request.requestKeys());
        RequestContext context = new RequestContext(request.action(), request.resource(), Optional.of(principal),
                keys.build());
        AuthorizationRequest input = AuthorizationRequest.builder().context(context)
                .principalAccount(principal.account()).resourcePolicy(Optional.of(trust)).resourcePolicyRequired(true)
                .build();
        return observations.policyEvaluation(() -> authorizer.decide(input));
    }

    /**
     * An unsigned request (S3's anonymous access): no identity and no identity policies, so only a resource policy
     * statement naming everyone ({@code "*"}) can allow it, and any applicable Deny still refuses it. The resource's
     * owner is the only account involved, so the decision is made in its account.
     */
    public Decision decideAnonymous(RequestEnvironment env, AccessRequest request) {
        AccountId owner = request.resourceAccount().orElseThrow(() -> new IllegalArgumentException(
                "an anonymous request needs the resource's account"));
        ContextKeys.Builder keys = ContextKeys.builder();
        RequestContextFactory.environmentKeys(env, keys);
        keys.put("aws:ResourceAccount", owner.value());
        keys.putAll(request.requestKeys());
        RequestContext context = new RequestContext(request.action(), request.resource(), Optional.empty(),
                keys.build());
        return authorizer.decide(AuthorizationRequest.builder().context(context).principalAccount(owner)
                .resourcePolicy(request.resourcePolicy()).resourcePolicyRequired(true).build());
    }

    public List<LabeledPolicy> identityPolicies(IamSnapshot snapshot, Caller caller) {
        return gatherer.identityPolicies(snapshot, caller);
    }

    public AuthorizationMessages messages() {
        return messages;
    }

    /** Which condition keys each IAM and STS action carries: the table every operation populates its keys from. */
    public ServiceAuthorization serviceAuthorization() {
        return reference;
    }
}
