package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The credential report, PasswordLastUsed and service last-accessed data after real traffic: boto3 generates, polls
 * and decodes them (access_reports.py), the AWS CLI reads the same reports, and a restart keeps the last-accessed
 * data and PasswordLastUsed.
 */
class AccessReportsFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportsAfterRealTrafficAndARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(AccessReportsFlowTest.class.getResource("/access_reports.py").toURI());
            List<String> creds = server.rootCredentials();
            ExternalProcess.Result boto3 = ExternalProcess.run(List.of("python3", script.toString(),
                    server.endpoint(), creds.get(0), creds.get(1), server.accountId()), Map.of());
            assertThat(boto3.exitCode()).as(boto3.stderr()).isZero();
            List<String> printed = boto3.stdout().lines().toList();
            assertThat(printed).last().isEqualTo("OK");
            String userArn = printed.get(0);
            Map<String, String> env = Map.of("AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard");

            assertThat(ok(aws(env, "iam", "generate-credential-report")).get("State").asText()).isEqualTo("COMPLETE");
            JsonNode report = ok(aws(env, "iam", "get-credential-report"));
            List<String> csv = new String(Base64.getDecoder().decode(report.get("Content").asText()),
                    StandardCharsets.UTF_8).lines().toList();
            assertThat(csv.get(0)).startsWith("user,arn,user_creation_time,password_enabled,password_last_used,")
                    .endsWith(",cert_2_active,cert_2_last_rotated");
            assertThat(csv.get(1)).startsWith("<root_account>,arn:aws:iam::" + server.accountId() + ":root,");
            assertThat(csv).anySatisfy(line -> assertThat(line).startsWith("reporter," + userArn + ","));

            JsonNode before = iamService(env, userArn);
            assertThat(before.get("LastAuthenticatedEntity").asText()).isEqualTo(userArn);
            String passwordLastUsed = ok(aws(env, "iam", "get-user", "--user-name", "reporter")).get("User")
                    .get("PasswordLastUsed").asText();

            server.restart();
            JsonNode after = iamService(env, userArn);
            assertThat(after.get("LastAuthenticated")).isEqualTo(before.get("LastAuthenticated"));
            assertThat(after.get("LastAuthenticatedRegion").asText()).isEqualTo("us-east-1");
            assertThat(after.get("TrackedActionsLastAccessed").findValuesAsText("ActionName"))
                    .contains("ListUsers", "ChangePassword");
            assertThat(ok(aws(env, "iam", "get-user", "--user-name", "reporter")).get("User")
                    .get("PasswordLastUsed").asText()).isEqualTo(passwordLastUsed);
        }
    }

    /** The user's IAM entry of an action-level report, generated and read with the AWS CLI. */
    private static JsonNode iamService(Map<String, String> env, String userArn) throws IOException {
        String job = ok(aws(env, "iam", "generate-service-last-accessed-details", "--arn", userArn,
                "--granularity", "ACTION_LEVEL")).get("JobId").asText();
        JsonNode details = ok(aws(env, "iam", "get-service-last-accessed-details", "--job-id", job));
        assertThat(details.get("JobStatus").asText()).isEqualTo("COMPLETED");
        for (JsonNode service : details.get("ServicesLastAccessed")) {
            if (service.get("ServiceNamespace").asText().equals("iam")) {
                return service;
            }
        }
        throw new AssertionError("no iam entry in " + details);
    }

    private static ExternalProcess.Result aws(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, env);
    }

    private static JsonNode ok(ExternalProcess.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }
}
