package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lanyard.authorizer.AuthorizationApiException;
import dev.lanyard.authorizer.AuthorizationDecision;
import dev.lanyard.authorizer.AuthorizationQuestion;
import dev.lanyard.authorizer.LanyardAuthorizer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * with the same library. The same requests then go through nginx (deploy/nginx-auth-request.conf as shipped) in
 * front of a tiny service that echoes the identity nginx passed it. One table of cases for both signers and doors.
 */
class AuthorizeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE_URL = "http://orders.example.test:8080";
    private static TestServer server;
    private static Path catalogue;
    private static final Map<String, AccessKey> KEYS = new java.util.HashMap<>();
    private static final Path REPO = Path.of(System.getProperty("lanyard.repo.dir"));
    private static HttpServer upstream;
    private static Nginx nginx;

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
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", AuthorizeApiTest::echoIdentity);
        upstream.start();
        String shipped = Files.readString(REPO.resolve("deploy/nginx-auth-request.conf"));
        nginx = Nginx.start(port -> shipped.replace("127.0.0.1:8955", "127.0.0.1:" + server.port())
                .replace("127.0.0.1:8080", "127.0.0.1:" + upstream.getAddress().getPort())
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";"));
    }

    /** The service behind nginx: answers with the method, path and every X-Lanyard-* header it was given. */
    private static void echoIdentity(HttpExchange exchange) throws IOException {
        ObjectNode seen = JSON.createObjectNode().put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath());
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-lanyard-")) {
                seen.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst());
            }
        });
        byte[] body = seen.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        if (policy != null) {
            iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        }
        KEYS.put(name, iam.createAccessKey(r -> r.userName(name)).accessKey());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            auditTrailHoldsNoSecret();
        } finally {
            if (nginx != null) {
                nginx.close();
            }
            if (upstream != null) {
                upstream.stop(0);
            }
            server.close();
            Files.deleteIfExists(catalogue);
        }
    }

    /**
     * After every case of the class (allowed, denied, refused signatures, through nginx): no audit record holds a
     * secret key of the services or the clients.
     */
    private static void auditTrailHoldsNoSecret() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(server.dataDirectory.resolve("audit"))) {
            for (Path file : files.toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertThat(lines).hasSizeGreaterThan(10).anyMatch(line -> line.contains("Authorize"));
        for (String line : lines) {
            for (AccessKey key : KEYS.values()) {
                assertThat(line).doesNotContain(key.secretAccessKey());
            }
        }
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

    /** The same table through the Java client library, the client signing with the SDK for Java v2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLibraryHearsTheSameAnswers(Case c) {
        Case resolved = new Case(c.name(), c.client(), c.asker(), c.method(), c.path(), c.body(), c.receivedBody(),
                c.signingName(), c.action(), c.resource().replace("ACCOUNT", server.accountId()), c.status(),
                c.decision(), c.code());
        LanyardAuthorizer authorizer = library(c.asker());
        SdkHttpRequest request = sign(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create(SERVICE_URL + c.path())).build(), c.body(), KEYS.get(c.client()), c.signingName());
        Map<String, List<String>> headers = new java.util.HashMap<>(request.headers());
        headers.put("Host", List.of(request.host() + ":" + request.port()));
        AuthorizationQuestion question = AuthorizationQuestion.of(c.method(), request.encodedPath(), "", headers,
                c.receivedBody().getBytes(StandardCharsets.UTF_8), c.action(), resolved.resource(), "198.51.100.7",
                false);
        if (c.status() != 200) {
            assertThatThrownBy(() -> authorizer.authorize(question)).isInstanceOfSatisfying(
                    AuthorizationApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(c.code());
                        assertThat(e.httpStatus()).isEqualTo(c.status());
                    });
            return;
        }
        AuthorizationDecision decision = authorizer.authorize(question);
        assertThat(decision.decision()).isEqualTo(c.decision());
        assertThat(decision.allowed()).isEqualTo(c.decision().equals("Allowed"));
        assertThat(decision.error().map(AuthorizationDecision.ClientError::code).orElse("")).isEqualTo(c.code());
        if (!c.decision().equals("Unauthenticated")) {
            assertThat(decision.principal().orElseThrow().arn())
                    .isEqualTo("arn:aws:iam::" + server.accountId() + ":user/" + c.client());
        }
        // asked again, the same signed request is answered from the cache, identically
        assertThat(authorizer.cachedAnswers()).isEqualTo(1);
        assertThat(authorizer.authorize(question)).isEqualTo(decision);
    }

    private static LanyardAuthorizer library(String asker) {
        return LanyardAuthorizer.builder(URI.create(server.endpoint()), KEYS.get(asker).accessKeyId(),
                dev.lanyard.aws.SecretAccessKey.of(KEYS.get(asker).secretAccessKey()), Clock.systemUTC()).build();
    }

    /** The same requests sent to the service through nginx, which asks Lanyard by auth_request. */
    static List<Case> nginxCases() {
        return List.of(
                new Case("allowed", "alice", "", "GET", "/orders/42", "", "", "orders", "orders:GetOrder", "", 200,
                        "", ""),
                new Case("no allow", "bob", "", "GET", "/orders/42", "", "", "orders", "orders:GetOrder", "", 403,
                        "", "AccessDenied"),
                new Case("explicit deny", "alice", "", "DELETE", "/orders/42", "", "", "orders", "orders:CancelOrder",
                        "", 403, "", "AccessDenied"),
                new Case("signed for another service", "alice", "", "GET", "/orders/42", "", "", "inventory",
                        "orders:GetOrder", "", 401, "", "SignatureDoesNotMatch"),
                new Case("a body nginx cannot pass on", "alice", "", "PUT", "/orders/42", "{\"qty\":2}", "",
                        "orders", "orders:UpdateOrder", "", 401, "", "AccessDenied"),
                new Case("no route", "alice", "", "PATCH", "/orders/42", "", "", "orders", "", "", 401, "",
                        "AccessDenied"));
    }

    static Stream<Arguments> nginxCasesBySigner() {
        List<Arguments> all = new ArrayList<>();
        for (Signer signer : Signer.values()) {
            nginxCases().forEach(c -> all.add(Arguments.of(signer, c)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nginxCasesBySigner")
    void nginxPassesOnlyWhatIamAllowsWithTheCallersIdentity(Signer signer, Case c) throws Exception {
        String url = "http://127.0.0.1:" + nginx.port + c.path();
        // a client claiming another identity in the headers nginx passes upstream changes nothing
        Map<String, String> forged = Map.of("X-Lanyard-Principal-Arn", "arn:aws:iam::" + server.accountId()
                + ":root");
        Answer answer = switch (signer) {
            case BOTOCORE -> botocoreThroughNginx(url, c, forged);
            case JAVA_SDK -> javaSdkThroughNginx(url, c, forged);
        };
        assertThat(answer.status()).as(answer.body() + nginx.log()).isEqualTo(c.status());
        if (c.status() == 200) {
            assertThat(answer.body().get("x-lanyard-principal-arn").asText())
                    .isEqualTo("arn:aws:iam::" + server.accountId() + ":user/" + c.client());
            assertThat(answer.body().get("x-lanyard-account").asText()).isEqualTo(server.accountId());
            assertThat(answer.body().get("x-lanyard-action").asText()).isEqualTo(c.action());
            assertThat(answer.body().get("x-lanyard-resource").asText())
                    .isEqualTo("arn:aws:orders:us-east-1:" + server.accountId() + ":order/42");
        } else {
            assertThat(answer.body().get("__type").asText()).isEqualTo(c.code());
        }
    }

    private static Map<String, Answer> botocoreNginxAnswers;

    private static synchronized Answer botocoreThroughNginx(String url, Case c, Map<String, String> unsigned)
            throws Exception {
        if (botocoreNginxAnswers == null) {
            ArrayNode inputs = JSON.createArrayNode();
            for (Case each : nginxCases()) {
                ObjectNode input = inputs.addObject().put("url", "http://127.0.0.1:" + nginx.port + each.path())
                        .put("method", each.method()).put("body", each.body())
                        .put("signingName", each.signingName()).put("id", KEYS.get(each.client()).accessKeyId())
                        .put("secret", KEYS.get(each.client()).secretAccessKey());
                ObjectNode extra = input.putObject("unsignedHeaders");
                unsigned.forEach(extra::put);
            }
            botocoreNginxAnswers = answers(nginxCases(), runPython("/nginx_botocore_client.py", inputs), true);
        }
        return botocoreNginxAnswers.get(c.name());
    }

    private static Answer javaSdkThroughNginx(String url, Case c, Map<String, String> unsigned) throws Exception {
        SdkHttpRequest request = sign(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create(url)).build(), c.body(), KEYS.get(c.client()), c.signingName());
        HttpRequest.Builder http = HttpRequest.newBuilder(request.getUri()).method(c.method(), c.body().isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        unsigned.forEach(http::header);
        try (HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = httpClient.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        }
    }

    private static JsonNode runPython(String resource, JsonNode input) throws Exception {
        Path script = Path.of(AuthorizeApiTest.class.getResource(resource).toURI());
        Path stdin = Files.createTempFile("authorize-case", ".json");
        try {
            Files.writeString(stdin, input.toString());
            ExternalProcess.Result result = ExternalProcess.run(List.of("sh", "-c", "python3 \"$0\" < \"$1\"",
                    script.toString(), stdin.toString()), Map.of("AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return JSON.readTree(result.stdout());
        } finally {
            Files.deleteIfExists(stdin);
        }
    }

    /** botocore's answers to every case, from one Python process (importing botocore takes seconds). */
    private static Map<String, Answer> botocoreAnswers;

    private static synchronized Answer botocore(Case c) throws Exception {
        if (botocoreAnswers == null) {
            ArrayNode inputs = JSON.createArrayNode();
            for (Case each : cases()) {
                ObjectNode input = inputs.addObject();
                input.put("endpoint", server.endpoint()).put("method", each.method())
                        .put("url", SERVICE_URL + each.path()).put("body", each.body())
                        .put("receivedBody", each.receivedBody()).put("signingName", each.signingName())
                        .put("action", each.action())
                        .put("resource", each.resource().replace("ACCOUNT", server.accountId()));
                input.putObject("client").put("id", KEYS.get(each.client()).accessKeyId())
                        .put("secret", KEYS.get(each.client()).secretAccessKey());
                input.putObject("service").put("id", KEYS.get(each.asker()).accessKeyId())
                        .put("secret", KEYS.get(each.asker()).secretAccessKey());
            }
            botocoreAnswers = answers(cases(), runPython("/authorize_botocore.py", inputs), false);
        }
        return botocoreAnswers.get(c.name());
    }

    private static Map<String, Answer> answers(List<Case> cases, JsonNode out, boolean bodyIsText)
            throws IOException {
        Map<String, Answer> answers = new java.util.HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode body = out.get(i).get("body");
            answers.put(cases.get(i).name(), new Answer(out.get(i).get("status").asInt(),
                    bodyIsText ? JSON.readTree(body.asText()) : body));
        }
        return answers;
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
