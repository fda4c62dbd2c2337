package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates policy sets (iam-policy.md §4.2): DENY if any applicable statement denies, else ALLOW if any allows, else
 * NOT_APPLICABLE. Statement and policy order are irrelevant. Stateless and thread-safe.
 */
public final class PolicyEvaluator {
    /** Identity-style evaluation: Principal elements are not consulted (identity/boundary/session policies). */
    public PolicySetResult evaluate(List<LabeledPolicy> policies, RequestContext context) {
        requireNonNull(policies, "policies is null");
        requireNonNull(context, "context is null");
        List<MatchedStatement> allows = null;
        List<MatchedStatement> denies = null;
        for (LabeledPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                if (!statement.appliesTo(context)) {
                    continue;
                }
                MatchedStatement matched = MatchedStatement.of(policy.ref(), statement);
                switch (statement.effect()) {
                    case ALLOW -> allows = add(allows, matched);
                    case DENY -> denies = add(denies, matched);
                }
            }
        }
        if (denies != null) {
            return new PolicySetResult(SetEffect.DENY, denies);
        }
        return allows != null ? new PolicySetResult(SetEffect.ALLOW, allows) : PolicySetResult.notApplicable();
    }

    /**
     * Resource/trust policy: Principal/NotPrincipal are matched against {@code context.principal()} (empty means
     * anonymous); a statement without either never applies (iam-simulate {@code noPrincipalElement}).
     */
    public ResourcePolicyResult evaluateResourcePolicy(LabeledPolicy policy, RequestContext context) {
        requireNonNull(policy, "policy is null");
        requireNonNull(context, "context is null");
        List<MatchedStatement> allows = null;
        List<MatchedStatement> denies = null;
        PrincipalMatch strongest = PrincipalMatch.NONE;
        for (Statement statement : policy.document().statements()) {
            PrincipalMatch match = statement.principal()
                    .map(principal -> principal.match(context.principal()))
                    .orElse(PrincipalMatch.NONE);
            if (match == PrincipalMatch.NONE || !statement.appliesTo(context)) {
                continue;
            }
            MatchedStatement matched = MatchedStatement.of(policy.ref(), statement);
            switch (statement.effect()) {
                case ALLOW -> {
                    allows = add(allows, matched);
                    strongest = strongest.strongest(match);
                }
                case DENY -> denies = add(denies, matched);
            }
        }
        if (denies != null) {
            return new ResourcePolicyResult(SetEffect.DENY, strongest, denies);
        }
        return allows != null ? new ResourcePolicyResult(SetEffect.ALLOW, strongest, allows)
                : new ResourcePolicyResult(SetEffect.NOT_APPLICABLE, PrincipalMatch.NONE, List.of());
    }

    private static List<MatchedStatement> add(List<MatchedStatement> list, MatchedStatement statement) {
        List<MatchedStatement> target = list == null ? new ArrayList<>(2) : list;
        target.add(statement);
        return target;
    }
}
