package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer recorded from real AWS (STS calls, IAM policy validation) replayed through boto3 against Lanyard:
 * the same error codes, messages and statuses, and the same response fields.
 */
class RecordedAwsAnswersTest {
    @Test
    void lanyardAnswersAsAwsDid() throws Exception {
        Path testdata = Path.of(System.getProperty("lanyard.shared.dir"), "testdata", "aws-recorded");
        assertThat(testdata.resolve("sts-recorded.json")).as("recorded AWS answers").exists();
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(RecordedAwsAnswersTest.class.getResource("/replay_recorded.py").toURI());
            var creds = server.rootCredentials();
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(),
                    server.endpoint(), creds.get(0), creds.get(1), server.accountId(), testdata.toString()), Map.of());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode report = new ObjectMapper().readTree(result.stdout());
            assertThat(report.get("cases").asInt()).isEqualTo(160);
            assertThat(report.get("skipped")).as("skipped").isEmpty();
            assertThat(report.get("mismatches")).as(report.get("mismatches").toPrettyString()).isEmpty();
        }
    }
}
