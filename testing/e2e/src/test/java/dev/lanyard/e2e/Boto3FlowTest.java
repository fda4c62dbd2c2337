package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** boto3 drives a full flow, including presigned GetCallerIdentity URLs and JSON responses. */
class Boto3FlowTest {
    @Test
    void boto3Flow() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(Boto3FlowTest.class.getResource("/boto3_flow.py").toURI());
            var creds = server.rootCredentials();
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                    creds.get(0), creds.get(1), server.accountId()), Map.of());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode findings = new ObjectMapper().readTree(result.stdout());
            String account = server.accountId();
            assertThat(findings.get("trust_round_trip").asBoolean()).isTrue();
            assertThat(findings.get("without_external_id").asText()).isEqualTo("AccessDenied");
            assertThat(findings.get("without_external_id_status").asInt()).isEqualTo(403);
            assertThat(findings.get("assumed_arn").asText())
                    .isEqualTo("arn:aws:sts::" + account + ":assumed-role/py-role/py");
            assertThat(findings.get("packed_policy_size_present").asBoolean()).isTrue();
            assertThat(findings.get("session_identity").asText()).isEqualTo(findings.get("assumed_arn").asText());
            assertThat(findings.get("session_list_users").asText()).isEqualTo("AccessDenied");
            assertThat(findings.get("client_side_validation").asBoolean()).isTrue();
            assertThat(findings.get("session_name_error").asText()).isEqualTo("1 validation error detected: Value"
                    + " 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: [\\w+=,.@-]*");
            assertThat(findings.get("bad_arn_error").asText()).isEqualTo("nothing-valid-in-here is invalid");
            assertThat(findings.get("presigned_status").asInt()).isEqualTo(200);
            assertThat(findings.get("presigned_body_has_arn").asBoolean()).isTrue();
            assertThat(findings.get("tampered_presigned").asInt()).isEqualTo(403);
            assertThat(findings.get("json_arn").asText()).isEqualTo(findings.get("assumed_arn").asText());
        }
    }
}
