package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.policy.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Production {@link PolicyEvaluator} against the obvious {@link ReferenceEvaluator} on seeded random policies and
 * contexts: 10 seeds x 300 identity cases and 10 seeds x 150 resource-policy cases.
 */
class DifferentialTest {
    private static final int IDENTITY_CASES_PER_SEED = 300;
    private static final int RESOURCE_CASES_PER_SEED = 150;
    private final PolicyEvaluator production = new PolicyEvaluator();
    private final ReferenceEvaluator reference = new ReferenceEvaluator();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void identityEvaluationAgrees(long seed) {
        PolicyGenerator generator = new PolicyGenerator(seed);
        int applicable = 0;
        for (int i = 0; i < IDENTITY_CASES_PER_SEED; i++) {
            List<LabeledPolicy> policies = new ArrayList<>();
            int count = 1 + generator.random().nextInt(3);
            for (int p = 0; p < count; p++) {
                policies.add(Policies.inline("p" + p, Policies.parse(generator.document(Optional.empty()))));
            }
            RequestContext context = generator.context();
            PolicySetResult actual = production.evaluate(policies, context);
            ReferenceEvaluator.Result expected = reference.evaluate(policies, context);
            String description = describe(policies, context);
            assertThat(actual.effect()).as(description).isEqualTo(expected.effect());
            assertThat(hits(actual.matched())).as(description).isEqualTo(new HashSet<>(expected.matched()));
            applicable += actual.effect() == SetEffect.NOT_APPLICABLE ? 0 : 1;
        }
        assertThat(applicable).as("generator reaches both outcomes").isBetween(IDENTITY_CASES_PER_SEED / 10,
                IDENTITY_CASES_PER_SEED * 9 / 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resourcePolicyEvaluationAgrees(long seed) {
        PolicyGenerator generator = new PolicyGenerator(1_000 + seed);
        for (int i = 0; i < RESOURCE_CASES_PER_SEED; i++) {
            LabeledPolicy policy = Policies.labeled(PolicySource.RESOURCE, "r",
                    Policies.parse(generator.document(Optional.of("principal")), PolicyKind.RESOURCE));
            RequestContext base = generator.context();
            RequestContext context = new RequestContext(base.action(), base.resource(), generator.caller(),
                    base.keys());
            ResourcePolicyResult actual = production.evaluateResourcePolicy(policy, context);
            ReferenceEvaluator.Result expected = reference.evaluateResourcePolicy(policy, context);
            String description = describe(List.of(policy), context);
            assertThat(actual.effect()).as(description).isEqualTo(expected.effect());
            assertThat(actual.strongestAllowMatch()).as(description).isEqualTo(expected.strongest());
            assertThat(hits(actual.matched())).as(description).isEqualTo(new HashSet<>(expected.matched()));
        }
    }

    private static Set<ReferenceEvaluator.Hit> hits(List<MatchedStatement> matched) {
        Set<ReferenceEvaluator.Hit> out = new HashSet<>();
        for (MatchedStatement statement : matched) {
            out.add(new ReferenceEvaluator.Hit(statement.policy().name(), statement.statementIndex()));
        }
        return out;
    }

    private static String describe(List<LabeledPolicy> policies, RequestContext context) {
        StringBuilder out = new StringBuilder();
        for (LabeledPolicy policy : policies) {
            out.append(policy.ref().name()).append(": ").append(policy.document().source()).append('\n');
        }
        return out.append(context).toString();
    }
}
