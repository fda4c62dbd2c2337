package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The named properties of the policy engine (DESIGN: P1-P6), on seeded random requests. */
class PolicyPropertiesTest {
    private static final int CASES = 300;
    private static final LabeledPolicy DENY_ALL = Policies.labeled(PolicySource.CUSTOMER_MANAGED, "DenyAll",
            Policies.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}"));
    private static final LabeledPolicy DENY_ALL_RESOURCE = Policies.labeled(PolicySource.RESOURCE, "DenyAll",
            Policies.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
                    + "\"Action\":\"*\",\"Resource\":\"*\"}}", PolicyKind.RESOURCE));

    private final Authorizer authorizer = new Authorizer();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 5);
    }

    private Outcome decide(AuthorizationRequest request) {
        return authorizer.decide(request).outcome();
    }

    @ParameterizedTest(name = "P1 explicit deny wins, seed {0}")
    @MethodSource("seeds")
    void p1ExplicitDenyWins(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            AuthorizationRequest request = generator.request();
            AuthorizationRequest denied = switch (i % 3) {
                case 0 -> with(request, append(request.identityPolicies(), DENY_ALL));
                case 1 -> AuthorizationRequest.builder().context(request.context())
                        .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                        .principalIsRoot(request.principalIsRoot()).identityPolicies(request.identityPolicies())
                        .permissionsBoundary(request.permissionsBoundary()).sessionPolicies(request.sessionPolicies())
                        .resourcePolicy(Optional.of(DENY_ALL_RESOURCE))
                        .resourcePolicyRequired(request.resourcePolicyRequired()).build();
                default -> AuthorizationRequest.builder().context(request.context())
                        .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                        .principalIsRoot(request.principalIsRoot()).identityPolicies(request.identityPolicies())
                        .permissionsBoundary(Optional.of(DENY_ALL)).sessionPolicies(request.sessionPolicies())
                        .resourcePolicy(request.resourcePolicy())
                        .resourcePolicyRequired(request.resourcePolicyRequired()).build();
            };
            Decision decision = authorizer.decide(denied);
            assertThat(decision.outcome()).as("%s", denied).isEqualTo(Outcome.EXPLICIT_DENY);
            assertThat(decision.determining()).extracting(MatchedStatement::effect).containsOnly(Effect.DENY);
        }
    }

    @ParameterizedTest(name = "P2 default deny, seed {0}")
    @MethodSource("seeds")
    void p2DefaultDeny(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            AuthorizationRequest request = generator.request();
            AuthorizationRequest bare = AuthorizationRequest.builder().context(request.context())
                    .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                    .resourcePolicyRequired(request.resourcePolicyRequired()).build();
            Decision decision = authorizer.decide(bare);
            assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
            assertThat(decision.determining()).isEmpty();
            AuthorizationRequest denyOnly = AuthorizationRequest.builder().context(request.context())
                    .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                    .identityPolicies(request.identityPolicies().stream() .map(PolicyPropertiesTest::denyOnly).toList())
                    .resourcePolicyRequired(request.resourcePolicyRequired()).build();
            assertThat(decide(denyOnly)).as("no Allow statement, no allow").isNotEqualTo(Outcome.ALLOWED);
        }
    }

    @ParameterizedTest(name = "P3 order and duplicates are irrelevant, seed {0}")
    @MethodSource("seeds")
    void p3OrderAndDuplicatesIrrelevant(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            AuthorizationRequest request = generator.request();
            List<LabeledPolicy> shuffled = new ArrayList<>(request.identityPolicies());
            shuffled.addAll(request.identityPolicies());
            Collections.shuffle(shuffled, new java.util.Random(seed * 31 + i));
            List<LabeledPolicy> reordered = shuffled.stream().map(PolicyPropertiesTest::reverseStatements).toList();
            AuthorizationRequest variant = AuthorizationRequest.builder().context(request.context())
                    .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                    .principalIsRoot(request.principalIsRoot()).identityPolicies(reordered)
                    .permissionsBoundary(request.permissionsBoundary().map(PolicyPropertiesTest::reverseStatements))
                    .sessionPolicies(request.sessionPolicies())
                    .resourcePolicy(request.resourcePolicy().map(PolicyPropertiesTest::reverseStatements))
                    .resourcePolicyRequired(request.resourcePolicyRequired()).build();
            assertThat(decide(variant)).as("%s", request).isEqualTo(decide(request));
        }
    }

    @ParameterizedTest(name = "P4 adding an Allow never turns Allow into Deny, seed {0}")
    @MethodSource("seeds")
    void p4AddingAllowKeepsAllow(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        int allowed = 0;
        for (int i = 0; i < CASES * 3; i++) {
            AuthorizationRequest request = generator.request();
            if (decide(request) != Outcome.ALLOWED) {
                continue;
            }
            allowed++;
            LabeledPolicy extra = allowOnly(generator.identityPolicy(PolicySource.USER_INLINE));
            assertThat(decide(with(request, append(request.identityPolicies(), extra)))).isEqualTo(Outcome.ALLOWED);
            AuthorizationRequest boundary = AuthorizationRequest.builder().context(request.context())
                    .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                    .principalIsRoot(request.principalIsRoot()).identityPolicies(request.identityPolicies())
                    .permissionsBoundary(request.permissionsBoundary().map(b -> merge(b, extra)))
                    .sessionPolicies(request.sessionPolicies()).resourcePolicy(request.resourcePolicy())
                    .resourcePolicyRequired(request.resourcePolicyRequired()).build();
            assertThat(decide(boundary)).isEqualTo(Outcome.ALLOWED);
        }
        assertThat(allowed).as("enough allowed requests to test").isGreaterThan(30);
    }

    @ParameterizedTest(name = "P5 adding a Deny never turns Deny into Allow, seed {0}")
    @MethodSource("seeds")
    void p5AddingDenyKeepsDeny(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            AuthorizationRequest request = generator.request();
            if (decide(request) == Outcome.ALLOWED) {
                continue;
            }
            LabeledPolicy extra = denyOnly(generator.identityPolicy(PolicySource.USER_INLINE));
            assertThat(decide(with(request, append(request.identityPolicies(), extra))))
                    .isNotEqualTo(Outcome.ALLOWED);
        }
    }

    @ParameterizedTest(name = "P6 boundaries and session policies only restrict, seed {0}")
    @MethodSource("seeds")
    void p6BoundariesAndSessionsOnlyRestrict(long seed) {
        RequestGenerator generator = new RequestGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            AuthorizationRequest request = generator.request();
            AuthorizationRequest uncapped = AuthorizationRequest.builder().context(request.context())
                    .principalAccount(request.principalAccount()).resourceAccount(request.resourceAccount())
                    .principalIsRoot(request.principalIsRoot()).identityPolicies(request.identityPolicies())
                    .resourcePolicy(request.resourcePolicy()).resourcePolicyRequired(request.resourcePolicyRequired())
                    .build();
            if (decide(request) == Outcome.ALLOWED) {
                assertThat(decide(uncapped)).as("%s", request).isEqualTo(Outcome.ALLOWED);
            }
        }
    }

    private static AuthorizationRequest with(AuthorizationRequest request, List<LabeledPolicy> identity) {
        return AuthorizationRequest.builder().context(request.context()).principalAccount(request.principalAccount())
                .resourceAccount(request.resourceAccount()).principalIsRoot(request.principalIsRoot())
                .identityPolicies(identity).permissionsBoundary(request.permissionsBoundary())
                .sessionPolicies(request.sessionPolicies()).resourcePolicy(request.resourcePolicy())
                .resourcePolicyRequired(request.resourcePolicyRequired()).build();
    }

    private static List<LabeledPolicy> append(List<LabeledPolicy> policies, LabeledPolicy extra) {
        List<LabeledPolicy> out = new ArrayList<>(policies);
        out.add(extra);
        return out;
    }

    private static LabeledPolicy reverseStatements(LabeledPolicy policy) {
        List<Statement> statements = new ArrayList<>(policy.document().statements());
        Collections.reverse(statements);
        PolicyDocument document = policy.document();
        return new LabeledPolicy(policy.ref(), new PolicyDocument(document.version(), document.id(), statements,
                document.source()));
    }

    private static LabeledPolicy allowOnly(LabeledPolicy policy) {
        return filtered(policy, Effect.ALLOW);
    }

    private static LabeledPolicy denyOnly(LabeledPolicy policy) {
        return filtered(policy, Effect.DENY);
    }

    private static LabeledPolicy filtered(LabeledPolicy policy, Effect effect) {
        PolicyDocument document = policy.document();
        List<Statement> kept = document.statements().stream().filter(s -> s.effect() == effect).toList();
        return new LabeledPolicy(policy.ref(), new PolicyDocument(document.version(), document.id(), kept,
                document.source()));
    }

    private static LabeledPolicy merge(LabeledPolicy policy, LabeledPolicy extra) {
        List<Statement> statements = new ArrayList<>(policy.document().statements());
        statements.addAll(extra.document().statements());
        PolicyDocument document = policy.document();
        return new LabeledPolicy(policy.ref(), new PolicyDocument(document.version(), document.id(), statements,
                document.source()));
    }
}
