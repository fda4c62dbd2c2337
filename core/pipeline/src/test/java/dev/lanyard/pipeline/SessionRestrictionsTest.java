package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.pipeline.TestWorld.Credentials;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AWS's limits on temporary credentials (iam-policy.md 4.5): IAM and STS only, whatever the policies say. */
class SessionRestrictionsTest {
    private final TestWorld world = new TestWorld();
    private final SessionRestrictions restrictions = new SessionRestrictions(world.access);

    private Caller caller(Credentials credentials) {
        HttpExchange exchange = world.query(credentials, "sts", "Action=GetCallerIdentity");
        HttpRequestParts parts = exchange.parts();
        SignedRequest signed = SignedRequest.parse(parts).orElseThrow();
        return world.authenticator.authenticate(signed,
                secret -> new SigV4Verifier(world.clock).verify(signed, parts, secret)).caller();
    }

    private void assertRefused(Caller caller, String service, String action, ErrorCode code) {
        assertThatThrownBy(() -> restrictions.check(caller, service, action)).isInstanceOfSatisfying(
                AwsException.class, e -> org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(code));
    }

    private void assertAllowed(Caller caller, String service, String action) {
        assertThatCode(() -> restrictions.check(caller, service, action)).doesNotThrowAnyException();
    }

    @Test
    void federatedUsersCallNoIamAndNoStsButGetCallerIdentity() {
        Caller federated = caller(world.federatedSession());
        assertRefused(federated, "iam", "GetUser", ErrorCode.ACCESS_DENIED);
        assertRefused(federated, "sts", "AssumeRole", ErrorCode.ACCESS_DENIED);
        assertAllowed(federated, "sts", "GetCallerIdentity");
        assertAllowed(federated, "s3", "GetObject");
        assertAllowed(federated, "organizations", "DescribeOrganization");
    }

    @Test
    void getSessionTokenSessionsNeedMfaForIamAndCallOnlyAssumeRoleOfSts() {
        Caller withoutMfa = caller(world.userSession(Optional.empty()));
        assertRefused(withoutMfa, "iam", "GetUser", ErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertRefused(withoutMfa, "sts", "GetFederationToken", ErrorCode.ACCESS_DENIED);
        assertAllowed(withoutMfa, "sts", "AssumeRole");
        assertAllowed(withoutMfa, "sts", "GetCallerIdentity");
        assertAllowed(withoutMfa, "s3", "GetObject");
        Caller withMfa = caller(world.userSession(Optional.of(Instant.EPOCH)));
        assertAllowed(withMfa, "iam", "GetUser");
        assertRefused(withMfa, "sts", "GetSessionToken", ErrorCode.ACCESS_DENIED);
    }

    @Test
    void longTermKeysAndRoleSessionsAreLeftToThePolicies() {
        assertAllowed(caller(Credentials.of(world.aliceKey)), "iam", "CreateUser");
        assertAllowed(caller(world.roleSession()), "iam", "CreateUser");
        assertAllowed(caller(world.roleSession()), "sts", "GetFederationToken");
    }
}
