package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.policy.reference.ReferenceEvaluator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the decision corpus ({@link PolicyCorpus}): every case through the production {@link Authorizer}, checking
 * the outcome and, where the case pins them, the determining statements; and every policy layer of the case through
 * the test-source {@link ReferenceEvaluator}, which must agree with {@link PolicyEvaluator} layer by layer.
 */
class PolicyCorpusTest {
    private static final int MINIMUM_CASES = 300;
    private final Authorizer authorizer = new Authorizer();
    private final PolicyEvaluator production = new PolicyEvaluator();
    private final ReferenceEvaluator reference = new ReferenceEvaluator();

    @TestFactory
    Stream<DynamicNode> corpus() {
        return PolicyCorpus.files().stream().map(this::fileContainer);
    }

    private DynamicContainer fileContainer(Path file) {
        List<PolicyCorpus.Case> cases = PolicyCorpus.read(file);
        return DynamicContainer.dynamicContainer(file.getFileName().toString(),
                cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c))));
    }

    private void run(PolicyCorpus.Case corpusCase) {
        Decision decision = authorizer.decide(corpusCase.request());
        String description = corpusCase + "\nsource: " + corpusCase.source() + "\ntrace: " + decision.trace();
        assertThat(decision.outcome()).as(description).isEqualTo(corpusCase.expected());
        Set<String> determining = labels(decision.determining());
        if (corpusCase.expected() == Outcome.IMPLICIT_DENY) {
            assertThat(determining).as(description).isEmpty();
        }
        corpusCase.deciding().ifPresent(expected -> assertThat(determining).as(description).isEqualTo(expected));
        if (corpusCase.referenceSkip().isEmpty()) {
            assertReferenceAgrees(corpusCase.request(), description);
        }
    }

    /** Identity, boundary, session and resource layers, each evaluated by both evaluators. */
    private void assertReferenceAgrees(AuthorizationRequest request, String description) {
        RequestContext context = request.context();
        assertSameSet("identity", production.evaluate(request.identityPolicies(), context),
                reference.evaluate(request.identityPolicies(), context), description);
        request.permissionsBoundary().ifPresent(boundary -> assertSameSet("boundary",
                production.evaluate(List.of(boundary), context), reference.evaluate(List.of(boundary), context),
                description));
        if (request.sessionPolicies() instanceof SessionPolicies.Passed passed) {
            assertSameSet("session", production.evaluate(passed.policies(), context),
                    reference.evaluate(passed.policies(), context), description);
        }
        request.resourcePolicy().ifPresent(policy -> {
            ResourcePolicyResult actual = production.evaluateResourcePolicy(policy, context);
            ReferenceEvaluator.Result expected = reference.evaluateResourcePolicy(policy, context);
            String layer = "resource layer vs reference: " + description;
            assertThat(actual.effect()).as(layer).isEqualTo(expected.effect());
            assertThat(actual.strongestAllowMatch()).as(layer).isEqualTo(expected.strongest());
            assertThat(hits(actual.matched())).as(layer).isEqualTo(new HashSet<>(expected.matched()));
        });
    }

    private static void assertSameSet(String layer, PolicySetResult actual, ReferenceEvaluator.Result expected,
                                      String description) {
        String as = layer + " layer vs reference: " + description;
        assertThat(actual.effect()).as(as).isEqualTo(expected.effect());
        assertThat(hits(actual.matched())).as(as).isEqualTo(new HashSet<>(expected.matched()));
    }

    private static Set<ReferenceEvaluator.Hit> hits(List<MatchedStatement> matched) {
        Set<ReferenceEvaluator.Hit> out = new HashSet<>();
        for (MatchedStatement statement : matched) {
            out.add(new ReferenceEvaluator.Hit(statement.policy().name(), statement.statementIndex()));
        }
        return out;
    }

    private static Set<String> labels(List<MatchedStatement> matched) {
        Set<String> out = new LinkedHashSet<>();
        for (MatchedStatement statement : matched) {
            out.add(PolicyCorpus.label(statement));
        }
        return out;
    }

    @Test
    void corpusIsLargeUniquelyNamedAndSourced() {
        List<PolicyCorpus.Case> all = PolicyCorpus.files().stream().flatMap(f -> PolicyCorpus.read(f).stream())
                .toList();
        assertThat(all.size()).as("corpus cases").isGreaterThanOrEqualTo(MINIMUM_CASES);
        Set<String> names = new HashSet<>();
        for (PolicyCorpus.Case corpusCase : all) {
            assertThat(corpusCase.source()).as(corpusCase + ": source").isNotBlank();
            assertThat(names.add(corpusCase.name())).as(corpusCase + ": name is unique").isTrue();
            corpusCase.referenceSkip().ifPresent(reason -> assertThat(reason).as(corpusCase + ": skip reason")
                    .isNotBlank());
        }
    }

    @Test
    void decidingStatementsNameOnlyPoliciesOfTheCase() {
        for (Path file : PolicyCorpus.files()) {
            for (PolicyCorpus.Case corpusCase : PolicyCorpus.read(file)) {
                Set<String> policies = policyNames(corpusCase.request());
                for (String label : corpusCase.deciding().orElse(Set.of())) {
                    String policy = label.substring(0, Math.max(0, label.indexOf('#')));
                    assertThat(policies).as(corpusCase + ": " + label).contains(policy);
                }
            }
        }
    }

    private static Set<String> policyNames(AuthorizationRequest request) {
        Set<String> names = new HashSet<>();
        request.identityPolicies().forEach(p -> names.add(p.ref().name()));
        request.permissionsBoundary().ifPresent(p -> names.add(p.ref().name()));
        request.resourcePolicy().ifPresent(p -> names.add(p.ref().name()));
        if (request.sessionPolicies() instanceof SessionPolicies.Passed passed) {
            passed.policies().forEach(p -> names.add(p.ref().name()));
        }
        return names;
    }
}
