package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Trust policies name users and roles by ARN but trust the entity, not the name (iam-policy.md §1.3): unknown ones
 * are refused when the policy is saved, and a user deleted and recreated under the same name is no longer trusted.
 */
class TrustPolicyPrincipalsTest {
    private static String trusting(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static void assertMalformed(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void unknownUsersAndRolesAreInvalidPrincipals() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            String account = server.accountId();
            String ghost = "arn:aws:iam::" + account + ":role/ghost";
            assertMalformed(() -> root.createRole(r -> r.roleName("r").assumeRolePolicyDocument(trusting(ghost))),
                    "Invalid principal in policy: \"AWS\":\"" + ghost + "\"");
            root.createUser(r -> r.userName("bob").path("/team/"));
            String wrongPath = "arn:aws:iam::" + account + ":user/bob";
            assertMalformed(() -> root.createRole(r -> r.roleName("r").assumeRolePolicyDocument(
                    trusting(wrongPath))), "Invalid principal in policy: \"AWS\":\"" + wrongPath + "\"");
            assertThat(root.listRoles().roles()).isEmpty();

            root.createRole(r -> r.roleName("r").assumeRolePolicyDocument(trusting(account)));
            String missingUser = "arn:aws:iam::" + account + ":user/team/alice";
            assertMalformed(() -> root.updateAssumeRolePolicy(r -> r.roleName("r").policyDocument(
                    trusting(missingUser))), "Invalid principal in policy: \"AWS\":\"" + missingUser + "\"");
            // Account IDs, the root ARN and session ARNs are not entities IAM binds.
            root.updateAssumeRolePolicy(r -> r.roleName("r").policyDocument(
                    trusting("arn:aws:sts::" + account + ":assumed-role/ghost/s")));
        }
    }

    @Test
    void recreatedUserIsNotTrustedAndTheDocumentShowsTheOldId() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            String account = server.accountId();
            String bobArn = root.createUser(r -> r.userName("bob")).user().arn();
            String oldId = root.getUser(r -> r.userName("bob")).user().userId();
            String roleArn = root.createRole(r -> r.roleName("deploy").assumeRolePolicyDocument(trusting(bobArn)))
                    .role().arn();
            assertThat(assumeAs(server, root, roleArn)).isEqualTo("arn:aws:sts::" + account
                    + ":assumed-role/deploy/s1");
            assertThat(trustText(root)).contains(bobArn).doesNotContain(oldId);

            root.listAccessKeys(r -> r.userName("bob")).accessKeyMetadata().forEach(k -> root.deleteAccessKey(
                    r -> r.userName("bob").accessKeyId(k.accessKeyId())));
            root.deleteUser(r -> r.userName("bob"));
            assertThat(trustText(root)).contains("\"" + oldId + "\"").doesNotContain(bobArn);

            root.createUser(r -> r.userName("bob"));
            assertThat(trustText(root)).contains("\"" + oldId + "\"");
            assertThatThrownBy(() -> assumeAs(server, root, roleArn)).isInstanceOfSatisfying(
                    AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDenied"));

            root.updateAssumeRolePolicy(r -> r.roleName("deploy").policyDocument(trusting(bobArn)));
            assertThat(assumeAs(server, root, roleArn)).endsWith(":assumed-role/deploy/s1");
        }
    }

    private static String trustText(IamClient root) {
        return URLDecoder.decode(root.getRole(r -> r.roleName("deploy")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8);
    }

    /** bob gets a fresh key and assumes the role; the assumed-role ARN comes back. */
    private static String assumeAs(TestServer server, IamClient root, String roleArn) {
        AccessKey key = root.createAccessKey(r -> r.userName("bob")).accessKey();
        AwsCredentials bob = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        try (StsClient sts = Clients.sts(server, bob)) {
            return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")).assumedRoleUser().arn();
        } finally {
            root.deleteAccessKey(r -> r.userName("bob").accessKeyId(key.accessKeyId()));
        }
    }
}
