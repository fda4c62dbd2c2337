package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays, with boto3 and the server's own profile, the calls Terraform's AWS provider makes to create, refresh,
 * update and destroy IAM roles, policies, users, role policy attachments, instance profiles and OIDC providers: every
 * answer field the provider dereferences, its retry and wait loops, its delete pre-steps and its NoSuchEntity checks.
 */
class TerraformFlowsTest {
    @Test
    void terraformResourceLifecycles() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(TerraformFlowsTest.class.getResource("/terraform_flows.py").toURI());
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString()), Map.of(
                    "AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            for (String resource : List.of("aws_iam_role", "aws_iam_policy", "aws_iam_user",
                    "aws_iam_role_policy_attachment", "aws_iam_instance_profile", "aws_iam_openid_connect_provider")) {
                assertThat(result.stdout()).contains(resource + ": read after destroy: NoSuchEntity");
            }
            assertThat(result.stdout()).endsWith("OK\n");
        }
    }
}
