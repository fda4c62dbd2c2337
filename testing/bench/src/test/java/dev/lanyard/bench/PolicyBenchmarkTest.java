package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.Effect;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.Outcome;
import org.junit.jupiter.api.Test;

class PolicyBenchmarkTest {
    private static PolicyBenchmark benchmark() {
        PolicyBenchmark benchmark = new PolicyBenchmark();
        benchmark.setUp();
        return benchmark;
    }

    @Test
    void typicalIsAllowedByTheConditionalInlineStatement() {
        Decision decision = benchmark().typical();

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(decision.determining()).singleElement().satisfies(matched -> {
            assertThat(matched.sid()).hasValue("ReadWriteReports");
            assertThat(matched.effect()).isEqualTo(Effect.ALLOW);
        });
    }

    @Test
    void typicalHasThreePoliciesTenStatementsAndOneCondition() {
        var policies = PolicyFixtures.typical();

        assertThat(policies).hasSize(3);
        assertThat(policies.stream().mapToInt(p -> p.document().statements().size()).sum()).isEqualTo(10);
        assertThat(policies.stream().flatMap(p -> p.document().source().lines())
                .filter(line -> line.contains("\"Condition\"")).count()).isEqualTo(1);
    }

    /** Only the last statement of the last policy allows: every other statement is evaluated and fails to apply. */
    @Test
    void worstCaseIsAllowedOnlyByTheLastStatementOfTheLastPolicy() {
        Decision decision = benchmark().worstCase();

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
        MatchedStatement matched = decision.determining().getFirst();
        assertThat(decision.determining()).hasSize(1);
        assertThat(matched.policy().name()).endsWith("policy/worst-" + (PolicyFixtures.WORST_POLICIES - 1));
        assertThat(matched.statementIndex()).isEqualTo(PolicyFixtures.WORST_STATEMENTS_PER_POLICY - 1);
    }

    @Test
    void worstCaseHasTenPoliciesOfTenStatements() {
        var policies = PolicyFixtures.worstCase();

        assertThat(policies).hasSize(PolicyFixtures.WORST_POLICIES);
        for (LabeledPolicy policy : policies) {
            assertThat(policy.document().statements()).hasSize(PolicyFixtures.WORST_STATEMENTS_PER_POLICY);
            assertThat(policy.document().source()).contains("ForAnyValue:StringLike", "${aws:username}",
                    "${aws:PrincipalTag/team}", "IpAddress", "DateGreaterThan", "NotAction", "NotResource");
        }
    }

    /** With the team tag changed, no statement allows: the worst case's conditions really are evaluated. */
    @Test
    void worstCaseDeniesImplicitlyWithoutTheMatchingTeamTag() {
        var request = PolicyFixtures.worstCaseRequest();
        var keys = dev.lanyard.policy.ContextKeys.builder().putAll(request.context().keys())
                .put("aws:PrincipalTag/team", "marketing").build();
        var context = new dev.lanyard.policy.RequestContext(request.context().action(), request.context().resource(),
                request.context().principal(), keys);
        var changed = new dev.lanyard.policy.AuthorizationRequest(context, request.principalAccount(),
                request.resourceAccount(), false, request.identityPolicies(), request.permissionsBoundary(),
                request.sessionPolicies(), request.resourcePolicy(), false);

        assertThat(new Authorizer().decide(changed).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }
}
