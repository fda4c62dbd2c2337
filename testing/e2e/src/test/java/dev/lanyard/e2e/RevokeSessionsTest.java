package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/** `lanyard revoke-sessions`: every session of the role issued before now is refused at once; newer ones work. */
class RevokeSessionsTest {
    @Test
    void revokedSessionsAreRefusedImmediately() throws Exception {
        try (TestServer server = TestServer.start()) {
            IamClient iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("operator"));
            iam.putUserPolicy(r -> r.userName("operator").policyName("assume").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                    + "\"Resource\":\"*\"}]}"));
            AccessKey key = iam.createAccessKey(r -> r.userName("operator")).accessKey();
            AwsCredentials user = Clients.basic(key.accessKeyId(), key.secretAccessKey());
            String roleArn = iam.createRole(r -> r.roleName("revocable").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + server.accountId() + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            iam.putRolePolicy(r -> r.roleName("revocable").policyName("read").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\","
                    + "\"Resource\":\"*\"}]}"));
            Credentials old = Clients.sts(server, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("old"))
                    .credentials();
            assertThat(Clients.iam(server, Clients.session(old)).listRoles().roles()).isNotEmpty();
            Thread.sleep(5); // the revocation moment must be strictly after the old session's issue time

            CliRunner.Result revoke = CliRunner.run("revoke-sessions", "--role", "revocable", "--data-dir",
                    server.dataDirectory.toString());
            assertThat(revoke.exitCode()).as(revoke.output()).isZero();

            assertThatThrownBy(() -> Clients.iam(server, Clients.session(old)).listRoles())
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).contains("with an explicit deny in an identity-based policy"));
            Thread.sleep(5);
            Credentials fresh = Clients.sts(server, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("new"))
                    .credentials();
            assertThat(Clients.iam(server, Clients.session(fresh)).listRoles().roles()).isNotEmpty();
        }
    }
}
