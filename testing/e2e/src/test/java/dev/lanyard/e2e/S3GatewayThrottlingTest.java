package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The S3 gateway held to its rates and counted in /metrics, as boto3 sees it with retries off: past an account's S3
 * rate S3's SlowDown (503, "Please reduce your request rate."), another account still served; past a source's rate of
 * refused signatures SlowDown even with the right key; a closed account's session refused and counted under
 * {@code account_closed}. Rates refill one request in 1000 seconds, so nothing here
 * depends on how fast the test runs. One server: the refused signatures come last, since they stop the source.
 */
class S3GatewayThrottlingTest {
    private static final Throttling LIMITS = new Throttling(Optional.empty(), Optional.empty(),
            Optional.of(new RequestRate(0.001, 6)), Optional.empty(), Optional.of(new RequestRate(0.001, 4)),
            Optional.empty(), 1024);

    private static JsonNode boto3(GatewayFixture gateway, Credentials credentials, String bucket, String mode)
            throws Exception {
        Path script = Path.of(S3GatewayThrottlingTest.class.getResource("/s3_gateway_throttling.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(),
                gateway.s3Endpoint(), bucket, mode), gateway.cliEnv(credentials));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return new ObjectMapper().readTree(result.stdout());
    }

    private static void assertSlowDown(JsonNode outcome) {
        assertThat(outcome.get("code").asText()).as(outcome.toString()).isEqualTo("SlowDown");
        assertThat(outcome.get("message").asText()).isEqualTo("Please reduce your request rate.");
        assertThat(outcome.get("status").asInt()).isEqualTo(503);
    }

    private static String metrics(GatewayFixture gateway) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.server.endpoint()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anAccountIsHeldToItsRateAndRefusedSignaturesToTheSourcesAndTheMetricsCountBoth() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(config -> config.withThrottling(LIMITS))) {
            Credentials role = gateway.assumeRole("throttled", allow("throttled-bucket", "s3:*"));
            String member = Clients.organizations(gateway.server, Clients.root(gateway.server))
                    .createAccount(r -> r.accountName("Member").email("member@example.test"))
                    .createAccountStatus().accountId();
            Credentials memberAdmin = Clients.sts(gateway.server, gateway.assumerCredentials()).assumeRole(r -> r
                    .roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole")
                    .roleSessionName("member-admin")).credentials();

            JsonNode account = boto3(gateway, role, "throttled-bucket", "account");
            assertThat(account.get(0).get("code").asText()).isEqualTo("ok");
            assertThat(account.get(1).get("code").asText()).isEqualTo("ok");
            assertThat(account.get(2).get("code").asText()).isEqualTo("NoSuchKey");
            for (int i = 3; i < 6; i++) {
                assertThat(account.get(i).get("code").asText()).isEqualTo("ok");
            }
            assertSlowDown(account.get(6));
            assertSlowDown(account.get(7));
            // Another account's requests are its own: it is served meanwhile.
            JsonNode other = boto3(gateway, memberAdmin, "member-bucket", "own-bucket");
            assertThat(other.findValuesAsText("code")).containsExactly("ok", "ok");

            // A closed account's session is refused, and counted as such (the first of the source's 4 refusals).
            Clients.organizations(gateway.server, Clients.root(gateway.server)).closeAccount(r -> r.accountId(member));
            JsonNode closed = boto3(gateway, memberAdmin, "member-bucket", "closed");
            assertThat(closed.get(0).get("code").asText()).as(closed.toString()).isEqualTo("InvalidToken");

            JsonNode failed = boto3(gateway, memberAdmin, "member-bucket", "failed");
            for (int i = 0; i < 3; i++) {
                assertThat(failed.get(i).get("code").asText()).isEqualTo("SignatureDoesNotMatch");
                assertThat(failed.get(i).get("status").asInt()).isEqualTo(403);
            }
            assertSlowDown(failed.get(3));

            String scraped = metrics(gateway);
            assertThat(scraped).contains(
                    "lanyard_requests_total{action=\"GetObject\",front_end=\"s3\",outcome=\"ok\",service=\"s3\"} 3.0",
                    "lanyard_requests_total{action=\"GetObject\",front_end=\"s3\",outcome=\"NoSuchKey\","
                            + "service=\"s3\"} 1.0",
                    "lanyard_requests_total{action=\"PutObject\",front_end=\"s3\",outcome=\"ok\",service=\"s3\"} 2.0",
                    "lanyard_requests_total{action=\"CreateBucket\",front_end=\"s3\",outcome=\"ok\",service=\"s3\"}"
                            + " 2.0",
                    "lanyard_requests_total{action=\"GetObject\",front_end=\"s3\",outcome=\"SlowDown\","
                            + "service=\"s3\"} 2.0",
                    // Refused before its signature is checked: the operation is not classified yet.
                    "lanyard_requests_total{action=\"Unknown\",front_end=\"s3\",outcome=\"SlowDown\","
                            + "service=\"s3\"} 1.0",
                    "lanyard_requests_total{action=\"Unknown\",front_end=\"s3\",outcome=\"SignatureDoesNotMatch\","
                            + "service=\"s3\"} 3.0",
                    "lanyard_request_duration_seconds_count{action=\"GetObject\",front_end=\"s3\",service=\"s3\"}"
                            + " 6",
                    "lanyard_throttled_requests_total{front_end=\"s3\",scope=\"account\"} 2.0",
                    "lanyard_throttled_requests_total{front_end=\"s3\",scope=\"failed_authentication_source\"} 1.0",
                    "lanyard_authentication_failures_total{front_end=\"s3\",reason=\"signature_rejected\"} 3.0",
                    "lanyard_authentication_failures_total{front_end=\"s3\",reason=\"account_closed\"} 1.0",
                    "lanyard_authentication_failures_total{front_end=\"s3\",reason=\"invalid_token\"} 0.0");
            // Bounded labels: no bucket, key, account or access key ever becomes one.
            for (String line : scraped.lines().filter(l -> l.contains("front_end=\"s3\"")).toList()) {
                assertThat(line).doesNotContain("throttled-bucket", "member-bucket", member, gateway.account,
                        role.accessKeyId(), memberAdmin.accessKeyId());
            }
        }
    }
}
