package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code lanyard serve --authorize-rate} from the packaged jar: past the asking account's burst, the authorization API
 * answers curl (signing for itself) the JSON protocol's ThrottlingException, 429, "Rate exceeded", and /metrics counts
 * it, and a refused signature, under the API's own front end. The rate refills one call in 1000 seconds, so nothing
 * depends on speed.
 */
class AuthorizeRateProcessTest {
    private static ExternalProcess.Result ask(ServeProcess server, AwsCredentials root) {
        return ExternalProcess.run(List.of("curl", "-sS", "-w", "\n%{http_code}", "--aws-sigv4",
                "aws:amz:us-east-1:lanyard", "--user", root.accessKeyId() + ":" + root.secretAccessKey(), "-H",
                "Content-Type: application/json", "--data-binary", "{}", server.endpoint() + "/authorize/v1"),
                Map.of());
    }

    @Test
    void pastTheAskingAccountsBurstTheApiAnswersThrottlingExceptionAndTheMetricsSayWhichDoor() throws Exception {
        Path work = Files.createTempDirectory("lanyard-authorize-rate");
        try (ServeProcess server = ServeProcess.start(work.resolve("data"), work.resolve("serve.log"),
                "--authorize-rate", "0.001:2")) {
            AwsCredentials root = server.rootCredentials();
            // a wrong secret: refused before the account is counted, and counted as a refused authentication
            ExternalProcess.Result forged = ask(server, Clients.basic(root.accessKeyId(), "w".repeat(40)));
            assertThat(forged.stdout()).contains("SignatureDoesNotMatch").endsWith("\n403");
            for (int i = 0; i < 2; i++) {
                // admitted: the asker is authenticated and counted, then its empty question is refused
                ExternalProcess.Result admitted = ask(server, root);
                assertThat(admitted.exitCode()).as(admitted.stderr()).isZero();
                assertThat(admitted.stdout()).doesNotContain("ThrottlingException").doesNotEndWith("429");
            }
            ExternalProcess.Result throttled = ask(server, root);
            assertThat(throttled.exitCode()).as(throttled.stderr()).isZero();
            assertThat(throttled.stdout()).endsWith("\n429")
                    .contains("\"__type\":\"ThrottlingException\"").contains("\"message\":\"Rate exceeded\"");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains(
                    "lanyard_throttled_requests_total{front_end=\"authorize\",scope=\"account\"} 1.0",
                    "lanyard_throttled_requests_total{front_end=\"query\",scope=\"account\"} 0.0",
                    "lanyard_authentication_failures_total{front_end=\"authorize\",reason=\"signature_rejected\"}"
                            + " 1.0");
        } finally {
            ServeProcess.deleteTree(work);
        }
    }
}
