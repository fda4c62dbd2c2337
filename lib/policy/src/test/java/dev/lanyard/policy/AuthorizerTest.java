package dev.lanyard.policy;

import static dev.lanyard.policy.Policies.ACCOUNT;
import static dev.lanyard.policy.Policies.OTHER_ACCOUNT;
import static dev.lanyard.policy.PrincipalMatchingTest.FEDERATED_ARN;
import static dev.lanyard.policy.PrincipalMatchingTest.FEDERATED_USER;
import static dev.lanyard.policy.PrincipalMatchingTest.ROLE_ARN;
import static dev.lanyard.policy.PrincipalMatchingTest.ROLE_SESSION;
import static dev.lanyard.policy.PrincipalMatchingTest.ROOT;
import static dev.lanyard.policy.PrincipalMatchingTest.SESSION_ARN;
import static dev.lanyard.policy.PrincipalMatchingTest.USER;
import static dev.lanyard.policy.PrincipalMatchingTest.USER_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** iam-policy.md §4.3-4.6, including every row of the §4.4 table, and the §6 revocation policy. */
class AuthorizerTest {
    private static final String ACTION = "s3:GetObject";
    private static final String RESOURCE = "arn:aws:s3:::bucket/key";
    private static final Authorizer AUTHORIZER = new Authorizer();

    static final LabeledPolicy ALLOW_GET = Policies.labeled(PolicySource.ROLE_INLINE, "Get",
            Policies.policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"));
    static final LabeledPolicy ALLOW_IAM_ONLY = Policies.labeled(PolicySource.PERMISSIONS_BOUNDARY, "IamOnly",
            Policies.policy("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}"));
    static final LabeledPolicy DENY_GET = Policies.labeled(PolicySource.CUSTOMER_MANAGED, "NoGet",
            Policies.policy("{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"));

    static LabeledPolicy resourcePolicy(String principalJson) {
        return resourcePolicy(principalJson, "");
    }

    static LabeledPolicy resourcePolicy(String principalJson, String condition) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":" + principalJson
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"" + condition + "}}";
        return Policies.labeled(PolicySource.RESOURCE, "bucket", Policies.parse(json, PolicyKind.RESOURCE));
    }

    static String aws(String value) {
        return "{\"AWS\":\"" + value + "\"}";
    }

    /** A builder-ish helper: everything defaults to "nothing". */
    record Call(PrincipalIdentity caller, List<LabeledPolicy> identity, Optional<LabeledPolicy> boundary,
                SessionPolicies session, Optional<LabeledPolicy> resource, Optional<AccountId> resourceAccount,
                boolean required, ContextKeys keys) {
        static Call of(PrincipalIdentity caller) {
            return new Call(caller, List.of(), Optional.empty(), new SessionPolicies.None(), Optional.empty(),
                    Optional.empty(), false, ContextKeys.empty());
        }

        Call identity(LabeledPolicy... policies) {
            return new Call(caller, List.of(policies), boundary, session, resource, resourceAccount, required, keys);
        }

        Call boundary(LabeledPolicy policy) {
            return new Call(caller, identity, Optional.of(policy), session, resource, resourceAccount, required, keys);
        }

        Call session(SessionPolicies policies) {
            return new Call(caller, identity, boundary, policies, resource, resourceAccount, required, keys);
        }

        Call resource(LabeledPolicy policy) {
            return new Call(caller, identity, boundary, session, Optional.of(policy), resourceAccount, required,
                    keys);
        }

        Call crossAccount() {
            return new Call(caller, identity, boundary, session, resource, Optional.of(OTHER_ACCOUNT), required,
                    keys);
        }

        Call trust() {
            return new Call(caller, identity, boundary, session, resource, resourceAccount, true, keys);
        }

        Call keys(ContextKeys context) {
            return new Call(caller, identity, boundary, session, resource, resourceAccount, required, context);
        }

        Decision decide(String action, String resourceArn) {
            RequestContext context = new RequestContext(action, resourceArn, Optional.of(caller), keys);
            return AUTHORIZER.decide(AuthorizationRequest.builder().context(context)
                    .principalAccount(caller.account()).resourceAccount(resourceAccount)
                    .principalIsRoot(caller.type() == dev.lanyard.aws.PrincipalType.ACCOUNT)
                    .identityPolicies(identity).permissionsBoundary(boundary).sessionPolicies(session)
                    .resourcePolicy(resource).resourcePolicyRequired(required).build());
        }

        Outcome outcome() {
            return decide(ACTION, RESOURCE).outcome();
        }
    }

