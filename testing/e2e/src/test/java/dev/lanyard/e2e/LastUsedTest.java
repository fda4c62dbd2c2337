package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;

/**
 * GetAccessKeyLastUsed and GetRole's RoleLastUsed, taken from the audit trail as calls are answered, and still known
 * after a restart; "N/A" and an empty RoleLastUsed for what was never used, as AWS answers.
 */
class LastUsedTest {
    @Test
    void keysAndRolesTellWhenTheyWereLastUsed() {
        try (TestServer server = TestServer.start()) {
            String account = server.accountId();
            IamClient root = Clients.iam(server, Clients.root(server));
            root.createUser(r -> r.userName("worker"));
            root.putUserPolicy(r -> r.userName("worker").policyName("assume").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                    + "\"Resource\":\"*\"}]}"));
            AccessKey used = root.createAccessKey(r -> r.userName("worker")).accessKey();
            AccessKey idle = root.createAccessKey(r -> r.userName("worker")).accessKey();
            String roleArn = root.createRole(r -> r.roleName("job").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account
                    + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            root.createRole(r -> r.roleName("unused").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account
                    + "\"},\"Action\":\"sts:AssumeRole\"}]}"));

            AccessKeyLastUsed never = root.getAccessKeyLastUsed(r -> r.accessKeyId(idle.accessKeyId()))
                    .accessKeyLastUsed();
            assertThat(never.lastUsedDate()).isNull();
            assertThat(never.serviceName()).isEqualTo("N/A");
            assertThat(never.region()).isEqualTo("N/A");
            assertThat(root.getRole(r -> r.roleName("job")).role().roleLastUsed().lastUsedDate()).isNull();

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AwsCredentials worker = Clients.basic(used.accessKeyId(), used.secretAccessKey());
            var session = Clients.sts(server, worker).assumeRole(r -> r.roleArn(roleArn).roleSessionName("run"))
                    .credentials();
            Clients.sts(server, Clients.session(session)).getCallerIdentity();

            AccessKeyLastUsed last = root.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId()))
                    .accessKeyLastUsed();
            assertThat(last.lastUsedDate()).isAfterOrEqualTo(before);
            assertThat(last.serviceName()).isEqualTo("sts");
            assertThat(last.region()).isEqualTo("us-east-1");
            RoleLastUsed role = root.getRole(r -> r.roleName("job")).role().roleLastUsed();
            assertThat(role.lastUsedDate()).isAfterOrEqualTo(before);
            assertThat(role.region()).isEqualTo("us-east-1");
            assertThat(root.getRole(r -> r.roleName("unused")).role().roleLastUsed().lastUsedDate()).isNull();
            assertThat(root.getAccountAuthorizationDetails().roleDetailList()).filteredOn(d -> d.roleName()
                    .equals("job")).singleElement().satisfies(d -> assertThat(d.roleLastUsed().lastUsedDate())
                            .isEqualTo(role.lastUsedDate()));

            // a key used with IAM says so, even when the call was refused: the key was used
            assertThat(catchThrowable(() -> Clients.iam(server, worker).getUser())).isNotNull();
            assertThat(root.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId())).accessKeyLastUsed()
                    .serviceName()).isEqualTo("iam");

            server.restart();
            IamClient again = Clients.iam(server, Clients.root(server));
            AccessKeyLastUsed kept = again.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId()))
                    .accessKeyLastUsed();
            assertThat(kept.lastUsedDate()).isAfterOrEqualTo(last.lastUsedDate());
            assertThat(kept.serviceName()).isEqualTo("iam");
            assertThat(again.getRole(r -> r.roleName("job")).role().roleLastUsed().lastUsedDate())
                    .isEqualTo(role.lastUsedDate());
            assertThat(again.getAccessKeyLastUsed(r -> r.accessKeyId(idle.accessKeyId())).accessKeyLastUsed()
                    .serviceName()).isEqualTo("N/A");
        }
    }
}
