package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.GatheredPolicies;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.SimulationSubject;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.PrincipalMatch;
import dev.lanyard.policy.ResourcePolicyResult;
import java.util.LinkedHashMap;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.policy.ConditionClause;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.PolicyEvaluator;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.Outcome;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.RequestContext;
import dev.lanyard.policy.SessionPolicies;
import dev.lanyard.policy.SetEffect;
import dev.lanyard.policy.Statement;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The IAM policy simulator: the enforcement engine run on supplied or stored policies with a supplied context, and
 * the statements that decided, with their positions.
 */
final class PolicySimulatorOperations {
    private final IamContext ctx;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Authorizer authorizer = new Authorizer(evaluator);
    private final PolicyGatherer gatherer;

    PolicySimulatorOperations(IamContext ctx) {
        this.ctx = ctx;
        this.gatherer = new PolicyGatherer(ctx.awsManaged());
    }

    void register(Map<String, Operation> ops) {
        ops.put("SimulateCustomPolicy", this::simulateCustom);
        ops.put("SimulatePrincipalPolicy", this::simulatePrincipal);
        ops.put("GetContextKeysForCustomPolicy", this::contextKeysCustom);
        ops.put("GetContextKeysForPrincipalPolicy", this::contextKeysPrincipal);
    }

    private static List<LabeledPolicy> inputs(QueryParameters params, String listName, PolicySource source) {
        List<LabeledPolicy> policies = new ArrayList<>();
        List<String> documents = params.list(listName);
        for (int i = 0; i < documents.size(); i++) {
            StoredPolicy policy = StoredPolicy.parse(documents.get(i), PolicyKind.INLINE);
            policies.add(new LabeledPolicy(new PolicyRef(source, listName + "." + (i + 1)), policy.document()));
        }
        return policies;
    }

    private Optional<Struct> simulateCustom(OperationCall call) {
        ctx.authorize(call, "*");
        QueryParameters p = call.parameters();
        List<LabeledPolicy> policies = inputs(p, "PolicyInputList", PolicySource.USER_INLINE);
        if (policies.isEmpty()) {
            throw AwsErrors.missingParameter("PolicyInputList");
        }
        GatheredPolicies gathered = gatherer.gather(ctx.store().snapshot(),
                new SimulationSubject.Custom(policies, boundaryInput(p), new SessionPolicies.None()));
        AccountView view = ctx.view(call);
        Optional<PrincipalIdentity> caller = callerArn(call).map(arn -> simulatedUser(view, arn));
        return Optional.of(simulate(p, new Simulation(gathered, Set.copyOf(refs(policies)),
                resourcePolicy(p, caller), caller, call.requireCaller().account())));
    }

    private Optional<Struct> simulatePrincipal(OperationCall call) {
        QueryParameters p = call.parameters();
        String arn = Validators.length("policySourceArn", p.required("PolicySourceArn"), 20, 2048);
        ctx.authorize(call, arn);
        Caller requester = call.requireCaller();
        AccountView view = ctx.view(call);
        GatheredPolicies stored = gatherer.gather(ctx.store().snapshot(), subject(view, arn));
        List<LabeledPolicy> supplied = inputs(p, "PolicyInputList", PolicySource.USER_INLINE);
        GatheredPolicies gathered = withInputs(stored, supplied, boundaryInput(p));
        Optional<String> callerArn = callerArn(call).or(() -> Optional.of(arn).filter(a -> Arn.parse(a)
                .map(parsed -> parsed.resourceType().equals("user")).orElse(false)));
        Optional<PrincipalIdentity> caller = callerArn.map(a -> simulatedUser(view, a));
        return Optional.of(simulate(p, new Simulation(gathered, Set.copyOf(refs(supplied)),
                resourcePolicy(p, caller), caller, requester.account())));
    }

    /** A principal's policies with the request's documents added, its boundary replaced by a supplied one. */
    private static GatheredPolicies withInputs(GatheredPolicies stored, List<LabeledPolicy> supplied,
            Optional<LabeledPolicy> boundary) {
        List<LabeledPolicy> identity = new ArrayList<>(stored.identity());
        identity.addAll(supplied);
        return new GatheredPolicies(identity, boundary.or(stored::boundary), stored.session());
    }

    private static List<PolicyRef> refs(List<LabeledPolicy> policies) {
        return policies.stream().map(LabeledPolicy::ref).toList();
    }

