package dev.lanyard.policy;

import static dev.lanyard.policy.Policies.ACCOUNT;
import static dev.lanyard.policy.Policies.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** iam-policy.md §2.3. */
class PrincipalMatchingTest {
    static final String USER_ARN = "arn:aws:iam::111122223333:user/path/Alice";
    static final String USER_ID = "AIDAAAAAAAAAAAAAAAAAA";
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/path/Deploy";
    static final String ROLE_ID = "AROAAAAAAAAAAAAAAAAAA";
    static final String SESSION_ARN = "arn:aws:sts::111122223333:assumed-role/Deploy/ci";
    static final String FEDERATED_ARN = "arn:aws:sts::111122223333:federated-user/Bob";

    static final PrincipalIdentity USER = PrincipalIdentity.user(ACCOUNT, USER_ARN, USER_ID);
    static final PrincipalIdentity ROLE_SESSION = PrincipalIdentity.roleSession(ACCOUNT, ROLE_ARN, ROLE_ID,
            SESSION_ARN);
    static final PrincipalIdentity FEDERATED_USER = PrincipalIdentity.federatedUser(ACCOUNT, FEDERATED_ARN,
            USER_ARN);
    static final PrincipalIdentity ROOT = PrincipalIdentity.root(ACCOUNT);

    private static PrincipalMatch match(PrincipalIdentity caller, PrincipalKind kind, String value) {
        PrincipalElement element = PrincipalElement.principal(List.of(new PrincipalEntry(kind, value)));
        return element.match(Optional.ofNullable(caller));
    }

    private static PrincipalMatch aws(PrincipalIdentity caller, String value) {
        return match(caller, PrincipalKind.AWS, value);
    }

    @Test
    void everyoneIncludingAnonymous() {
        assertThat(aws(USER, "*")).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(aws(null, "*")).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(aws(null, "111122223333")).isEqualTo(PrincipalMatch.NONE);
    }

    @Test
    void accountIdEqualsRootArnAndCoversEveryPrincipalOfTheAccount() {
        for (PrincipalIdentity caller : List.of(USER, ROLE_SESSION, FEDERATED_USER, ROOT)) {
            assertThat(aws(caller, "111122223333")).isEqualTo(PrincipalMatch.ACCOUNT);
            assertThat(aws(caller, "arn:aws:iam::111122223333:root")).isEqualTo(PrincipalMatch.ACCOUNT);
            assertThat(aws(caller, "444455556666")).isEqualTo(PrincipalMatch.NONE);
            assertThat(aws(caller, "arn:aws:iam::444455556666:root")).isEqualTo(PrincipalMatch.NONE);
        }
        PrincipalIdentity foreign = PrincipalIdentity.user(OTHER_ACCOUNT, "arn:aws:iam::444455556666:user/X",
                "AIDABBBBBBBBBBBBBBBBB");
        assertThat(aws(foreign, "111122223333")).isEqualTo(PrincipalMatch.NONE);
    }

    /** The same account number in another partition is another account: only the caller's own partition names it. */
    @Test
    void rootArnNamesTheAccountOnlyInTheCallersPartition() {
        for (PrincipalIdentity caller : List.of(USER, ROLE_SESSION, FEDERATED_USER, ROOT)) {
            assertThat(aws(caller, "arn:aws-cn:iam::111122223333:root")).isEqualTo(PrincipalMatch.NONE);
            assertThat(aws(caller, "arn:lanyard:iam::111122223333:root")).isEqualTo(PrincipalMatch.NONE);
            assertThat(aws(caller, "arn:aw:iam::111122223333:root")).isEqualTo(PrincipalMatch.NONE);
            assertThat(aws(caller, "arn:awss:iam::111122223333:root")).isEqualTo(PrincipalMatch.NONE);
        }
        PrincipalIdentity lanyardUser = PrincipalIdentity.user(ACCOUNT, "arn:lanyard:iam::111122223333:user/path/Alice",
                USER_ID);
        PrincipalIdentity lanyardSession = PrincipalIdentity.roleSession(ACCOUNT,
                "arn:lanyard:iam::111122223333:role/path/Deploy", ROLE_ID,
                "arn:lanyard:sts::111122223333:assumed-role/Deploy/ci");
        for (PrincipalIdentity caller : List.of(lanyardUser, lanyardSession)) {
            assertThat(aws(caller, "111122223333")).isEqualTo(PrincipalMatch.ACCOUNT);
            assertThat(aws(caller, "arn:lanyard:iam::111122223333:root")).isEqualTo(PrincipalMatch.ACCOUNT);
            assertThat(aws(caller, "arn:aws:iam::111122223333:root")).isEqualTo(PrincipalMatch.NONE);
        }
        assertThat(aws(lanyardUser, USER_ARN)).as("the user's ARN in another partition").isEqualTo(PrincipalMatch.NONE);
        assertThat(aws(lanyardSession, SESSION_ARN)).isEqualTo(PrincipalMatch.NONE);
        PrincipalElement notOtherPartition = PrincipalElement.notPrincipal(List.of(
                new PrincipalEntry(PrincipalKind.AWS, "arn:aws:iam::111122223333:root"),
                new PrincipalEntry(PrincipalKind.AWS, "arn:lanyard:iam::111122223333:user/path/Alice")));
        assertThat(notOtherPartition.match(Optional.of(lanyardUser))).as("NotPrincipal lists it only in its partition")
                .isEqualTo(PrincipalMatch.DIRECT);
    }

