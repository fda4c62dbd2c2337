package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Every kind of session names its principal by unique ID: once the user or role behind it is deleted, a new one of the
 * same name does not bring it back. Old credentials get InvalidClientTokenId, as a deleted principal's do in AWS.
 */
class SessionBindingTest {
    private static final String LIST_USERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:ListUsers\",\"sts:GetFederationToken\",\"sts:AssumeRole\"],\"Resource\":\"*\"}]}";

    @Test
    void sessionsOfAUserDieWithTheUserAndStayDeadWhenTheNameComesBack() {
        try (TestServer server = TestServer.start()) {
            IamClient iam = Clients.iam(server, Clients.root(server));
            AccessKey first = createUser(iam, "alice");
            String firstId = iam.getUser(r -> r.userName("alice")).user().userId();
            StsClient alice = Clients.sts(server, Clients.basic(first.accessKeyId(), first.secretAccessKey()));
            Credentials federated = alice.getFederationToken(r -> r.name("bob").policy(LIST_USERS)).credentials();
            Credentials session = alice.getSessionToken().credentials();
            assertThat(Clients.sts(server, Clients.session(federated)).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + server.accountId() + ":federated-user/bob");
            assertThat(Clients.sts(server, Clients.session(session)).getCallerIdentity().userId()).isEqualTo(firstId);

            // By unique ID, not by name: the sessions outlive a rename of their user.
            iam.updateUser(r -> r.userName("alice").newUserName("alice-renamed"));
            assertThat(Clients.sts(server, Clients.session(federated)).getCallerIdentity().userId())
                    .isEqualTo(server.accountId() + ":bob");
            assertThat(Clients.sts(server, Clients.session(session)).getCallerIdentity().arn())
                    .endsWith(":user/alice-renamed");
            iam.updateUser(r -> r.userName("alice-renamed").newUserName("alice"));

            deleteUser(iam, "alice", first);
            assertRefused(Clients.session(federated), server);
            assertRefused(Clients.session(session), server);

            AccessKey second = createUser(iam, "alice");
            String secondId = iam.getUser(r -> r.userName("alice")).user().userId();
            assertThat(secondId).isNotEqualTo(firstId);
            assertRefused(Clients.session(federated), server);
            assertRefused(Clients.session(session), server);

            // The new user's own sessions work, and name the new user.
            StsClient newAlice = Clients.sts(server, Clients.basic(second.accessKeyId(), second.secretAccessKey()));
            Credentials fresh = newAlice.getFederationToken(r -> r.name("bob").policy(LIST_USERS)).credentials();
            assertThat(Clients.sts(server, Clients.session(fresh)).getCallerIdentity().userId())
                    .isEqualTo(server.accountId() + ":bob");
            assertThat(Clients.sts(server, Clients.session(newAlice.getSessionToken().credentials()))
                    .getCallerIdentity().userId()).isEqualTo(secondId);
        }
    }

    @Test
    void sessionsOfTheRootUserNameItsAccount() {
        try (TestServer server = TestServer.start()) {
            StsClient root = Clients.sts(server, Clients.root(server));
            Credentials federated = root.getFederationToken(r -> r.name("visitor").policy(LIST_USERS)).credentials();
            Credentials session = root.getSessionToken().credentials();
            assertThat(Clients.sts(server, Clients.session(federated)).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + server.accountId() + ":federated-user/visitor");
            assertThat(Clients.sts(server, Clients.session(session)).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:iam::" + server.accountId() + ":root");
        }
    }

    @Test
    void sessionsOfARoleDieWithTheRoleAndStayDeadWhenTheNameComesBack(@TempDir Path dir) throws Exception {
        SamlFixture saml = new SamlFixture(dir);
        try (TestServer server = TestServer.start(); TestIdentityProvider oidc = new TestIdentityProvider()) {
            String account = server.accountId();
            IamClient iam = Clients.iam(server, Clients.root(server));
            AccessKey key = createUser(iam, "operator");
            AwsCredentials operator = Clients.basic(key.accessKeyId(), key.secretAccessKey());
            String oidcArn = iam.createOpenIDConnectProvider(r -> r.url(oidc.issuer).clientIDList("app"))
                    .openIDConnectProviderArn();
            String samlArn = iam.createSAMLProvider(r -> r.name("Corp").samlMetadataDocument(saml.metadata()))
                    .samlProviderArn();
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + account + "\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"Federated\":\"" + oidcArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"},"
                    + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + samlArn + "\"},\"Action\":"
                    + "\"sts:AssumeRoleWithSAML\"}]}";
            String firstId = createRole(iam, "deployer", trust);
            String targetArn = "arn:aws:iam::" + account + ":role/target";
            createRole(iam, "target", trust);
            String roleArn = "arn:aws:iam::" + account + ":role/deployer";

            Credentials assumed = Clients.sts(server, operator).assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName("assumed")).credentials();
            Credentials chained = Clients.sts(server, Clients.session(assumed)).assumeRole(r -> r.roleArn(targetArn)
                    .roleSessionName("chained")).credentials();
            StsClient anonymous = StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            Credentials web = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("web")
                    .webIdentityToken(oidc.token("alice", "app"))).credentials();
            String response = saml.signedResponse(roleArn, samlArn, "carol-0001", "carol");
            Credentials sso = anonymous.assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(samlArn)
                    .samlAssertion(response)).credentials();
            for (Credentials each : new Credentials[] {assumed, web, sso}) {
                assertThat(Clients.sts(server, Clients.session(each)).getCallerIdentity().userId())
                        .startsWith(firstId + ":");
            }
            assertThat(Clients.iam(server, Clients.session(chained)).listUsers().users()).isNotEmpty();

            deleteRole(iam, "target");
            createRole(iam, "target", trust);
            assertRefused(Clients.session(chained), server);

            deleteRole(iam, "deployer");
            String secondId = createRole(iam, "deployer", trust);
            assertThat(secondId).isNotEqualTo(firstId);
            for (Credentials each : new Credentials[] {assumed, web, sso}) {
                assertRefused(Clients.session(each), server);
            }
            assertThat(Clients.sts(server, operator).assumeRole(r -> r.roleArn(roleArn).roleSessionName("again"))
                    .assumedRoleUser().assumedRoleId()).startsWith(secondId + ":");
        }
    }

    private static AccessKey createUser(IamClient iam, String name) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("work").policyDocument(LIST_USERS));
        return iam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static void deleteUser(IamClient iam, String name, AccessKey key) {
        iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
        iam.deleteUserPolicy(r -> r.userName(name).policyName("work"));
        iam.deleteUser(r -> r.userName(name));
    }

    private static String createRole(IamClient iam, String name, String trust) {
        String id = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().roleId();
        iam.putRolePolicy(r -> r.roleName(name).policyName("work").policyDocument(LIST_USERS));
        return id;
    }

    private static void deleteRole(IamClient iam, String name) {
        iam.deleteRolePolicy(r -> r.roleName(name).policyName("work"));
        iam.deleteRole(r -> r.roleName(name));
    }

    private static void assertRefused(AwsCredentials credentials, TestServer server) {
        assertThatThrownBy(() -> Clients.sts(server, credentials).getCallerIdentity())
                .isInstanceOfSatisfying(AwsServiceException.class, SessionBindingTest::invalidClientTokenId);
    }

    private static void invalidClientTokenId(AwsServiceException e) {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
    }
}