    /** The API allows one boundary document at a time. */
    private static Optional<LabeledPolicy> boundaryInput(QueryParameters p) {
        List<LabeledPolicy> boundary = inputs(p, "PermissionsBoundaryPolicyInputList",
                PolicySource.PERMISSIONS_BOUNDARY);
        if (boundary.size() > 1) {
            throw IamErrors.invalidInput("PermissionsBoundaryPolicyInputList may contain only one policy.");
        }
        return boundary.stream().findFirst();
    }

    /** A resource policy needs a caller for its Principal element: CallerArn, or a user as PolicySourceArn. */
    private static Optional<LabeledPolicy> resourcePolicy(QueryParameters p, Optional<PrincipalIdentity> caller) {
        Optional<String> text = p.get("ResourcePolicy");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (caller.isEmpty()) {
            throw IamErrors.invalidInput("CallerArn is required when a ResourcePolicy is simulated and the policy "
                    + "source is not an IAM user.");
        }
        String document = Validators.policyText("resourcePolicy", text.get(), 131072);
        StoredPolicy policy = StoredPolicy.parse(document, PolicyKind.RESOURCE);
        return Optional.of(new LabeledPolicy(new PolicyRef(PolicySource.RESOURCE, "ResourcePolicy"),
                policy.document()));
    }

    /**
     * CallerArn names an IAM user of the requester's account (assumed roles, federated users and services cannot be
     * simulated callers); another account's user is refused alike whether or not it exists, and is never looked up.
     */
    private Optional<String> callerArn(OperationCall call) {
        return call.parameters().get("CallerArn").map(arn -> {
            Validators.length("callerArn", arn, 1, 2048);
            boolean user = Arn.parse(arn).filter(a -> a.service().equals("iam") && a.resourceType().equals("user"))
                    .isPresent();
            if (!user || !ctx.view(call).owns(arn)) {
                throw IamErrors.invalidInput("CallerArn must be the ARN of an IAM user of your account: " + arn);
            }
            return arn;
        });
    }

    /** The simulated caller; a user that exists carries its unique ID so stored trust policies can name it. */
    private PrincipalIdentity simulatedUser(AccountView view, String arn) {
        Optional<String> userId = view.principal(arn).map(u -> ((User) u).userId());
        return PrincipalIdentity.user(view.account(), arn, userId);
    }

    /** The account owning resources whose ARN names none (S3), and the resource policy's account. */
    private static Optional<AccountId> resourceOwner(QueryParameters p) {
        return p.get("ResourceOwner").map(owner -> {
            if (AccountId.isValid(owner)) {
                return AccountId.of(owner);
            }
            return Arn.parse(owner).flatMap(Arn::accountId).orElseThrow(() -> IamErrors.invalidInput(
                    "ResourceOwner must be an account ID: " + owner));
        });
    }

    /** The user, group or role PolicySourceArn names in the requester's account. */
    private static IamEntity requirePrincipal(AccountView view, String arn) {
        Arn parsed = Arn.parse(arn).orElseThrow(() -> IamErrors.invalidInput("Invalid ARN: " + arn));
        String name = parsed.resourceName();
        Optional<IamEntity> found = view.principal(arn);
        return switch (parsed.resourceType()) {
            case "user" -> found.orElseThrow(() -> IamErrors.noSuchUser(name));
            case "role" -> found.orElseThrow(() -> IamErrors.noSuchRole(name));
            case "group" -> found.orElseThrow(() -> IamErrors.noSuchGroup(name));
            default -> throw IamErrors.invalidInput("PolicySourceArn must name a user, group or role: " + arn);
        };
    }

    /** The stored user, group or role PolicySourceArn names: what is simulated, in place of a caller. */
    private static SimulationSubject subject(AccountView view, String arn) {
        return SimulationSubject.stored(requirePrincipal(view, arn));
    }

    /**
     * What one simulation call evaluates.
     *
     * @param policies the subject's policies, with any supplied in the request
     * @param inputs the policies supplied in the request (reported as type {@code IAM Policy})
     * @param callerAccount the account of the simulated caller, or of the requester when there is none
     */
    private record Simulation(GatheredPolicies policies, Set<PolicyRef> inputs,
            Optional<LabeledPolicy> resourcePolicy, Optional<PrincipalIdentity> caller, AccountId callerAccount) {
        AccountId principalAccount() {
            return caller.map(PrincipalIdentity::account).orElse(callerAccount);
        }
    }

