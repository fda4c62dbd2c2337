package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS Query wire contract and bad input over raw HTTP: codes, statuses, envelopes; the server keeps serving. */
class WireProtocolTest {
    private static TestServer server;
    private static RawHttpClient raw;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        raw = new RawHttpClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>").contains("<RequestId>")
                .startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void successEnvelopeXmlAndJson() {
        HttpResponse<String> xml = raw.signedPost("Action=GetCallerIdentity&Version=2011-06-15", Instant.now());
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).contains("text/xml");
        assertThat(xml.body()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult>").contains("<ResponseMetadata><RequestId>"
                + xml.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>");
        assertThat(xml.headers().firstValue("x-amzn-RequestId").orElseThrow())
                .as("a version-4 UUID").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        var creds = server.rootCredentials();
        HttpResponse<String> json = raw.signedPost("Action=GetCallerIdentity&Version=2011-06-15"
                .getBytes(StandardCharsets.UTF_8), creds.get(0), creds.get(1), Optional.empty(), Instant.now(),
                Map.of("Accept", "application/json"));
        assertThat(json.body()).startsWith("{\"GetCallerIdentityResponse\":{\"GetCallerIdentityResult\":{")
                .contains("\"Account\":\"" + server.accountId() + "\"");
    }

    @Test
    void unsignedRequestsAreRefused() {
        assertError(raw.send("POST", "", "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 403, "MissingAuthenticationToken");
        assertError(raw.send("GET", "Action=GetCallerIdentity", new byte[0], Map.of()), 403,
                "MissingAuthenticationToken");
    }

    @Test
    void unknownActionAndMissingParameters() {
        assertError(raw.signedPost("Action=NoSuchThing&Version=2011-06-15", Instant.now()), 400, "InvalidAction");
        HttpResponse<String> missing = raw.signedPost("Action=GetAccessKeyInfo&Version=2011-06-15", Instant.now());
        assertError(missing, 400, "MissingParameter");
        assertThat(missing.body()).contains("The request must contain the parameter AccessKeyId");
        assertError(raw.signedPost("Version=2011-06-15", Instant.now()), 400, "MissingAction");
    }

    @Test
    void malformedBytesAndOversizeBodies() {
        var creds = server.rootCredentials();
        byte[] badUtf8 = "Action=GetCallerIdentity&Version=2011-06-15&X=%C3%28".getBytes(StandardCharsets.US_ASCII);
        assertError(raw.signedPost(badUtf8, creds.get(0), creds.get(1), Optional.empty(), Instant.now(), Map.of()),
                400, "MalformedQueryString");
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertError(raw.send("POST", "", huge, Map.of("Content-Type", "application/x-www-form-urlencoded")), 413,
                "RequestEntityTooLarge");
        assertThat(raw.signedPost("Action=GetCallerIdentity&Version=2011-06-15", Instant.now()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void signaturesOutsideTheWindowAreRefused() {
        HttpResponse<String> old = raw.signedPost("Action=GetCallerIdentity&Version=2011-06-15",
                Instant.now().minus(Duration.ofMinutes(20)));
        assertError(old, 403, "SignatureDoesNotMatch");
        assertThat(old.body()).contains("Signature expired: ");
        HttpResponse<String> future = raw.signedPost("Action=GetCallerIdentity&Version=2011-06-15",
                Instant.now().plus(Duration.ofMinutes(20)));
        assertThat(future.body()).contains("Signature not yet current: ");
    }

    @Test
    void malformedAuthorizationHeader() {
        HttpResponse<String> response = raw.send("POST", "", "Action=GetCallerIdentity".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261123/us-east-1/sts/aws4_request",
                        "X-Amz-Date", "20261123T000000Z"));
        assertError(response, 400, "IncompleteSignature");
    }

    @Test
    void truncatedOrForgedSessionTokens() {
        var creds = server.rootCredentials();
        HttpResponse<String> response = raw.signedPost("Action=GetSessionToken&Version=2011-06-15"
                .getBytes(StandardCharsets.UTF_8), creds.get(0), creds.get(1), Optional.empty(), Instant.now(),
                Map.of());
        String body = response.body();
        String keyId = between(body, "<AccessKeyId>", "</AccessKeyId>");
        String secret = between(body, "<SecretAccessKey>", "</SecretAccessKey>");
        String token = between(body, "<SessionToken>", "</SessionToken>");
        byte[] call = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        assertThat(raw.signedPost(call, keyId, secret, Optional.of(token), Instant.now(), Map.of()).statusCode())
                .isEqualTo(200);
        assertError(raw.signedPost(call, keyId, secret, Optional.of(token.substring(0, token.length() / 2)),
                Instant.now(), Map.of()), 403, "InvalidClientTokenId");
        assertError(raw.signedPost(call, keyId, secret, Optional.empty(), Instant.now(), Map.of()), 403,
                "InvalidClientTokenId");
        String otherKey = keyId.substring(0, 19) + (keyId.charAt(19) == 'A' ? 'B' : 'A');
        assertError(raw.signedPost(call, otherKey, secret, Optional.of(token), Instant.now(), Map.of()), 403,
                "InvalidClientTokenId");
    }

    @Test
    void getRequestsWithQueryParametersWork() {
        var creds = server.rootCredentials();
        // A GET whose parameters are all in the URL, signed in the Authorization header.
        var headers = new java.util.LinkedHashMap<String, java.util.List<String>>();
        headers.put("Host", java.util.List.of("127.0.0.1:" + server.port()));
        String query = "Action=GetCallerIdentity&Version=2011-06-15";
        var parts = new dev.lanyard.sigv4.HttpRequestParts("GET", "/", query, headers, new byte[0]);
        Map<String, String> signed = new dev.lanyard.sigv4.SigV4Signer(creds.get(0),
                dev.lanyard.aws.SecretAccessKey.of(creds.get(1)), Optional.empty())
                .signHeaders(parts, "us-east-1", "sts", Instant.now());
        HttpResponse<String> response = raw.send("GET", query, new byte[0], signed);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String presigned = new dev.lanyard.sigv4.SigV4Signer(creds.get(0),
                dev.lanyard.aws.SecretAccessKey.of(creds.get(1)), Optional.empty())
                .presignQuery(parts, "us-east-1", "sts", Instant.now(), Duration.ofSeconds(60));
        assertThat(raw.send("GET", presigned, new byte[0], Map.of()).statusCode()).isEqualTo(200);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
