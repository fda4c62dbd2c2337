package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Only signed bytes carry meaning: a request signed for one thing cannot be made to do another by bytes its signature
 * does not cover (a body sent with a presigned URL, a body under UNSIGNED-PAYLOAD, an unsigned Content-Type). Each
 * case is the attack as a forger would send it over raw HTTP, replaying what an administrator signed.
 */
class SignedBytesTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static RawHttpClient raw;
    private static IamClient rootIam;

    private static final String REGION = "eu-central-1";
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, config -> config.withRegion(REGION));
        raw = new RawHttpClient(server);
        rootIam = Clients.iam(server, Clients.root(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new administrator's signer; his user name is {@code name}. */
    private static SigV4Signer admin(String name) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return new SigV4Signer(key.accessKeyId(), SecretAccessKey.of(key.secretAccessKey()), Optional.empty());
    }

    private static String fresh(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private static String user(String prefix) {
        String name = fresh(prefix);
        rootIam.createUser(r -> r.userName(name));
        return name;
    }

    private static int keysOf(String user) {
        return rootIam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().size();
    }

    private static HttpRequestParts request(String method, String query, Map<String, String> headers, String body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("127.0.0.1:" + server.port()));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new HttpRequestParts(method, "/", query, all, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A presigned POST URL whose payload hash is UNSIGNED-PAYLOAD, as S3 presigners make them. */
    private static String presignUnsignedPayload(SigV4Signer signer, String query, String service) {
        HttpRequestParts toSign = request("POST", query, Map.of("x-amz-content-sha256", UNSIGNED_PAYLOAD), "");
        return signer.presignQuery(toSign, "us-east-1", service, CLOCK.instant(), Duration.ofSeconds(300));
    }

    /** The same bytes sent as they are, and with an unsigned {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}. */
    private static List<HttpResponse<String>> replayWithBody(String url, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return List.of(raw.send("POST", url, bytes, Map.of("Content-Type", FORM)),
                raw.send("POST", url, bytes, Map.of("Content-Type", FORM, "x-amz-content-sha256", UNSIGNED_PAYLOAD)));
    }

    @Test
    void aBodyAddedToAPresignedUrlCreatesNoKeyForAnotherUser() {
        SigV4Signer signer = admin(fresh("admin"));
        String victim = user("victim");
        String url = presignUnsignedPayload(signer, "Action=CreateAccessKey&Version=2010-05-08", "iam");
        List<HttpResponse<String>> responses = replayWithBody(url, "UserName=" + victim);
        assertThat(keysOf(victim)).as(responses.toString()).isZero();
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(responses).extracting(HttpResponse::body)
                .allMatch(body -> body.contains("<Code>InvalidParameterCombination</Code>"));
    }

    @Test
    void aBodyAddedToAPresignedAssumeRoleMintsNoTaggedSession() {
        SigV4Signer signer = admin(fresh("assumer"));
        String role = fresh("tagged");
        rootIam.createRole(r -> r.roleName(role).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":["sts:AssumeRole","sts:TagSession"]}]}""".formatted(server.accountId())));
        String url = presignUnsignedPayload(signer, "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A"
                + server.accountId() + "%3Arole%2F" + role + "&RoleSessionName=session", "sts");
        List<HttpResponse<String>> responses = replayWithBody(url, "Tags.member.1.Key=team&Tags.member.1.Value=admins");
        assertThat(responses).extracting(HttpResponse::body).noneMatch(body -> body.contains("<Credentials>"));
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(400);
    }

    @Test
    void aPresignedUrlSignedWithUnsignedPayloadIsRefusedEvenWithoutABody() {
        String name = fresh("presigner");
        SigV4Signer signer = admin(name);
        String url = presignUnsignedPayload(signer, "Action=CreateAccessKey&Version=2010-05-08", "iam");
        HttpResponse<String> response = raw.send("POST", url, new byte[0], Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(keysOf(name)).isEqualTo(1);
    }

    @Test
    void aSignedUnsignedPayloadHeaderDoesNotLetTheBodyBeSwapped() {
        SigV4Signer signer = admin(fresh("swapper"));
        String victim = user("victim");
        HttpRequestParts toSign = request("POST", "", Map.of("Content-Type", FORM,
                "x-amz-content-sha256", UNSIGNED_PAYLOAD), "Action=CreateAccessKey&Version=2010-05-08");
        Map<String, String> headers = new LinkedHashMap<>(signer.signHeaders(toSign, "us-east-1", "iam",
                CLOCK.instant(), SigningOptions.defaults().withExtraSignedHeaders("x-amz-content-sha256")));
        headers.put("Content-Type", FORM);
        headers.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        HttpResponse<String> swapped = raw.send("POST", "", ("Action=CreateAccessKey&Version=2010-05-08&UserName="
                + victim).getBytes(StandardCharsets.UTF_8), headers);
        assertThat(keysOf(victim)).as(swapped.body()).isZero();
        assertThat(swapped.statusCode()).isEqualTo(403);
    }

    /**
     * The AWS SDK for JavaScript v2 does not sign Content-Type. An unsigned Content-Type cannot turn the signed form
     * body into nothing: the request still does exactly what was signed (a key for bob, not for the caller).
     */
    @Test
    void anUnsignedContentTypeCannotDropTheSignedBody() {
        String caller = fresh("caller");
        SigV4Signer signer = admin(caller);
        String bob = user("bob");
        String query = "Action=CreateAccessKey&Version=2010-05-08";
        HttpRequestParts toSign = request("POST", query, Map.of(), "UserName=" + bob);
        Map<String, String> headers = new LinkedHashMap<>(signer.signHeaders(toSign, "us-east-1", "iam",
                CLOCK.instant()));
        assertThat(headers.get("Authorization")).doesNotContain("content-type");
        headers.put("Content-Type", "text/plain");
        HttpResponse<String> response = raw.send("POST", query, ("UserName=" + bob).getBytes(StandardCharsets.UTF_8),
                headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("<UserName>" + bob + "</UserName>");
        assertThat(keysOf(caller)).isEqualTo(1);
    }

    /**
     * The class sweep, with botocore: every IAM and STS operation in AWS's models, presigned by botocore and sent with
     * a body, is refused before it runs; the same URLs without a body still work.
     */
    @Test
    void botocorePresignedUrlsOfEveryOperationTakeNoBody() throws Exception {
        java.nio.file.Path script = java.nio.file.Path.of(SignedBytesTest.class.getResource("/signed_bytes.py").toURI());
        List<String> root = server.rootCredentials();
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                root.get(0), root.get(1)), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode findings = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(result.stdout());
        assertThat(findings.get("swept").asInt()).as("IAM and STS operations in botocore's models").isGreaterThan(150);
        // Only the two unsigned federation calls take their parameters from every byte (botocore does not sign them).
        assertThat(findings.get("sweep_not_refused").properties()).extracting(Map.Entry::getKey)
                .containsOnly("sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML");
        findings.get("sweep_not_refused").forEach(r -> assertThat(r.get(0).asInt()).isBetween(400, 499));
        assertThat(findings.get("presigned_identity").toString()).isEqualTo("[200,true]");
        assertThat(findings.get("presigned_list_users").asInt()).isEqualTo(200);
        assertThat(findings.get("unsigned_payload_presign").toString()).isEqualTo("[403,\"SignatureDoesNotMatch\"]");
        assertThat(findings.get("unsigned_payload_presign_with_body").asInt()).isEqualTo(400);
        assertThat(findings.get("akia_with_token").toString())
                .isEqualTo("[\"InvalidClientTokenId\",\"The security token included in the request is invalid.\"]");
        // STS in a region it does not serve is a regional endpoint that is not active (once the caller is known).
        assertThat(findings.get("sts_foreign_region").toString()).isEqualTo("[\"RegionDisabledException\","
                + "\"STS is not activated in this region for account:" + server.accountId() + ". Your account"
                + " administrator can activate STS in this region using the IAM Console.\"]");
        assertThat(findings.get("iam_foreign_region").toString()).isEqualTo("[\"SignatureDoesNotMatch\","
                + "\"Credential should be scoped to a valid region, not 'eu-west-9'.\"]");
    }

    /** X-Amz-Target picks the JSON protocol and its operation: unsigned, it is refused, never followed. */
    @Test
    void anUnsignedTargetIsRefused() {
        SigV4Signer signer = admin(fresh("target"));
        String body = "Action=ListUsers&Version=2010-05-08";
        HttpRequestParts toSign = request("POST", "", Map.of("Content-Type", FORM), body);
        Map<String, String> headers = new LinkedHashMap<>(signer.signHeaders(toSign, REGION, "iam", CLOCK.instant()));
        headers.put("Content-Type", FORM);
        headers.put("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts");
        HttpResponse<String> response = raw.send("POST", "", body.getBytes(StandardCharsets.UTF_8), headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"IncompleteSignature\"")
                .contains("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aLongTermKeyWithASessionTokenIsInvalid() {
        List<String> root = server.rootCredentials();
        byte[] call = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> signed = raw.signedPost(call, root.get(0), root.get(1), Optional.of("FQoGZXIvYXdzEBogus"),
                CLOCK.instant(), Map.of());
        assertThat(signed.statusCode()).isEqualTo(403);
        assertThat(signed.body()).contains("<Code>InvalidClientTokenId</Code>",
                "<Message>The security token included in the request is invalid.</Message>");
        SigV4Signer withToken = new SigV4Signer(root.get(0), SecretAccessKey.of(root.get(1)),
                Optional.of("FQoGZXIvYXdzEBogus"));
        String url = withToken.presignQuery(request("GET", "Action=GetCallerIdentity&Version=2011-06-15", Map.of(), ""),
                "us-east-1", "sts", CLOCK.instant(), Duration.ofSeconds(60));
        assertThat(raw.send("GET", url, new byte[0], Map.of()).body()).contains("<Code>InvalidClientTokenId</Code>");
    }

    /**
     * Every presigned request expires after its X-Amz-Expires (RequestExpired), except the identity proof: a presigned
     * GetCallerIdentity lives for the skew window, as STS's does and as aws-iam-authenticator relies on.
     */
    @Test
    void presignedRequestsExpireAfterTheirExpiresExceptIdentityProofs() {
        SigV4Signer signer = admin(fresh("presigner"));
        Instant signedAt = CLOCK.instant();
        String listUsers = signer.presignQuery(request("GET", "Action=ListUsers&Version=2010-05-08", Map.of(), ""),
                REGION, "iam", signedAt, Duration.ofSeconds(60));
        String identity = signer.presignQuery(request("GET", "Action=GetCallerIdentity&Version=2011-06-15", Map.of(),
                ""), REGION, "sts", signedAt, Duration.ofSeconds(60));
        String sessionToken = signer.presignQuery(request("GET", "Action=GetSessionToken&Version=2011-06-15",
                Map.of(), ""), REGION, "sts", signedAt, Duration.ofSeconds(60));
        assertThat(raw.send("GET", listUsers, new byte[0], Map.of()).statusCode()).isEqualTo(200);
        try {
            CLOCK.advance(Duration.ofSeconds(61));
            for (String expired : List.of(listUsers, sessionToken)) {
                HttpResponse<String> response = raw.send("GET", expired, new byte[0], Map.of());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(response.body()).contains("<Code>RequestExpired</Code>",
                        "<Message>Request has expired.</Message>");
            }
            CLOCK.advance(Duration.ofMinutes(13));
            assertThat(raw.send("GET", identity, new byte[0], Map.of()).statusCode()).isEqualTo(200);
            CLOCK.advance(Duration.ofMinutes(2));
            assertThat(raw.send("GET", identity, new byte[0], Map.of()).body()).contains("Signature expired: ");
        } finally {
            // The SDK and botocore sign with the real time: give the server its clock back for the other tests.
            CLOCK.advance(Duration.between(CLOCK.instant(), signedAt));
        }
    }

    /** The credential scope must name a region this Lanyard serves: its own, or us-east-1 of the global endpoint. */
    @Test
    void theCredentialScopeNamesAServedRegion() {
        List<String> root = server.rootCredentials();
        SigV4Signer signer = new SigV4Signer(root.get(0), SecretAccessKey.of(root.get(1)), Optional.empty());
        java.util.function.BiFunction<String, String, HttpResponse<String>> call = (service, region) -> {
            String body = service.equals("sts") ? "Action=GetCallerIdentity&Version=2011-06-15"
                    : "Action=ListUsers&Version=2010-05-08";
            HttpRequestParts toSign = request("POST", "", Map.of("Content-Type", FORM), body);
            Map<String, String> headers = new LinkedHashMap<>(signer.signHeaders(toSign, region, service,
                    CLOCK.instant()));
            headers.put("Content-Type", FORM);
            return raw.send("POST", "", body.getBytes(StandardCharsets.UTF_8), headers);
        };
        for (String served : List.of(REGION, "us-east-1")) {
            assertThat(call.apply("sts", served).statusCode()).as(served).isEqualTo(200);
            assertThat(call.apply("iam", served).statusCode()).as(served).isEqualTo(200);
        }
        assertThat(call.apply("sts", "ap-south-1").body()).contains("<Code>RegionDisabledException</Code>");
        assertThat(call.apply("sts", "no_region").body()).contains("<Code>SignatureDoesNotMatch</Code>",
                "<Message>Credential should be scoped to a valid region, not &apos;no_region&apos;. </Message>");
        assertThat(call.apply("iam", "ap-south-1").body()).contains(
                "<Message>Credential should be scoped to a valid region, not &apos;ap-south-1&apos;.</Message>");
        assertThat(call.apply("sts", "").body()).contains(
                "<Message>Credential should be scoped to a valid region. </Message>");
        assertThat(call.apply("sts", "ap-south-1").statusCode()).isEqualTo(403);
        // The AWS SDK for Java v2 in the served region, and with Region.AWS_GLOBAL for IAM (it signs "aws-global").
        assertThat(software.amazon.awssdk.services.sts.StsClient.builder()
                .endpointOverride(java.net.URI.create(server.endpoint()))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        Clients.root(server)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build().getCallerIdentity().account()).isEqualTo(server.accountId());
        assertThat(rootIam.listUsers().users()).isNotEmpty();
    }
}
