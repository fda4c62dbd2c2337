package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.pipeline.RequestRate;
import dev.lanyard.pipeline.Throttling;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Throttling as boto3 (retries off) and the AWS CLI see it: AWS's Throttling, "Rate exceeded", HTTP 400, per account
 * and service for signed calls, per source for unsigned calls and for refused signatures. The rates refill one request
 * in 1000 seconds, so nothing here depends on how fast the test runs; each test has its own server (own buckets).
 */
class ThrottlingTest {
    private static final Optional<RequestRate> SLOW_3 = Optional.of(new RequestRate(0.001, 3));

    private static TestServer server(Throttling throttling) {
        return TestServer.start(Clock.systemUTC(), config -> config.withThrottling(throttling));
    }

    private static JsonNode boto3(TestServer server, String mode, String key, String secret) throws Exception {
        Path script = Path.of(ThrottlingTest.class.getResource("/throttling.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                key, secret, mode), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return new ObjectMapper().readTree(result.stdout());
    }

    private static JsonNode boto3(TestServer server, String mode) throws Exception {
        return boto3(server, mode, server.rootCredentials().get(0), server.rootCredentials().get(1));
    }

    private static void assertOk(JsonNode outcome) {
        assertThat(outcome.get("code").asText()).as(outcome.toString()).isEqualTo("ok");
    }

    private static void assertThrottled(JsonNode outcome) {
        assertThat(outcome.get("code").asText()).as(outcome.toString()).isEqualTo("Throttling");
        assertThat(outcome.get("message").asText()).isEqualTo("Rate exceeded");
        assertThat(outcome.get("status").asInt()).isEqualTo(400);
    }

    /** The AWS CLI's answer with one attempt (its default retries Throttling). */
    private static ExternalProcess.Result cli(TestServer server) {
        return ExternalProcess.run(List.of("aws", "sts", "get-caller-identity", "--endpoint-url", server.endpoint()),
                Map.of("AWS_CONFIG_FILE", server.configFile().toString(), "AWS_SHARED_CREDENTIALS_FILE",
                        server.credentialsFile().toString(), "AWS_PROFILE", "lanyard", "AWS_MAX_ATTEMPTS", "1",
                        "AWS_RETRY_MODE", "standard"));
    }

    private static void assertCliThrottled(ExternalProcess.Result cli) {
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("An error occurred (Throttling) when calling the GetCallerIdentity"
                + " operation").contains("Rate exceeded");
    }

    private static String metrics(TestServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anAccountIsHeldToItsRateForEachServiceApart() throws Exception {
        try (TestServer server = server(new Throttling(Optional.of(new RequestRate(0.001, 4)), Optional.of(
                new RequestRate(0.001, 2)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                1024))) {
            JsonNode seen = boto3(server, "account");
            for (int i = 0; i < 4; i++) {
                assertOk(seen.get("sts").get(i));
            }
            assertThrottled(seen.get("sts").get(4));
            assertOk(seen.get("iam").get(0));
            assertOk(seen.get("iam").get(1));
            assertThrottled(seen.get("iam").get(2));
            assertCliThrottled(cli(server));
            assertThat(metrics(server)).contains(
                    "lanyard_throttled_requests_total{front_end=\"query\",scope=\"account\"} 3.0",
                    "lanyard_requests_total{action=\"GetCallerIdentity\",front_end=\"query\",outcome=\"Throttling\","
                            + "service=\"sts\"} 2.0");
        }
    }

    @Test
    void unsignedFederationCallsAreHeldToTheirSourcesRate() throws Exception {
        try (TestServer server = server(new Throttling(Optional.empty(), Optional.empty(), Optional.empty(), SLOW_3,
                Optional.empty(), Optional.empty(), 1024))) {
            JsonNode seen = boto3(server, "unsigned");
            for (int i = 0; i < 3; i++) {
                assertThat(seen.get("sts").get(i).get("code").asText()).as("refused on its merits, not throttled")
                        .isNotEqualTo("Throttling");
            }
            assertThrottled(seen.get("sts").get(3));
            assertThat(metrics(server)).contains(
                    "lanyard_throttled_requests_total{front_end=\"query\",scope=\"unsigned_source\"} 1.0");
        }
    }

    /** Past its rate of refused signatures a source waits, even with the right key: guessing costs time. */
    @Test
    void refusedSignaturesUseUpTheSourcesRate() throws Exception {
        try (TestServer server = server(new Throttling(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                SLOW_3, Optional.empty(), 1024))) {
            JsonNode seen = boto3(server, "failed");
            for (int i = 0; i < 3; i++) {
                assertThat(seen.get("sts").get(i).get("code").asText()).isEqualTo("SignatureDoesNotMatch");
            }
            assertThrottled(seen.get("sts").get(3));
            assertCliThrottled(cli(server));
            assertThat(metrics(server)).contains(
                    "lanyard_authentication_failures_total{front_end=\"query\",reason=\"signature_rejected\"} 3.0",
                    "lanyard_throttled_requests_total{front_end=\"query\",scope=\"failed_authentication_source\"}"
                            + " 2.0");
        }
    }
}
