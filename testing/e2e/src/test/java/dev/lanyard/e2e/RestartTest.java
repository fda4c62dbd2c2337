package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Everything survives a restart on the same data directory: IAM state, keys, and sessions issued before. */
class RestartTest {
    @Test
    void stateAndSessionsSurviveARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            String account = server.accountId();
            var iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("persistent"));
            iam.putUserPolicy(r -> r.userName("persistent").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"*\"}]}"));
            AccessKey key = iam.createAccessKey(r -> r.userName("persistent")).accessKey();
            iam.createRole(r -> r.roleName("kept").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                            + account + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
            AwsCredentials user = Clients.basic(key.accessKeyId(), key.secretAccessKey());
            Credentials session = Clients.sts(server, user).assumeRole(r -> r
                    .roleArn("arn:aws:iam::" + account + ":role/kept").roleSessionName("before")).credentials();

            server.restart();

            assertThat(server.accountId()).isEqualTo(account);
            assertThat(Clients.sts(server, Clients.root(server)).getCallerIdentity().account()).isEqualTo(account);
            assertThat(Clients.sts(server, user).getCallerIdentity().arn()).endsWith(":user/persistent");
            assertThat(Clients.sts(server, Clients.session(session)).getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + account + ":assumed-role/kept/before");
            Credentials after = Clients.sts(server, user).assumeRole(r -> r
                    .roleArn("arn:aws:iam::" + account + ":role/kept").roleSessionName("after")).credentials();
            assertThat(after.accessKeyId()).startsWith("ASIA");
        }
    }
}
