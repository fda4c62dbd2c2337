package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.iamapi.organizations.OrganizationsOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation the server registers (IAM, STS, Organizations), driven by boto3 with realistic inputs, and every
 * raw answer checked against AWS's service model as botocore installs it (conformance/model_check.py): element
 * names, the model's member order, types and formats, required members, list and map wrapping, the result element
 * and the request ID; JSON shapes for Organizations. An operation without a fixture in conformance.py fails here,
 * so the next operation added is checked too. The same run checks the member sets AWS's recorded answers show where
 * the model allows more or fewer (Get against List and Create answers), and then replays the errors AWS answered
 * (conformance/errors.py: code, HTTP status and message of each recorded case).
 */
class ModelConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAnswerHasItsModelsShape(@TempDir Path dir) throws Exception {
        SamlFixture saml = new SamlFixture(dir);
        try (TestServer server = TestServer.start(); TestIdentityProvider oidc = new TestIdentityProvider()) {
            String account = server.accountId();
            Map<String, List<String>> operations = Map.of(
                    "iam", List.copyOf(new TreeSet<>(server.iamActions())),
                    "sts", List.copyOf(new TreeSet<>(server.stsActions())),
                    "organizations", Arrays.stream(OrganizationsOperation.values()).map(Enum::name).sorted()
                            .toList());
            var creds = server.rootCredentials();
            Map<String, String> environment = Map.of(
                    "LANYARD_ENDPOINT", server.endpoint(),
                    "LANYARD_ACCOUNT", account,
                    "LANYARD_ROOT_KEY", creds.get(0),
                    "LANYARD_ROOT_SECRET", creds.get(1),
                    "LANYARD_OPERATIONS", JSON.writeValueAsString(operations),
                    "LANYARD_ADMIN_SOCKET", server.dataDirectory.resolve("admin.sock").toString(),
                    "LANYARD_OIDC_ISSUER", oidc.issuer,
                    "LANYARD_OIDC_TOKEN", oidc.token("conformance", "conformance-app"),
                    "LANYARD_SAML_METADATA", saml.metadata(),
                    "LANYARD_SAML_RESPONSE", saml.signedResponse("arn:aws:iam::" + account + ":role/conformance-saml",
                            "arn:aws:iam::" + account + ":saml-provider/conformance-saml", "conformance",
                            "conformance"));
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script("conformance.py")),
                    environment);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode report = JSON.readTree(result.stdout());
            assertThat(report.get("missing")).as("operations without a fixture in conformance.py; report: "
                    + report.toPrettyString()).isEmpty();
            assertThat(report.get("problems")).as(report.get("problems").toPrettyString()).isEmpty();
            assertThat(report.get("checked").get("iam")).hasSize(server.iamActions().size());

            ExternalProcess.Result errors = ExternalProcess.run(List.of("python3", script("errors.py")), environment);
            assertThat(errors.exitCode()).as(errors.stderr()).isZero();
            JsonNode replay = JSON.readTree(errors.stdout());
            assertThat(replay.get("mismatches")).as(replay.get("mismatches").toPrettyString()).isEmpty();
            assertThat(replay.get("cases").asInt()).isGreaterThanOrEqualTo(113);
        }
    }

    private static String script(String name) throws Exception {
        return Path.of(ModelConformanceTest.class.getResource("/conformance/" + name).toURI()).toString();
    }
}