    @Test
    void userArnNamesTheUserDirectlyAndItsFederatedSessionsAsParent() {
        assertThat(aws(USER, USER_ARN)).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(aws(USER, USER_ID)).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(aws(FEDERATED_USER, USER_ARN)).isEqualTo(PrincipalMatch.PARENT);
        assertThat(aws(USER, "arn:aws:iam::111122223333:user/path/alice")).isEqualTo(PrincipalMatch.NONE);
    }

    @Test
    void roleArnNamesEverySessionOfTheRoleAsParent() {
        assertThat(aws(ROLE_SESSION, ROLE_ARN)).isEqualTo(PrincipalMatch.PARENT);
        assertThat(aws(ROLE_SESSION, ROLE_ID)).isEqualTo(PrincipalMatch.PARENT);
        assertThat(aws(ROLE_SESSION, "arn:aws:iam::111122223333:role/Deploy"))
                .as("the path is part of the role ARN").isEqualTo(PrincipalMatch.NONE);
        assertThat(aws(ROLE_SESSION, "arn:aws:iam::111122223333:role/path/*"))
                .as("no partial wildcards").isEqualTo(PrincipalMatch.NONE);
    }

    @Test
    void sessionArnsNameOnlyThatSession() {
        assertThat(aws(ROLE_SESSION, SESSION_ARN)).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(aws(ROLE_SESSION, "arn:aws:sts::111122223333:assumed-role/Deploy/other"))
                .isEqualTo(PrincipalMatch.NONE);
        assertThat(aws(FEDERATED_USER, FEDERATED_ARN)).isEqualTo(PrincipalMatch.DIRECT);
    }

    @Test
    void federatedAndServicePrincipals() {
        PrincipalIdentity web = PrincipalIdentity.webIdentity(ACCOUNT, "accounts.google.com");
        assertThat(match(web, PrincipalKind.FEDERATED, "accounts.google.com")).isEqualTo(PrincipalMatch.FEDERATED);
        assertThat(match(web, PrincipalKind.FEDERATED, "graph.facebook.com")).isEqualTo(PrincipalMatch.NONE);
        assertThat(aws(web, "111122223333")).as("not an IAM principal of the account").isEqualTo(PrincipalMatch.NONE);
        PrincipalIdentity service = PrincipalIdentity.service(ACCOUNT, "lambda.amazonaws.com");
        assertThat(match(service, PrincipalKind.SERVICE, "lambda.amazonaws.com")).isEqualTo(PrincipalMatch.SERVICE);
        assertThat(match(service, PrincipalKind.SERVICE, "ec2.amazonaws.com")).isEqualTo(PrincipalMatch.NONE);
        assertThat(match(USER, PrincipalKind.CANONICAL_USER, "abc")).isEqualTo(PrincipalMatch.NONE);
    }

    @Test
    void strongestEntryWins() {
        PrincipalElement element = PrincipalElement.principal(List.of(
                new PrincipalEntry(PrincipalKind.AWS, "111122223333"),
                new PrincipalEntry(PrincipalKind.AWS, ROLE_ARN),
                new PrincipalEntry(PrincipalKind.AWS, SESSION_ARN)));
        assertThat(element.match(Optional.of(ROLE_SESSION))).isEqualTo(PrincipalMatch.DIRECT);
    }

    @Test
    void notPrincipalListsACallerOnlyWhenItsWholeChainIsListed() {
        PrincipalElement onlyRole = PrincipalElement.notPrincipal(List.of(new PrincipalEntry(PrincipalKind.AWS,
                ROLE_ARN)));
        assertThat(onlyRole.match(Optional.of(ROLE_SESSION))).isEqualTo(PrincipalMatch.DIRECT);
        PrincipalElement chain = PrincipalElement.notPrincipal(List.of(
                new PrincipalEntry(PrincipalKind.AWS, "arn:aws:iam::111122223333:root"),
                new PrincipalEntry(PrincipalKind.AWS, ROLE_ARN),
                new PrincipalEntry(PrincipalKind.AWS, SESSION_ARN)));
        assertThat(chain.match(Optional.of(ROLE_SESSION))).isEqualTo(PrincipalMatch.NONE);
        assertThat(chain.match(Optional.of(USER))).isEqualTo(PrincipalMatch.DIRECT);
        PrincipalElement user = PrincipalElement.notPrincipal(List.of(
                new PrincipalEntry(PrincipalKind.AWS, "111122223333"), new PrincipalEntry(PrincipalKind.AWS,
                        USER_ARN)));
        assertThat(user.match(Optional.of(USER))).isEqualTo(PrincipalMatch.NONE);
        assertThat(user.match(Optional.of(ROOT))).isEqualTo(PrincipalMatch.NONE);
        PrincipalElement everyone = PrincipalElement.notPrincipal(List.of(new PrincipalEntry(PrincipalKind.AWS,
                "*")));
        assertThat(everyone.match(Optional.empty())).isEqualTo(PrincipalMatch.NONE);
    }

    @Test
    void resourcePolicyStatementsWithoutPrincipalNeverApply() {
        PolicyDocument document = Policies.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", PolicyKind.RESOURCE);
        RequestContext context = Policies.request("s3:GetObject", "arn:aws:s3:::b/k").withPrincipal(USER);
        ResourcePolicyResult result = new PolicyEvaluator().evaluateResourcePolicy(
                Policies.labeled(PolicySource.RESOURCE, "bucket", document), context);
        assertThat(result.effect()).isEqualTo(SetEffect.ALLOW);
        assertThat(result.strongestAllowMatch()).isEqualTo(PrincipalMatch.DIRECT);
        assertThat(PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}", PolicyKind.RESOURCE))
                .isEqualTo(new ParseResult.Invalid("Missing required field Principal"));
    }
}
