package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.pipeline.Throttling;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * /metrics scraped with a real HTTP client after boto3 and the AWS CLI drove known traffic: the counters move as the
 * traffic says, the text is Prometheus's exposition format line by line, and no label ever holds a key, an ARN, an
 * account, a path or anything else a client chose, however many distinct callers, keys and paths arrive.
 */
class MetricsTest {
    /** A sample line: name, optional labels, a value (Prometheus text format 0.0.4; no timestamps are written). */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)})?"
                    + " (-?[0-9.]+(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    /** What must never be a label value: key ids, ARNs, account ids, paths, client-made-up names. */
    private static final Pattern IDENTIFYING = Pattern.compile(
            "(?:AKIA|ASIA)[A-Z0-9]{12,}|arn:|\\d{12}|/|probe|Metrics-Probe|metrics-role");

    private static TestServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // throttling stays out of the way of the floods below; ThrottlingTest holds it to account
        server = TestServer.start(Clock.systemUTC(), config -> config.withThrottling(Throttling.OFF));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Sample(String name, Map<String, String> labels, double value) {}

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes /metrics and parses it strictly: every line is a HELP, a TYPE or a sample of a declared family. */
    private static List<Sample> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(server.endpoint() + "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).endsWith("\n");
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                assertThat(types.put(type.group(1), type.group(2))).as("declared once: " + line).isNull();
            } else if (!help.matches()) {
                assertThat(sample.matches()).as("a sample line: " + line).isTrue();
                String name = sample.group(1);
                assertThat(types.keySet()).as("the family of " + line + " is declared before it")
                        .anyMatch(family -> name.equals(family) || name.startsWith(family + "_"));
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(name, labels, Double.parseDouble(sample.group(4).replace("Inf", "Infinity"))));
            }
        }
        return samples;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet()
                .containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
    }

    /**
     * Lanyard's own series: the JVM's come from a fixed set of binders but appear as the JVM first uses a memory
     * pool or buffer kind, whatever the callers do.
     */
    private static Set<String> series(List<Sample> samples) {
        Set<String> series = new HashSet<>();
        samples.stream().filter(s -> s.name().startsWith("lanyard_")).forEach(s -> series.add(s.name() + s.labels()));
        return series;
    }

    @Test
    void theCountersMoveAsBoto3AndTheAwsCliDroveThem() throws Exception {
        List<Sample> before = scrape();
        List<String> root = server.rootCredentials();
        Path script = Path.of(MetricsTest.class.getResource("/metrics_traffic.py").toURI());
        ExternalProcess.Result boto3 = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                root.get(0), root.get(1), server.accountId()), Map.of());
        assertThat(boto3.exitCode()).as(boto3.stderr()).isZero();
        JsonNode seen = new ObjectMapper().readTree(boto3.stdout());
        assertThat(seen.get("no_such_user").asText()).isEqualTo("NoSuchEntity");
        assertThat(seen.get("wrong_secret").asText()).isEqualTo("SignatureDoesNotMatch");
        ExternalProcess.Result cli = ExternalProcess.run(List.of("aws", "sts", "get-caller-identity",
                "--endpoint-url", server.endpoint()), Map.of("AWS_CONFIG_FILE", server.configFile().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        List<Sample> after = scrape();

        Map<String, String> assumeRoleOk = Map.of("front_end", "query", "service", "sts", "action", "AssumeRole",
                "outcome", "ok");
        assertThat(value(after, "lanyard_requests_total", assumeRoleOk)
                - value(before, "lanyard_requests_total", assumeRoleOk)).isEqualTo(3);
        Map<String, String> identity = Map.of("service", "sts", "action", "GetCallerIdentity", "outcome", "ok");
        assertThat(value(after, "lanyard_requests_total", identity)
                - value(before, "lanyard_requests_total", identity)).as("boto3's and the CLI's").isEqualTo(2);
        Map<String, String> noSuchEntity = Map.of("service", "iam", "action", "GetUser", "outcome", "NoSuchEntity");
        assertThat(value(after, "lanyard_requests_total", noSuchEntity)).isEqualTo(1);
        Map<String, String> issued = Map.of("operation", "AssumeRole");
        assertThat(value(after, "lanyard_credentials_issued_total", issued)
                - value(before, "lanyard_credentials_issued_total", issued)).isEqualTo(3);
        Map<String, String> signature = Map.of("front_end", "query", "reason", "signature_rejected");
        assertThat(value(after, "lanyard_authentication_failures_total", signature)
                - value(before, "lanyard_authentication_failures_total", signature)).isEqualTo(1);
        Map<String, String> latency = Map.of("service", "sts", "action", "AssumeRole");
        assertThat(value(after, "lanyard_request_duration_seconds_count", latency)
                - value(before, "lanyard_request_duration_seconds_count", latency)).isEqualTo(3);
        assertThat(value(after, "lanyard_request_duration_seconds_bucket", Map.of("service", "sts", "action",
                "AssumeRole", "le", "+Inf"))).isEqualTo(value(after, "lanyard_request_duration_seconds_count",
                latency));
        assertThat(value(after, "lanyard_policy_evaluation_seconds_count", Map.of()))
                .as("AssumeRole decides its trust policy, GetUser its caller's").isGreaterThan(
                        value(before, "lanyard_policy_evaluation_seconds_count", Map.of()));
        assertThat(value(after, "lanyard_store_reachable", Map.of())).isEqualTo(1);
        assertThat(value(after, "lanyard_store_model_version_lag", Map.of())).isZero();
        assertThat(value(after, "lanyard_store_model_version", Map.of())).isGreaterThan(
                value(before, "lanyard_store_model_version", Map.of()));
        assertThat(value(after, "lanyard_token_key_age_seconds", Map.of())).isGreaterThanOrEqualTo(0);
        // JVM metrics that exist from the start (a GC pause series appears only after the first collection)
        assertThat(after).extracting(Sample::name).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_gc_memory_allocated_bytes_total", "lanyard_jwks_fetches_total",
                "lanyard_jwks_fetch_failures_total");
    }

    /** /metrics answers GET only, like /health. */
    @Test
    void onlyGetIsServed() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    /** On a port of its own, /metrics is all that listener serves, and the API's listener no longer has it. */
    @Test
    void aMetricsPortOfItsOwnServesOnlyMetrics() throws Exception {
        try (TestServer separate = TestServer.start(Clock.systemUTC(), config -> config.withMetrics(
                new dev.lanyard.server.MetricsSettings(true, java.util.Optional.of(0))))) {
            HttpResponse<String> metrics = get(separate.metricsEndpoint());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE lanyard_authentication_failures_total counter");
            assertThat(get(separate.metricsEndpoint().replace("/metrics", "/health")).statusCode()).isEqualTo(404);
            HttpResponse<String> onApi = get(separate.endpoint() + "/metrics");
            assertThat(onApi.statusCode()).isEqualTo(404);
            assertThat(onApi.body()).contains("<Code>NotFound</Code>");
        }
    }

    /**
     * The same kinds of traffic from ever new callers, keys, actions and paths add no series: the second round, all
     * of it new, leaves the count where the first left it, and no label value looks like a key, an ARN or a path.
     */
    @Test
    void manyDistinctCallersKeysAndPathsAddNoSeries() throws Exception {
        AwsCredentials root = Clients.basic(server.rootCredentials().get(0), server.rootCredentials().get(1));
        IamClient iam = Clients.iam(server, root);
        SplittableRandom random = new SplittableRandom(7);
        traffic(iam, "a", random);
        Set<String> first = series(scrape());
        traffic(iam, "b", random);
        List<Sample> samples = scrape();
        assertThat(series(samples)).isEqualTo(first);
        for (Sample sample : samples) {
            sample.labels().forEach((name, value) -> assertThat(IDENTIFYING.matcher(value).find())
                    .as("label %s=%s of %s", name, value, sample.name()).isFalse());
        }
    }

    /** Twelve new users calling with their own keys, made-up keys, made-up actions and made-up paths. */
    private static void traffic(IamClient iam, String round, SplittableRandom random) throws Exception {
        for (int i = 0; i < 12; i++) {
            String name = "probe-" + round + i;
            iam.createUser(r -> r.userName(name));
            AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
            try (StsClient sts = Clients.sts(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()))) {
                sts.getCallerIdentity();
            }
            String madeUpKey = "AKIA" + Long.toString(random.nextLong(Long.MAX_VALUE), 36).toUpperCase()
                    .substring(0, 10) + "ZZZZZZ";
            try (StsClient sts = Clients.sts(server, Clients.basic(madeUpKey, "s".repeat(40)))) {
                sts.getCallerIdentity();
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException expected) {
                assertThat(expected.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            }
            get(server.endpoint() + "/?Action=Metrics-Probe" + round + i + "&Version=2011-06-15");
            get(server.endpoint() + "/probe-bucket-" + round + i + "/arn:aws:iam::123456789012:user/x");
        }
    }
}
