package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Managed session policies, sticky source identity, permissions boundaries, key status and IAM pagination. */
class SessionFeaturesTest {
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

    private static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    private static AwsCredentials user(String name, String policy) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static String role(String name, String actions) {
        rootIam.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account + "\"},\"Action\":" + actions + "}]}"));
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    @Test
    void managedSessionPoliciesScopeTheSession() {
        AwsCredentials user = user("scoper", allow("sts:AssumeRole"));
        String roleArn = role("wide", "\"sts:AssumeRole\"");
        rootIam.attachRolePolicy(r -> r.roleName("wide").policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
        String scopeArn = rootIam.createPolicy(r -> r.policyName("only-get-user").policyDocument(allow("iam:GetUser")))
                .policy().arn();
        Credentials scoped = Clients.sts(server, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("scoped")
                .policyArns(p -> p.arn(scopeArn))).credentials();
        IamClient iam = Clients.iam(server, Clients.session(scoped));
        assertThat(iam.getUser(r -> r.userName("scoper")).user().userName()).isEqualTo("scoper");
        assertThatThrownBy(() -> iam.listRoles()).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void sourceIdentityNeedsPermissionAndIsSticky() {
        AwsCredentials user = user("sourced", allow("sts:*"));
        String noPermission = role("no-source", "\"sts:AssumeRole\"");
        assertThatThrownBy(() -> Clients.sts(server, user).assumeRole(r -> r.roleArn(noPermission)
                .roleSessionName("s1").sourceIdentity("alice@example.test")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        String first = role("source-first", "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]");
        rootIam.putRolePolicy(r -> r.roleName("source-first").policyName("chain").policyDocument(allow("sts:*")));
        String second = role("source-second", "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]");
        var session = Clients.sts(server, user).assumeRole(r -> r.roleArn(first).roleSessionName("s1")
                .sourceIdentity("alice@example.test"));
        assertThat(session.sourceIdentity()).isEqualTo("alice@example.test");
        var chained = Clients.sts(server, Clients.session(session.credentials()));
        assertThat(chained.assumeRole(r -> r.roleArn(second).roleSessionName("s2")).sourceIdentity())
                .isEqualTo("alice@example.test");
        assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(second).roleSessionName("s3")
                .sourceIdentity("mallory")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void permissionsBoundaryCapsTheUser() {
        AwsCredentials user = user("bounded", allow("iam:*"));
        String boundary = rootIam.createPolicy(r -> r.policyName("list-only").policyDocument(allow("iam:List*")))
                .policy().arn();
        rootIam.putUserPermissionsBoundary(r -> r.userName("bounded").permissionsBoundary(boundary));
        IamClient iam = Clients.iam(server, user);
        assertThat(iam.listUsers().users()).isNotEmpty();
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("bounded")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("because no permissions boundary allows the iam:GetUser action"));
        assertThat(rootIam.getUser(r -> r.userName("bounded")).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(boundary);
        rootIam.deleteUserPermissionsBoundary(r -> r.userName("bounded"));
        assertThat(iam.getUser(r -> r.userName("bounded")).user().userName()).isEqualTo("bounded");
    }

    @Test
    void inactiveKeysAreRefused() {
        rootIam.createUser(r -> r.userName("paused"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("paused")).accessKey();
        AwsCredentials creds = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        assertThat(Clients.sts(server, creds).getCallerIdentity().arn()).endsWith(":user/paused");
        rootIam.updateAccessKey(r -> r.userName("paused").accessKeyId(key.accessKeyId()).status("Inactive"));
        assertThatThrownBy(() -> Clients.sts(server, creds).getCallerIdentity())
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        rootIam.deleteAccessKey(r -> r.userName("paused").accessKeyId(key.accessKeyId()));
        assertThat(rootIam.listAccessKeys(r -> r.userName("paused")).accessKeyMetadata()).isEmpty();
    }

    @Test
    void sessionTagsBeyondThePackedAllowanceAreRefused() {
        AwsCredentials user = user("tagger", allow("sts:*"));
        String roleArn = role("tagged", "[\"sts:AssumeRole\",\"sts:TagSession\"]");
        var sts = Clients.sts(server, user);
        var fits = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("fits").tags(maxSizeTags(5)));
        assertThat(fits.packedPolicySize()).isBetween(90, 100);
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("over")
                .tags(maxSizeTags(6)))).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PackedPolicyTooLarge");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .matches("Packed policy consumes 1\\d\\d% of allotted space");
                });
    }

    private static List<software.amazon.awssdk.services.sts.model.Tag> maxSizeTags(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> software.amazon.awssdk.services.sts.model.Tag
                .builder().key(String.valueOf(i).repeat(128)).value("v".repeat(256)).build()).toList();
    }

    @Test
    void listsPaginateWithMarkers() {
        for (int i = 0; i < 7; i++) {
            String name = "page-" + i;
            rootIam.createUser(r -> r.userName(name).path("/paged/"));
        }
        var first = rootIam.listUsers(r -> r.pathPrefix("/paged/").maxItems(3));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.users()).hasSize(3);
        List<String> all = rootIam.listUsersPaginator(r -> r.pathPrefix("/paged/").maxItems(2)).users().stream()
                .map(User::userName).toList();
        assertThat(all).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6");
    }
}