    static SessionPolicies passed(LabeledPolicy... policies) {
        return new SessionPolicies.Passed(List.of(policies));
    }

    @Test
    void identityAllowWithinTheAccount() {
        assertThat(Call.of(USER).identity(ALLOW_GET).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(USER).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).identity(ALLOW_GET, DENY_GET).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    /** AssumeRoot's task policies are deny-only: their denies limit the root session, and they allow nothing. */
    @Test
    void aRootTaskPolicyOnlyDeniesWhatItNames() {
        LabeledPolicy audit = Policies.labeled(PolicySource.SESSION_MANAGED, "root-task/Audit", Policies.policy(
                "{\"Effect\":\"Deny\",\"NotAction\":[\"iam:ListAccessKeys\",\"iam:GetUser\"],\"Resource\":\"*\"}"));
        Call call = Call.of(ROOT).session(new SessionPolicies.RootTask(audit));
        String rootArn = Partition.AWS.root(ACCOUNT).toString();
        assertThat(call.decide("iam:ListAccessKeys", rootArn).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(call.decide("iam:CreateUser", rootArn).outcome())
                .isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(call.decide("iam:GetUser", rootArn).trace())
                .anyMatch(line -> line.startsWith("session: root task policy root-task/Audit"));
        // Not root: the task policy grants nothing by itself.
        assertThat(Call.of(USER).session(new SessionPolicies.RootTask(audit)).decide("iam:GetUser", USER_ARN)
                .outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void row1UserArnGrantToTheUserIsNotCapped() {
        Call call = Call.of(USER).boundary(ALLOW_IAM_ONLY).resource(resourcePolicy(aws(USER_ARN)));
        assertThat(call.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void row2UserArnGrantToItsFederatedSessionIsCappedByBoundaryAndSession() {
        LabeledPolicy names = resourcePolicy(aws(USER_ARN));
        Call call = Call.of(FEDERATED_USER).resource(names);
        assertThat(call.session(passed(ALLOW_GET)).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(call.session(passed(ALLOW_IAM_ONLY)).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(call.session(passed(ALLOW_GET)).boundary(ALLOW_IAM_ONLY).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(call.session(new SessionPolicies.FederatedWithoutPolicy()).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void row3FederatedUserArnGrantIsNotCapped() {
        Call call = Call.of(FEDERATED_USER).resource(resourcePolicy(aws(FEDERATED_ARN)))
                .session(new SessionPolicies.FederatedWithoutPolicy()).boundary(ALLOW_IAM_ONLY);
        assertThat(call.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void row4RoleArnGrantSkipsIdentityButIsCapped() {
        Call call = Call.of(ROLE_SESSION).resource(resourcePolicy(aws(ROLE_ARN)));
        assertThat(call.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(call.boundary(ALLOW_IAM_ONLY).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(call.session(passed(ALLOW_IAM_ONLY)).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(call.session(passed(ALLOW_GET)).boundary(ALLOW_GET).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void row5RoleSessionArnGrantIsNotCapped() {
        // Docs; iam-simulate and floci disagree (§4.5): a top [VERIFY] item.
        Call call = Call.of(ROLE_SESSION).resource(resourcePolicy(aws(SESSION_ARN)))
                .boundary(ALLOW_IAM_ONLY).session(passed(ALLOW_IAM_ONLY));
        assertThat(call.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void row6WildcardNarrowedByPrincipalArnIsNotCappedButExplicitDenyWins() {
        LabeledPolicy star = resourcePolicy("\"*\"",
                ",\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":\"" + ROLE_ARN + "\"}}");
        Call call = Call.of(ROLE_SESSION).resource(star).boundary(ALLOW_IAM_ONLY).session(passed(ALLOW_IAM_ONLY))
                .keys(Policies.keys("aws:PrincipalArn", ROLE_ARN));
        assertThat(call.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(call.identity(DENY_GET).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(call.keys(Policies.keys("aws:PrincipalArn", "arn:aws:iam::111122223333:role/other")).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void row7AccountGrantNeedsTheIdentitySide() {
        for (String account : List.of("111122223333", "arn:aws:iam::111122223333:root")) {
            Call call = Call.of(ROLE_SESSION).resource(resourcePolicy(aws(account)));
            assertThat(call.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
            assertThat(call.identity(ALLOW_GET).outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(call.identity(ALLOW_GET).boundary(ALLOW_IAM_ONLY).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
            assertThat(call.identity(ALLOW_GET).session(passed(ALLOW_IAM_ONLY)).outcome())
                    .isEqualTo(Outcome.IMPLICIT_DENY);
        }
    }

    @Test
    void crossAccountNeedsBothSides() {
        Call direct = Call.of(USER).resource(resourcePolicy(aws(USER_ARN))).crossAccount();
        assertThat(direct.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(direct.identity(ALLOW_GET).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(USER).identity(ALLOW_GET).crossAccount().outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).identity(ALLOW_GET).resource(resourcePolicy(aws("111122223333"))).crossAccount()
                .outcome()).isEqualTo(Outcome.ALLOWED);
        Call session = Call.of(ROLE_SESSION).identity(ALLOW_GET).resource(resourcePolicy(aws(SESSION_ARN)))
                .crossAccount();
        assertThat(session.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(session.session(passed(ALLOW_IAM_ONLY)).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).identity(ALLOW_GET).resource(resourcePolicy(aws("444455556666"))).crossAccount()
                .outcome()).as("names another account").isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void rootHasImplicitIdentityAccessButCrossAccountNeedsAGrant() {
        assertThat(Call.of(ROOT).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(ROOT).identity(DENY_GET).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(Call.of(ROOT).resource(resourcePolicy(aws("111122223333"))).crossAccount().outcome())
                .as("the other account's resource policy trusts the root's account").isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(ROOT).resource(resourcePolicy(aws("999999999999"))).crossAccount().outcome())
                .as("no grant to the root's account").isEqualTo(Outcome.IMPLICIT_DENY);
        Decision decision = Call.of(ROOT).decide(ACTION, RESOURCE);
        assertThat(decision.trace().getFirst()).contains("root user: implicit allow");
    }

    @Test
    void federatedSessionWithoutPolicyHasNoPermissions() {
        assertThat(Call.of(FEDERATED_USER).identity(ALLOW_GET).session(new SessionPolicies.FederatedWithoutPolicy())
                .outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(FEDERATED_USER).identity(ALLOW_GET).session(passed(ALLOW_GET)).outcome())
                .isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void trustPoliciesMustAllowThemselves() {
        LabeledPolicy trustUser = trust("{\"AWS\":\"" + USER_ARN + "\"}");
        LabeledPolicy trustAccount = trust("{\"AWS\":\"111122223333\"}");
        LabeledPolicy allowAssume = Policies.labeled(PolicySource.USER_INLINE, "Assume", Policies.policy(
                "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"));
        String roleArn = "arn:aws:iam::111122223333:role/Target";
        assertThat(Call.of(USER).resource(trustUser).trust().decide("sts:AssumeRole", roleArn).outcome())
                .isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(USER).resource(trustAccount).trust().decide("sts:AssumeRole", roleArn).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).identity(allowAssume).resource(trustAccount).trust()
                .decide("sts:AssumeRole", roleArn).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(Call.of(USER).identity(allowAssume).resource(trust("{\"AWS\":\"444455556666\"}")).trust()
                .decide("sts:AssumeRole", roleArn).outcome()).as("identity alone never suffices")
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).identity(allowAssume).trust().decide("sts:AssumeRole", roleArn).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(Call.of(USER).resource(trustUser).trust().crossAccount().decide("sts:AssumeRole", roleArn)
                .outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        PrincipalIdentity web = PrincipalIdentity.webIdentity(ACCOUNT, "accounts.google.com");
        LabeledPolicy trustGoogle = trust("{\"Federated\":\"accounts.google.com\"}", "sts:AssumeRoleWithWebIdentity");
        assertThat(Call.of(web).resource(trustGoogle).trust().decide("sts:AssumeRoleWithWebIdentity", roleArn)
                .outcome()).isEqualTo(Outcome.ALLOWED);
    }

    static LabeledPolicy trust(String principal) {
        return trust(principal, "sts:AssumeRole");
    }

    static LabeledPolicy trust(String principal, String action) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"" + action + "\"}]}";
        return Policies.labeled(PolicySource.TRUST, "Target", Policies.parse(json, PolicyKind.TRUST));
    }

    @Test
    void revokeOlderSessionsPolicy() {
        LabeledPolicy revoke = Policies.labeled(PolicySource.ROLE_INLINE, "AWSRevokeOlderSessions", Policies.parse("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Deny",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {"DateLessThan": {"aws:TokenIssueTime": "2014-05-07T23:47:00Z"}}
                  }
                }"""));
        Call before = Call.of(ROLE_SESSION).identity(ALLOW_GET, revoke)
                .keys(Policies.keys("aws:TokenIssueTime", "2014-05-07T23:46:59.999Z"));
        Call after = Call.of(ROLE_SESSION).identity(ALLOW_GET, revoke)
                .keys(Policies.keys("aws:TokenIssueTime", "2014-05-07T23:47:00.001Z"));
        assertThat(before.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(after.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(before.resource(resourcePolicy(aws(SESSION_ARN))).outcome()).as("overrides resource grants")
                .isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(before.resource(resourcePolicy("\"*\"")).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(Call.of(USER).identity(ALLOW_GET, revoke).outcome()).as("long-term keys carry no issue time")
                .isEqualTo(Outcome.ALLOWED);
        Decision denied = before.decide(ACTION, RESOURCE);
        assertThat(denied.determining()).extracting(MatchedStatement::label)
                .containsExactly("role-inline AWSRevokeOlderSessions#0");
        assertThat(denied.determining().getFirst().start()).isEqualTo(new SourcePosition(3, 16));
    }

    @Test
    void determiningStatementsAndTrace() {
        LabeledPolicy boundary = Policies.labeled(PolicySource.PERMISSIONS_BOUNDARY, "Cap", ALLOW_GET.document());
        Decision allowed = Call.of(ROLE_SESSION).identity(ALLOW_GET).boundary(boundary).decide(ACTION, RESOURCE);
        assertThat(allowed.determining()).extracting(MatchedStatement::label)
                .containsExactly("role-inline Get#0", "permissions-boundary Cap#0");
        assertThat(allowed.trace()).containsExactly(
                "identity: ALLOW by role-inline Get#0",
                "boundary: ALLOW by permissions-boundary Cap#0",
                "session: none",
                "resource: none",
                "decision: ALLOWED (identity policies allow within the account)");
        Decision implicit = Call.of(ROLE_SESSION).identity(ALLOW_GET).boundary(ALLOW_IAM_ONLY)
                .decide(ACTION, RESOURCE);
        assertThat(implicit.determining()).isEmpty();
        assertThat(implicit.trace()).contains("boundary: NOT_APPLICABLE", "decision: IMPLICIT_DENY");
        Decision explicit = Call.of(ROLE_SESSION).identity(ALLOW_GET, DENY_GET).decide(ACTION, RESOURCE);
        assertThat(explicit.determining()).extracting(MatchedStatement::label)
                .containsExactly("customer-managed NoGet#0");
        assertThat(explicit.trace().getFirst()).isEqualTo("identity: DENY by customer-managed NoGet#0");
        Decision direct = Call.of(ROLE_SESSION).resource(resourcePolicy(aws(SESSION_ARN))).decide(ACTION, RESOURCE);
        assertThat(direct.determining()).extracting(MatchedStatement::label).containsExactly("resource bucket#0");
        assertThat(direct.trace()).contains("resource: ALLOW (DIRECT) by resource bucket#0");
    }
}
