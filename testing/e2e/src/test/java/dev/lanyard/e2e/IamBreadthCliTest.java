package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the AWS CLI script covering policy versions, attachment limits, policy tags, aliases and the summary. */
class IamBreadthCliTest {
    @Test
    void iamBreadthThroughTheCli() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(IamBreadthCliTest.class.getResource("/iam_breadth.sh").toURI());
            ExternalProcess.Result result = ExternalProcess.run(List.of("bash", script.toString()), Map.of(
                    "AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("OK");
        }
    }

    @Test
    void everyQuotaAtTheLimitAndOnePast() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(IamBreadthCliTest.class.getResource("/iam_limits.sh").toURI());
            ExternalProcess.Result result = ExternalProcess.run(List.of("bash", script.toString()), Map.of(
                    "AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("OK");
        }
    }

    @Test
    void policySimulatorThroughTheCli() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(IamBreadthCliTest.class.getResource("/simulator.sh").toURI());
            ExternalProcess.Result result = ExternalProcess.run(List.of("bash", script.toString()), Map.of(
                    "AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("OK");
        }
    }
}