    private Struct simulate(QueryParameters p, Simulation simulation) {
        List<String> actions = p.list("ActionNames");
        if (actions.isEmpty()) {
            throw AwsErrors.missingParameter("ActionNames");
        }
        List<String> resources = p.list("ResourceArns").isEmpty() ? List.of("*") : p.list("ResourceArns");
        Optional<AccountId> owner = resourceOwner(p);
        ContextKeys keys = contextEntries(p);
        List<Struct> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                results.add(result(simulation, action, resource, resourceAccount(resource, owner), keys));
            }
        }
        Struct.Builder out = Struct.builder();
        List<Integer> order = IntStream.range(0, results.size()).boxed().toList();
        Pagination.page(p, order, i -> String.format("%08d", i), "EvaluationResults", results::get, out);
        return out.build();
    }

    /** The account in the resource ARN, else ResourceOwner; empty means the caller's own account. */
    private static Optional<AccountId> resourceAccount(String resource, Optional<AccountId> owner) {
        return Arn.parse(resource).flatMap(Arn::accountId).or(() -> owner);
    }

    private Struct result(Simulation sim, String action, String resource, Optional<AccountId> resourceAccount,
            ContextKeys keys) {
        RequestContext context = new RequestContext(action, resource, sim.caller(), keys);
        AuthorizationRequest request = sim.policies().into(AuthorizationRequest.builder()).context(context)
                .principalAccount(sim.principalAccount()).resourceAccount(resourceAccount)
                .resourcePolicy(sim.resourcePolicy()).build();
        Decision decision = authorizer.decide(request);
        Value matched = new Value.ListOf(decision.determining().stream()
                .<Value>map(m -> statement(m, sim.inputs())).toList());
        List<String> missing = missing(context, sim);
        Struct.Builder b = Struct.builder()
                .put("EvalActionName", action)
                .put("EvalResourceName", resource)
                .put("EvalDecision", decision.outcome().simulatorName())
                .put("MatchedStatements", matched)
                .put("MissingContextValues", Value.ListOf.ofTexts(resource.equals("*") ? missing : List.of()));
        Optional<Struct> boundaryDetail = sim.policies().boundary().map(policy -> Struct.builder()
                .put("AllowedByPermissionsBoundary",
                        evaluator.evaluate(List.of(policy), context).effect() == SetEffect.ALLOW).build());
        boundaryDetail.ifPresent(d -> b.put("PermissionsBoundaryDecisionDetail", d));
        if (request.isCrossAccount()) {
            b.put("EvalDecisionDetails", crossAccountDetails(request, context));
        } else if (!resource.equals("*")) {
            b.put("EvalDecisionDetails", new Value.MapOf(Map.of()));
        }
        if (!resource.equals("*")) {
            Struct.Builder specific = Struct.builder()
                    .put("EvalResourceName", resource)
                    .put("EvalResourceDecision", decision.outcome().simulatorName())
                    .put("MatchedStatements", matched)
                    .put("MissingContextValues", Value.ListOf.ofTexts(missing));
            boundaryDetail.ifPresent(d -> specific.put("PermissionsBoundaryDecisionDetail", d));
            b.put("ResourceSpecificResults", new Value.ListOf(List.of(specific.build())));
        }
        return b.build();
    }

    /** Cross account both sides must allow; the details say what each side decided on its own. */
    private Value crossAccountDetails(AuthorizationRequest request, RequestContext context) {
        Map<String, Value> details = new LinkedHashMap<>();
        AuthorizationRequest identityOnly = AuthorizationRequest.builder().context(context)
                .principalAccount(request.principalAccount()).identityPolicies(request.identityPolicies())
                .permissionsBoundary(request.permissionsBoundary()).sessionPolicies(request.sessionPolicies()).build();
        details.put("IAM Policy", new Value.Text(authorizer.decide(identityOnly).outcome().simulatorName()));
        String resourceSide = request.resourcePolicy().map(policy -> {
            ResourcePolicyResult result = evaluator.evaluateResourcePolicy(policy, context);
            return switch (result.effect()) {
                case DENY -> Outcome.EXPLICIT_DENY;
                case ALLOW -> Outcome.ALLOWED;
                case NOT_APPLICABLE -> Outcome.IMPLICIT_DENY;
            };
        }).orElse(Outcome.IMPLICIT_DENY).simulatorName();
        details.put("Resource Policy", new Value.Text(resourceSide));
        return new Value.MapOf(details);
    }

    private static Struct statement(MatchedStatement s, Set<PolicyRef> inputs) {
        String type = inputs.contains(s.policy()) ? "IAM Policy" : switch (s.policy().source()) {
            case USER_INLINE -> "user";
            case GROUP_INLINE -> "group";
            case ROLE_INLINE -> "role";
            case AWS_MANAGED -> "aws-managed";
            case CUSTOMER_MANAGED -> "user-managed";
            case TRUST, RESOURCE -> "resource";
            case PERMISSIONS_BOUNDARY, SESSION_INLINE, SESSION_MANAGED -> "none";
        };
        return Struct.builder()
                .put("SourcePolicyId", s.policy().name())
                .put("SourcePolicyType", type)
                .put("StartPosition", Struct.builder().put("Line", s.start().line()).put("Column", s.start().column())
                        .build())
                .put("EndPosition", Struct.builder().put("Line", s.end().line()).put("Column", s.end().column())
                        .build())
                .build();
    }

    /**
     * Condition keys of statements whose action and resource match (and principal, in the resource policy), that
     * the caller did not supply.
     */
    private static List<String> missing(RequestContext context, Simulation sim) {
        List<LabeledPolicy> policies = new ArrayList<>(sim.policies().identity());
        sim.policies().boundary().ifPresent(policies::add);
        sim.resourcePolicy().ifPresent(policies::add);
        ContextKeys keys = context.keys();
        Set<String> result = new TreeSet<>();
        for (LabeledPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                boolean scoped = statement.action().matches(context.action())
                        && statement.resource().map(r -> r.matches(context.resource(), keys)).orElse(true)
                        && statement.principal().map(pr -> pr.match(context.principal()) != PrincipalMatch.NONE)
                                .orElse(true);
                if (scoped) {
                    for (ConditionClause clause : statement.conditions()) {
                        if (keys.values(clause.key()).isEmpty()) {
                            result.add(clause.key());
                        }
                    }
                }
            }
        }
        return List.copyOf(result);
    }

    private static ContextKeys contextEntries(QueryParameters p) {
        ContextKeys.Builder keys = ContextKeys.builder();
        for (Map<String, String> entry : p.structList("ContextEntries")) {
            String name = entry.get("ContextKeyName");
            String type = entry.getOrDefault("ContextKeyType", "string");
            List<String> values = new ArrayList<>();
            for (int i = 1; entry.containsKey("ContextKeyValues.member." + i); i++) {
                values.add(entry.get("ContextKeyValues.member." + i));
            }
            if (name == null) {
                throw AwsErrors.missingParameter("ContextKeyName");
            }
            if (type.endsWith("List")) {
                keys.putMulti(name, values);
            } else if (!values.isEmpty()) {
                keys.put(name, values.getFirst());
            }
        }
        return keys.build();
    }

    private Optional<Struct> contextKeysCustom(OperationCall call) {
        ctx.authorize(call, "*");
        List<LabeledPolicy> policies = inputs(call.parameters(), "PolicyInputList", PolicySource.USER_INLINE);
        return Optional.of(contextKeys(policies));
    }

    private Optional<Struct> contextKeysPrincipal(OperationCall call) {
        String arn = Validators.length("policySourceArn", call.parameters().required("PolicySourceArn"), 20, 2048);
        ctx.authorize(call, arn);
        GatheredPolicies stored = gatherer.gather(ctx.store().snapshot(), subject(ctx.view(call), arn));
        List<LabeledPolicy> policies = new ArrayList<>(stored.identity());
        policies.addAll(inputs(call.parameters(), "PolicyInputList", PolicySource.USER_INLINE));
        return Optional.of(contextKeys(policies));
    }

    private static Struct contextKeys(List<LabeledPolicy> policies) {
        Set<String> names = new LinkedHashSet<>();
        policies.forEach(p -> p.document().statements().forEach(s -> s.conditions()
                .forEach(c -> names.add(c.key()))));
        return Struct.builder().put("ContextKeyNames", Value.ListOf.ofTexts(List.copyOf(names))).build();
    }
}
