package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS CLI, configured only by the files Lanyard writes on first start. */
class AwsCliFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> profileEnv() {
        return Map.of("AWS_CONFIG_FILE", server.configFile().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(),
                "AWS_PROFILE", "lanyard");
    }

    private static Map<String, String> keyEnv(JsonNode key) {
        return Map.of("AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", key.has("SessionToken") ? key.get("SessionToken").asText() : "",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", server.endpoint(),
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    }

    private static ExternalProcess.Result aws(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, env);
    }

    private static JsonNode ok(ExternalProcess.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    @Test
    void theGeneratedProfileWorksWithNoOtherSetting() throws IOException {
        JsonNode id = ok(aws(profileEnv(), "sts", "get-caller-identity"));
        assertThat(id.get("Account").asText()).isEqualTo(server.accountId());
        assertThat(id.get("Arn").asText()).isEqualTo("arn:aws:iam::" + server.accountId() + ":root");
    }

    @Test
    void usersRolesAndAssumeRole(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String account = server.accountId();
        ok(aws(profileEnv(), "iam", "create-user", "--user-name", "cli-user"));
        JsonNode key = ok(aws(profileEnv(), "iam", "create-access-key", "--user-name", "cli-user")).get("AccessKey");
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + account + ":role/cli-*\"}]}");
        ok(aws(profileEnv(), "iam", "put-user-policy", "--user-name", "cli-user", "--policy-name", "assume",
                "--policy-document", "file://" + policy));
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"" + account + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"sts:ExternalId\":\"cli-ext\"}}}]}");
        JsonNode role = ok(aws(profileEnv(), "iam", "create-role", "--role-name", "cli-role",
                "--assume-role-policy-document", "file://" + trust, "--max-session-duration", "7200")).get("Role");
        assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":role/cli-role");
        JsonNode fetched = ok(aws(profileEnv(), "iam", "get-role", "--role-name", "cli-role")).get("Role");
        assertThat(fetched.get("AssumeRolePolicyDocument").get("Statement").get(0).get("Condition")
                .get("StringEquals").get("sts:ExternalId").asText()).isEqualTo("cli-ext");
        assertThat(fetched.get("MaxSessionDuration").asInt()).isEqualTo(7200);

        ExternalProcess.Result denied = aws(keyEnv(key), "sts", "assume-role", "--role-arn", role.get("Arn").asText(),
                "--role-session-name", "cli");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("An error occurred (AccessDenied) when calling the AssumeRole operation:"
                + " User: arn:aws:iam::" + account + ":user/cli-user is not authorized to perform: sts:AssumeRole");

        JsonNode assumed = ok(aws(keyEnv(key), "sts", "assume-role", "--role-arn", role.get("Arn").asText(),
                "--role-session-name", "cli", "--external-id", "cli-ext", "--duration-seconds", "7200"));
        JsonNode credentials = assumed.get("Credentials");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");
        JsonNode asRole = ok(aws(keyEnv(credentials), "sts", "get-caller-identity"));
        assertThat(asRole.get("Arn").asText()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/cli-role/cli");

        ExternalProcess.Result tooLong = aws(keyEnv(key), "sts", "assume-role", "--role-arn",
                role.get("Arn").asText(), "--role-session-name", "cli", "--external-id", "cli-ext",
                "--duration-seconds", "10800");
        assertThat(tooLong.stderr()).contains("(ValidationError)")
                .contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void organizationsCreateAccountThenAssumeIntoIt() throws IOException {
        JsonNode status = ok(aws(profileEnv(), "organizations", "create-account", "--email", "cli@example.test",
                "--account-name", "cli-account")).get("CreateAccountStatus");
        JsonNode described = ok(aws(profileEnv(), "organizations", "describe-create-account-status",
                "--create-account-request-id", status.get("Id").asText())).get("CreateAccountStatus");
        String member = described.get("AccountId").asText();
        assertThat(member).hasSize(12);
        ok(aws(profileEnv(), "iam", "create-user", "--user-name", "org-admin"));
        ok(aws(profileEnv(), "iam", "attach-user-policy", "--user-name", "org-admin", "--policy-arn",
                "arn:aws:iam::aws:policy/AdministratorAccess"));
        JsonNode key = ok(aws(profileEnv(), "iam", "create-access-key", "--user-name", "org-admin")).get("AccessKey");
        JsonNode assumed = ok(aws(keyEnv(key), "sts", "assume-role", "--role-arn",
                "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole", "--role-session-name", "admin"));
        JsonNode id = ok(aws(keyEnv(assumed.get("Credentials")), "sts", "get-caller-identity"));
        assertThat(id.get("Account").asText()).isEqualTo(member);
    }

    @Test
    void badInputGetsAwsErrors() {
        ExternalProcess.Result noSuchUser = aws(profileEnv(), "iam", "get-user", "--user-name", "ghost");
        assertThat(noSuchUser.stderr()).contains("(NoSuchEntity)").contains("The user with name ghost cannot be found.");
        ExternalProcess.Result badPolicy = aws(profileEnv(), "iam", "create-policy", "--policy-name", "bad",
                "--policy-document", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\","
                        + " \"Resource\": \"arn:aws:s3:::example_bucket\"}}");
        assertThat(badPolicy.stderr()).contains("(MalformedPolicyDocument)")
                .contains("Policy document must be version 2012-10-17 or greater.");
    }
}
