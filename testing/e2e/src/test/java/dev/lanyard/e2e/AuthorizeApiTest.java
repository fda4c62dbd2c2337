package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The authorization API on the real server, with clients nobody here wrote: a client signs its request to the orders
 * service with botocore or with the AWS SDK for Java v2 signer, and the service asks Lanyard, signing its own call
 * with the same library. One table of cases for both signers.
 */
class AuthorizeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE_URL = "http://orders.example.test:8080";
    private static TestServer server;
    private static Path catalogue;
    private static final Map<String, AccessKey> KEYS = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        catalogue = Files.createTempFile("lanyard-catalogue", ".json");
        Files.writeString(catalogue, "{\"Services\":{}}");
        server = TestServer.start(Clock.systemUTC(), c -> c.withServiceCatalogue(Optional.of(catalogue)));
        // the catalogue names the account that owns the service, known once the server made it
        try (InputStream in = AuthorizeApiTest.class.getResourceAsStream("/authorize_catalogue.json")) {
            Files.writeString(catalogue, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("ACCOUNT", server.accountId()));
        }
        server.restart();
        IamClient iam = Clients.iam(server, Clients.root(server));
        String account = server.accountId();
        user(iam, "orders-service", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"lanyard:Authorize\",\"Resource\":\"arn:aws:lanyard::" + account + ":service/orders\"}]}");
        user(iam, "alice", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadOrders\",\"Effect\":\"Allow\","
                + "\"Action\":[\"orders:GetOrder\",\"orders:UpdateOrder\"],\"Resource\":\"arn:aws:orders:*:" + account
                + ":order/*\"},{\"Sid\":\"NeverCancel\",\"Effect\":\"Deny\",\"Action\":\"orders:CancelOrder\","
                + "\"Resource\":\"*\"}]}");
        user(iam, "bob", null);
    }

    private static void user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        if (policy != null) {
            iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        }
        KEYS.put(name, iam.createAccessKey(r -> r.userName(name)).accessKey());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Files.deleteIfExists(catalogue);
    }

    /** One request a client sends the orders service, and what the service asks and should hear. */
    record Case(String name, String client, String asker, String method, String path, String body,
            String receivedBody, String signingName, String action, String resource, int status, String decision,
            String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String order = "arn:aws:orders:us-east-1:ACCOUNT:order/42";
        return List.of(
                new Case("allowed", "alice", "orders-service", "GET", "/orders/42", "", "", "orders",
                        "orders:GetOrder", order, 200, "Allowed", ""),
                new Case("allowed with a body", "alice", "orders-service", "PUT", "/orders/42", "{\"qty\":2}",
                        "{\"qty\":2}", "orders", "orders:UpdateOrder", order, 200, "Allowed", ""),
                new Case("no allow", "bob", "orders-service", "GET", "/orders/42", "", "", "orders",
                        "orders:GetOrder", order, 200, "ImplicitDeny", "AccessDenied"),
                new Case("explicit deny", "alice", "orders-service", "DELETE", "/orders/42", "", "", "orders",
                        "orders:CancelOrder", order, 200, "ExplicitDeny", "AccessDenied"),
                new Case("body swapped after signing", "alice", "orders-service", "PUT", "/orders/42", "{\"qty\":2}",
                        "{\"qty\":200}", "orders", "orders:UpdateOrder", order, 200, "Unauthenticated",
                        "SignatureDoesNotMatch"),
                new Case("signed for another service", "alice", "orders-service", "GET", "/orders/42", "", "",
                        "inventory", "orders:GetOrder", order, 200, "Unauthenticated", "SignatureDoesNotMatch"),
                new Case("asker without lanyard:Authorize", "alice", "bob", "GET", "/orders/42", "", "", "orders",
                        "orders:GetOrder", order, 403, "", "AccessDenied"),
                new Case("undeclared action", "alice", "orders-service", "GET", "/orders/42", "", "", "orders",
                        "orders:GetOrders", order, 400, "", "InvalidAction"));
    }

    enum Signer { BOTOCORE, JAVA_SDK }

    static Stream<Arguments> casesBySigner() {
        List<Arguments> all = new ArrayList<>();
        for (Signer signer : Signer.values()) {
            cases().forEach(c -> all.add(Arguments.of(signer, c)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesBySigner")
    void theServiceHearsAwssAnswer(Signer signer, Case c) throws Exception {
        Case resolved = new Case(c.name(), c.client(), c.asker(), c.method(), c.path(), c.body(), c.receivedBody(),
                c.signingName(), c.action(), c.resource().replace("ACCOUNT", server.accountId()), c.status(),
                c.decision(), c.code());
        Answer answer = switch (signer) {
            case BOTOCORE -> botocore(resolved);
            case JAVA_SDK -> javaSdk(resolved);
        };
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(c.status());
        if (c.status() != 200) {
            assertThat(answer.body().get("__type").asText()).isEqualTo(c.code());
            return;
        }
        assertThat(answer.body().get("Decision").asText()).as(answer.body().toString()).isEqualTo(c.decision());
        assertThat(answer.body().get("Allowed").asBoolean()).isEqualTo(c.decision().equals("Allowed"));
        assertThat(answer.body().at("/Error/Code").asText()).isEqualTo(c.code());
        if (!c.decision().equals("Unauthenticated")) {
            assertThat(answer.body().at("/Principal/Arn").asText())
                    .isEqualTo("arn:aws:iam::" + server.accountId() + ":user/" + c.client());
        }
    }

    record Answer(int status, JsonNode body) {}

    private static Answer botocore(Case c) throws Exception {
        Path script = Path.of(AuthorizeApiTest.class.getResource("/authorize_botocore.py").toURI());
        ObjectNode input = JSON.createObjectNode();
        input.put("endpoint", server.endpoint()).put("method", c.method()).put("url", SERVICE_URL + c.path())
                .put("body", c.body()).put("receivedBody", c.receivedBody()).put("signingName", c.signingName())
                .put("action", c.action()).put("resource", c.resource());
        input.putObject("client").put("id", KEYS.get(c.client()).accessKeyId())
                .put("secret", KEYS.get(c.client()).secretAccessKey());
        input.putObject("service").put("id", KEYS.get(c.asker()).accessKeyId())
                .put("secret", KEYS.get(c.asker()).secretAccessKey());
        Path stdin = Files.createTempFile("authorize-case", ".json");
        try {
            Files.writeString(stdin, input.toString());
            ExternalProcess.Result result = ExternalProcess.run(List.of("sh", "-c", "python3 \"$0\" < \"$1\"",
                    script.toString(), stdin.toString()), Map.of("AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode out = JSON.readTree(result.stdout());
            return new Answer(out.get("status").asInt(), out.get("body"));
        } finally {
            Files.deleteIfExists(stdin);
        }
    }

    private static Answer javaSdk(Case c) throws Exception {
        AccessKey client = KEYS.get(c.client());
        SdkHttpRequest request = sign(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create(SERVICE_URL + c.path())).build(), c.body(), client, c.signingName());
        ObjectNode question = JSON.createObjectNode();
        ObjectNode parts = question.putObject("Request");
        parts.put("Method", request.method().name()).put("Path", request.encodedPath())
                .put("Query", request.encodedQueryParameters().orElse(""));
        ObjectNode headers = parts.putObject("Headers");
        request.headers().forEach((name, values) -> values.forEach(v -> headers.withArray(name).add(v)));
        headers.withArray("Host").removeAll().add(request.host() + ":" + request.port());
        parts.put("PayloadHash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(c.receivedBody().getBytes(StandardCharsets.UTF_8))));
        question.put("Action", c.action()).put("Resource", c.resource()).put("SourceIp", "198.51.100.7");

        String body = question.toString();
        SdkHttpRequest call = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(server.endpoint() + "/authorize/v1")).putHeader("Content-Type", "application/json")
                .build(), body, KEYS.get(c.asker()), "lanyard");
        HttpRequest.Builder http = HttpRequest.newBuilder(call.getUri())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        call.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        try (HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = httpClient.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        }
    }

    private static SdkHttpRequest sign(SdkHttpRequest request, String body, AccessKey key, String service) {
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    }
}
