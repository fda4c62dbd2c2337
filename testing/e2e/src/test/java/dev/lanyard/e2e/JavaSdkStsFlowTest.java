package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Users, keys, roles and policies set up with the IAM client; roles assumed and used with the STS client. */
class JavaSdkStsFlowTest {
    private static TestServer server;
    private static IamClient rootIam;
    private static String account;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
        account = server.accountId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AwsCredentials userWithPolicy(String name, String policy) {
        rootIam.createUser(r -> r.userName(name));
        if (policy != null) {
            rootIam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        }
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static Role role(String name, String trust) {
        return rootIam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role();
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private static String trustAccount(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + account + ":root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]" + condition + "}]}";
    }

    @Test
    void rootCallerIdentity() {
        GetCallerIdentityResponse id = Clients.sts(server, Clients.root(server)).getCallerIdentity();
        assertThat(id.account()).isEqualTo(account).hasSize(12);
        assertThat(id.arn()).isEqualTo("arn:aws:iam::" + account + ":root");
        assertThat(id.userId()).isEqualTo(account);
    }

    @Test
    void wrongSecretIsRejected() {
        var creds = server.rootCredentials();
        StsClient sts = Clients.sts(server, Clients.basic(creds.get(0), creds.get(1) + "x"));
        assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.statusCode()).isEqualTo(403);
        });
        StsClient unknown = Clients.sts(server, Clients.basic("AKIAIOSFODNN7EXAMPLE", creds.get(1)));
        assertThatThrownBy(unknown::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void assumeRoleWithExternalIdSameAccount() {
        AwsCredentials alice = userWithPolicy("alice", allow("sts:AssumeRole", "*"));
        Role role = role("deployer", trustAccount(
                ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"secret-shared-id\"}}"));
        StsClient sts = Clients.sts(server, alice);

        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::" + account
                            + ":user/alice is not authorized to perform: sts:AssumeRole on resource: " + role.arn());
                });
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1").externalId("wrong")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

        AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1")
                .externalId("secret-shared-id"));
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/deployer/s1");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":s1");
        assertThat(assumed.packedPolicySize()).isNull();
        assertThat(assumed.credentials().sessionToken().length()).isLessThan(1024);

        GetCallerIdentityResponse id = Clients.sts(server, Clients.session(assumed.credentials())).getCallerIdentity();
        assertThat(id.arn()).isEqualTo(assumed.assumedRoleUser().arn());
        assertThat(id.userId()).isEqualTo(role.roleId() + ":s1");
    }

    @Test
    void identityPolicyMustAllowWhenTrustNamesTheAccount() {
        AwsCredentials bob = userWithPolicy("bob", null);
        Role role = role("needs-identity", trustAccount(""));
        assertThatThrownBy(() -> Clients.sts(server, bob).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("bb")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
    }

    @Test
    void sessionPermissionsAreTheRolesIntersectedWithTheSessionPolicy() {
        AwsCredentials carol = userWithPolicy("carol", allow("sts:AssumeRole", "*"));
        Role role = role("reader", trustAccount(""));
        rootIam.putRolePolicy(r -> r.roleName("reader").policyName("read").policyDocument(
                allow("iam:*", "*")));
        StsClient sts = Clients.sts(server, carol);
        var full = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("full")).credentials();
        assertThat(Clients.iam(server, Clients.session(full)).listUsers().users()).isNotEmpty();

        var scoped = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("scoped")
                .policy(allow("iam:GetUser", "*"))).credentials();
        IamClient scopedIam = Clients.iam(server, Clients.session(scoped));
        assertThat(scopedIam.getUser(r -> r.userName("carol")).user().userName()).isEqualTo("carol");
        assertThatThrownBy(scopedIam::listUsers).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("because no session policy allows the iam:ListUsers action");
        });
    }

    @Test
    void roleChainingCarriesTransitiveTagsAndCapsDuration() {
        AwsCredentials dave = userWithPolicy("dave", allow("sts:*", "*"));
        Role first = role("first", trustAccount(""));
        rootIam.putRolePolicy(r -> r.roleName("first").policyName("chain").policyDocument(allow("sts:*", "*")));
        Role second = role("second", trustAccount(
                ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}"));
        var firstSession = Clients.sts(server, dave).assumeRole(r -> r.roleArn(first.arn()).roleSessionName("one")
                .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("team").value("blue").build())
                .transitiveTagKeys("team"));
        assertThat(firstSession.packedPolicySize()).isNotNull();
        StsClient chained = Clients.sts(server, Clients.session(firstSession.credentials()));
        assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(second.arn()).roleSessionName("two")
                .durationSeconds(7200)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        var secondSession = chained.assumeRole(r -> r.roleArn(second.arn()).roleSessionName("two"));
        assertThat(secondSession.assumedRoleUser().arn()).endsWith(":assumed-role/second/two");
        assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(second.arn()).roleSessionName("three")
                .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("Team").value("red").build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One of the specified transitive tag"
                            + " keys can't be set because it conflicts with a transitive tag key from the calling"
                            + " session.");
                });
    }

    @Test
    void trustPolicyIsReturnedUrlEncoded() {
        String trust = trustAccount("");
        rootIam.createRole(r -> r.roleName("encoded").assumeRolePolicyDocument(trust));
        String returned = rootIam.getRole(r -> r.roleName("encoded")).role().assumeRolePolicyDocument();
        assertThat(returned).startsWith("%7B");
        assertThat(URLDecoder.decode(returned, StandardCharsets.UTF_8)).isEqualTo(trust);
    }

    @Test
    void rootMayNotAssumeRoles() {
        Role role = role("not-for-root", trustAccount(""));
        assertThatThrownBy(() -> Clients.sts(server, Clients.root(server))
                .assumeRole(r -> r.roleArn(role.arn()).roleSessionName("rt")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Roles may not be assumed by root accounts."));
    }

    @Test
    void sessionAndFederationTokens() {
        AwsCredentials erin = userWithPolicy("erin", allow("*", "*"));
        StsClient sts = Clients.sts(server, erin);
        var session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        GetCallerIdentityResponse sameUser = Clients.sts(server, Clients.session(session)).getCallerIdentity();
        assertThat(sameUser.arn()).isEqualTo("arn:aws:iam::" + account + ":user/erin");
        assertThatThrownBy(() -> Clients.iam(server, Clients.session(session)).listUsers())
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));

        var federated = sts.getFederationToken(r -> r.name("partner").policy(allow("sts:GetCallerIdentity", "*")));
        assertThat(federated.federatedUser().arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/partner");
        assertThat(federated.federatedUser().federatedUserId()).isEqualTo(account + ":partner");
        assertThat(federated.packedPolicySize()).isNotNull();
        assertThat(Clients.sts(server, Clients.session(federated.credentials())).getCallerIdentity().arn())
                .isEqualTo(federated.federatedUser().arn());
    }

    @Test
    void accessKeyInfoDecodesTheAccount() {
        AwsCredentials frank = userWithPolicy("frank", allow("sts:GetAccessKeyInfo", "*"));
        String account = Clients.sts(server, frank).getAccessKeyInfo(r -> r.accessKeyId(frank.accessKeyId()))
                .account();
        assertThat(account).isEqualTo(server.accountId());
    }

    @Test
    void deniedMessagesDecodeForPrincipalsAllowedToDecode() {
        AwsCredentials grace = userWithPolicy("grace", allow("sts:DecodeAuthorizationMessage", "*"));
        IamClient iam = Clients.iam(server, grace);
        AwsServiceException denied = (AwsServiceException) org.assertj.core.api.Assertions
                .catchThrowable(iam::listRoles);
        String message = denied.awsErrorDetails().errorMessage();
        String encoded = message.substring(message.indexOf("Encoded authorization failure message: ") + 39);
        String decoded = Clients.sts(server, grace).decodeAuthorizationMessage(r -> r.encodedMessage(encoded))
                .decodedMessage();
        assertThat(decoded).contains("\"action\":\"iam:ListRoles\"").contains("user/grace");
        AwsCredentials henry = userWithPolicy("henry", null);
        assertThatThrownBy(() -> Clients.sts(server, henry).decodeAuthorizationMessage(r -> r.encodedMessage(encoded)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void tamperedSessionTokenIsRejected() {
        AwsCredentials ivan = userWithPolicy("ivan", allow("sts:AssumeRole", "*"));
        Role role = role("tamper", trustAccount(""));
        var c = Clients.sts(server, ivan).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("tt")).credentials();
        String token = c.sessionToken();
        char flipped = token.charAt(40) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, 40) + flipped + token.substring(41);
        var forgedCreds = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(),
                c.secretAccessKey(), forged);
        assertThatThrownBy(() -> Clients.sts(server, forgedCreds).getCallerIdentity())
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void iamTagsAndLimits() {
        rootIam.createUser(r -> r.userName("tagged").tags(Tag.builder().key("k").value("v").build()));
        assertThat(rootIam.listUserTags(r -> r.userName("tagged")).tags()).extracting(Tag::key).containsExactly("k");
        rootIam.createAccessKey(r -> r.userName("tagged"));
        rootIam.createAccessKey(r -> r.userName("tagged"));
        assertThatThrownBy(() -> rootIam.createAccessKey(r -> r.userName("tagged")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
                });
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("tagged")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
        assertThatThrownBy(() -> rootIam.getUser(r -> r.userName("nobody")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> rootIam.createUser(r -> r.userName("TAGGED")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists"));
        assertThatThrownBy(() -> rootIam.putUserPolicy(r -> r.userName("tagged").policyName("bad")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
    }
}
