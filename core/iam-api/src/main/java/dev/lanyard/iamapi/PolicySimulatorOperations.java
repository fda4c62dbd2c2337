package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.policy.ConditionClause;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.PolicyEvaluator;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySetResult;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.RequestContext;
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

/**
 * The IAM policy simulator: the enforcement engine run on supplied or stored policies with a supplied context, and
 * the statements that decided, with their positions.
 */
final class PolicySimulatorOperations {
    private final IamContext ctx;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    PolicySimulatorOperations(IamContext ctx) {
        this.ctx = ctx;
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
            throw AwsException.missingParameter("PolicyInputList");
        }
        return Optional.of(simulate(p, policies, inputs(p, "PermissionsBoundaryPolicyInputList",
                PolicySource.PERMISSIONS_BOUNDARY)));
    }

    private Optional<Struct> simulatePrincipal(OperationCall call) {
        QueryParameters p = call.parameters();
        String arn = Validators.length("policySourceArn", p.required("PolicySourceArn"), 20, 2048);
        ctx.authorize(call, arn);
        List<LabeledPolicy> policies = new ArrayList<>(principalPolicies(call.requireCaller(), arn));
        policies.addAll(inputs(p, "PolicyInputList", PolicySource.USER_INLINE));
        List<LabeledPolicy> boundary = inputs(p, "PermissionsBoundaryPolicyInputList",
                PolicySource.PERMISSIONS_BOUNDARY);
        if (boundary.isEmpty()) {
            boundary = principalBoundary(call.requireCaller(), arn);
        }
        return Optional.of(simulate(p, policies, boundary));
    }

    private List<LabeledPolicy> principalPolicies(Caller caller, String arn) {
        IamSnapshot snapshot = ctx.store().snapshot();
        PolicyGatherer gatherer = new PolicyGatherer(ctx.awsManaged());
        Arn parsed = Arn.parse(arn).orElseThrow(() -> IamErrors.invalidInput("Invalid ARN: " + arn));
        String name = parsed.resourceName();
        return switch (parsed.resourceType()) {
            case "user" -> gatherer.identityPolicies(snapshot, new Caller.IamUser(
                    UserOperations.requireUser(snapshot, caller, name), caller.accessKeyId(), Optional.empty()));
            case "role" -> {
                var role = RoleOperations.requireRole(snapshot, caller, name);
                List<LabeledPolicy> result = new ArrayList<>();
                role.inlinePolicies().forEach(i -> result.add(new LabeledPolicy(
                        new PolicyRef(PolicySource.ROLE_INLINE, i.name()), i.policy().document())));
                role.attachedPolicyArns().forEach(a -> gatherer.managed(snapshot, a).ifPresent(m -> result.add(
                        new LabeledPolicy(new PolicyRef(m.awsManaged() ? PolicySource.AWS_MANAGED
                                : PolicySource.CUSTOMER_MANAGED, a), m.defaultVersion().policy().document()))));
                yield result;
            }
            case "group" -> {
                Group group = snapshot.group(caller.account(), name).orElseThrow(() -> IamErrors.noSuchGroup(name));
                List<LabeledPolicy> result = new ArrayList<>();
                group.inlinePolicies().forEach(i -> result.add(new LabeledPolicy(
                        new PolicyRef(PolicySource.GROUP_INLINE, i.name()), i.policy().document())));
                group.attachedPolicyArns().forEach(a -> gatherer.managed(snapshot, a).ifPresent(m -> result.add(
                        new LabeledPolicy(new PolicyRef(m.awsManaged() ? PolicySource.AWS_MANAGED
                                : PolicySource.CUSTOMER_MANAGED, a), m.defaultVersion().policy().document()))));
                yield result;
            }
            default -> throw IamErrors.invalidInput("PolicySourceArn must name a user, group or role: " + arn);
        };
    }

    private List<LabeledPolicy> principalBoundary(Caller caller, String arn) {
        IamSnapshot snapshot = ctx.store().snapshot();
        Arn parsed = Arn.parse(arn).orElseThrow();
        Optional<String> boundary = switch (parsed.resourceType()) {
            case "user" -> UserOperations.requireUser(snapshot, caller, parsed.resourceName()).permissionsBoundaryArn();
            case "role" -> RoleOperations.requireRole(snapshot, caller, parsed.resourceName()).permissionsBoundaryArn();
            default -> Optional.empty();
        };
        PolicyGatherer gatherer = new PolicyGatherer(ctx.awsManaged());
        return boundary.flatMap(b -> gatherer.managed(snapshot, b)).map(m -> List.of(new LabeledPolicy(
                new PolicyRef(PolicySource.PERMISSIONS_BOUNDARY, m.arn().toString()),
                m.defaultVersion().policy().document()))).orElse(List.of());
    }

    private Struct simulate(QueryParameters p, List<LabeledPolicy> policies, List<LabeledPolicy> boundary) {
        List<String> actions = p.list("ActionNames");
        if (actions.isEmpty()) {
            throw AwsException.missingParameter("ActionNames");
        }
        List<String> resources = p.list("ResourceArns").isEmpty() ? List.of("*") : p.list("ResourceArns");
        ContextKeys keys = contextEntries(p);
        List<Struct> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                results.add(result(action, resource, keys, policies, boundary));
            }
        }
        Struct.Builder out = Struct.builder();
        List<Integer> order = java.util.stream.IntStream.range(0, results.size()).boxed().toList();
        Pagination.page(p, order, i -> String.format("%08d", i), "EvaluationResults", results::get, out);
        return out.build();
    }

    private Struct result(String action, String resource, ContextKeys keys, List<LabeledPolicy> policies,
            List<LabeledPolicy> boundary) {
        RequestContext context = new RequestContext(action, resource, Optional.empty(), keys);
        PolicySetResult identity = evaluator.evaluate(policies, context);
        Optional<PolicySetResult> bounded = boundary.isEmpty() ? Optional.empty()
                : Optional.of(evaluator.evaluate(boundary, context));
        String decision;
        List<MatchedStatement> matched;
        if (identity.effect() == SetEffect.DENY || bounded.map(b -> b.effect() == SetEffect.DENY).orElse(false)) {
            decision = "explicitDeny";
            matched = new ArrayList<>(identity.effect() == SetEffect.DENY ? identity.matched() : List.of());
            bounded.filter(b -> b.effect() == SetEffect.DENY).ifPresent(b -> matched.addAll(b.matched()));
        } else if (identity.effect() == SetEffect.ALLOW
                && bounded.map(b -> b.effect() == SetEffect.ALLOW).orElse(true)) {
            decision = "allowed";
            matched = identity.matched();
        } else {
            decision = "implicitDeny";
            matched = List.of();
        }
        Struct.Builder b = Struct.builder()
                .put("EvalActionName", action)
                .put("EvalResourceName", resource)
                .put("EvalDecision", decision)
                .put("MatchedStatements", new Value.ListOf(matched.stream().<Value>map(this::statement).toList()))
                .put("MissingContextValues", Value.ListOf.ofTexts(missing(action, resource, keys, policies)));
        bounded.ifPresent(r -> b.put("PermissionsBoundaryDecisionDetail", Struct.builder()
                .put("AllowedByPermissionsBoundary", r.effect() == SetEffect.ALLOW).build()));
        return b.build();
    }

    private Struct statement(MatchedStatement s) {
        String type = switch (s.policy().source()) {
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

    /** Condition keys of statements whose action and resource match, that the caller did not supply. */
    private static List<String> missing(String action, String resource, ContextKeys keys,
            List<LabeledPolicy> policies) {
        Set<String> result = new TreeSet<>();
        for (LabeledPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                boolean scoped = statement.action().matches(action)
                        && statement.resource().map(r -> r.matches(resource, keys)).orElse(true);
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
                throw AwsException.missingParameter("ContextKeyName");
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
        List<LabeledPolicy> policies = new ArrayList<>(principalPolicies(call.requireCaller(), arn));
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
