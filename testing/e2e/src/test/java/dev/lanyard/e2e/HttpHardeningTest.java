package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.server.HttpLimits;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP level over raw sockets: HTTP/1.0 (nginx's default proxy_pass) is served, broken framing is a 400 in AWS's
 * shape, only GET and POST on '/' are the API, and clients that trickle bytes or stall are disconnected. Nothing here
 * measures time: a slow client is one whose bytes are paced apart, and the assertion is that the server closed on it
 * before it finished.
 */
class HttpHardeningTest {
    /** Short enough that a trickling client outlasts them many times over. */
    private static final HttpLimits STRICT = new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    /** Longer than any read of RawSocket: whatever closes a connection on this server is not the idle limit. */
    private static final HttpLimits PATIENT = new HttpLimits(Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static TestServer server;
    private static TestServer strict;

    @BeforeAll
    static void start() {
        server = TestServer.start(Clock.systemUTC(), config -> config.withHttpLimits(PATIENT));
        strict = TestServer.start(Clock.systemUTC(), config -> config.withHttpLimits(STRICT));
    }

    @AfterAll
    static void stop() {
        server.close();
        strict.close();
    }

    private static RawSocket connect() {
        return new RawSocket(server.port());
    }

    private static RawSocket connectStrict() {
        return new RawSocket(strict.port());
    }

    private static String host() {
        return host(server);
    }

    private static String host(TestServer to) {
        return "127.0.0.1:" + to.port();
    }

    private static String signedCallerIdentity(String version, Map<String, String> extra) {
        return signedCallerIdentity(server, version, extra);
    }

    /** A GetCallerIdentity POST signed by the root key, as raw request text for the given protocol version. */
    private static String signedCallerIdentity(TestServer to, String version, Map<String, String> extra) {
        String body = "Action=GetCallerIdentity&Version=2011-06-15";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host(to)));
        headers.put("Content-Type", List.of(FORM));
        List<String> root = to.rootCredentials();
        Map<String, String> signed = new SigV4Signer(root.get(0), SecretAccessKey.of(root.get(1)), Optional.empty())
                .signHeaders(new HttpRequestParts("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8)),
                        "us-east-1", "sts", Instant.now());
        StringBuilder text = new StringBuilder("POST / " + version + "\r\nHost: " + host(to) + "\r\nContent-Type: " + FORM
                + "\r\nContent-Length: " + body.length() + "\r\n");
        signed.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        extra.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.append("\r\n").append(body).toString();
    }

    @Test
    void http10RequestsAreAnsweredAndTheConnectionClosed() {
        try (RawSocket socket = connect()) {
            socket.send("GET /health/live HTTP/1.0\r\nHost: " + host() + "\r\n\r\n");
            RawSocket.Response response = socket.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("UP");
            assertThat(socket.closedByServer()).isTrue();
        }
        // What nginx's proxy_pass sends by default: HTTP/1.0, Connection: close, a Content-Length.
        try (RawSocket socket = connect()) {
            socket.send(signedCallerIdentity("HTTP/1.0", Map.of("Connection", "close")));
            RawSocket.Response response = socket.read();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("<GetCallerIdentityResult>");
            assertThat(response.header("Transfer-Encoding")).isEmpty();
            assertThat(socket.closedByServer()).isTrue();
        }
        // HTTP/1.0 keep-alive is not offered: the answer still ends the connection.
        try (RawSocket socket = connect()) {
            socket.send(signedCallerIdentity("HTTP/1.0", Map.of("Connection", "keep-alive")));
            assertThat(socket.read().status()).isEqualTo(200);
            assertThat(socket.closedByServer()).isTrue();
        }
    }

    @Test
    void http11ConnectionsStayOpenForTheNextRequest() {
        try (RawSocket socket = connect()) {
            socket.send(signedCallerIdentity("HTTP/1.1", Map.of()));
            assertThat(socket.read().status()).isEqualTo(200);
            socket.send(signedCallerIdentity("HTTP/1.1", Map.of()));
            assertThat(socket.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aMalformedChunkSizeIsA400InAwsShape() {
        try (RawSocket socket = connect()) {
            socket.send("POST / HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: " + FORM
                    + "\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nAction=GetCallerIdentity\r\n0\r\n\r\n");
            RawSocket.Response response = socket.read();
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>MalformedHttpRequestException</Code>",
                    "<Message>The request body cannot be read: a chunk size is not a hexadecimal number.</Message>");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(socket.closedByServer()).isTrue();
        }
        // A chunk size too large for Helidon to represent, and a body cut short by the client: 400 as well.
        try (RawSocket socket = connect()) {
            socket.send("POST / HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: " + FORM
                    + "\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nAction\r\n0\r\n\r\n");
            RawSocket.Response response = socket.read();
            assertThat(response.status()).as(response.body()).isBetween(400, 413);
            assertThat(response.body()).contains("<ErrorResponse");
        }
        assertServes();
    }

    @Test
    void onlyGetAndPostOnTheRootAreTheApi() {
        try (RawSocket socket = connect()) {
            socket.send("PUT / HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: 0\r\n\r\n");
            RawSocket.Response put = socket.read();
            assertThat(put.status()).isEqualTo(405);
            assertThat(put.header("Allow")).isEqualTo("GET, POST");
            assertThat(put.body()).contains("<Code>MethodNotAllowed</Code>");

            socket.send("GET /iam/?Action=ListUsers HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
            RawSocket.Response elsewhere = socket.read();
            assertThat(elsewhere.status()).isEqualTo(404);
            assertThat(elsewhere.body()).contains("<Code>NotFound</Code>");

            socket.send("DELETE / HTTP/1.1\r\nHost: " + host() + "\r\nX-Amz-Target: AWSOrganizationsV20161128."
                    + "ListAccounts\r\n\r\n");
            RawSocket.Response json = socket.read();
            assertThat(json.status()).isEqualTo(405);
            assertThat(json.body()).contains("\"__type\":\"MethodNotAllowed\"");

            socket.send("HEAD / HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
            RawSocket.Response head = socket.readHead();
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.body()).isEmpty();

            socket.send("POST /health HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: 0\r\n\r\n");
            assertThat(socket.read().status()).isEqualTo(405);
            socket.send("GET /health HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
            assertThat(socket.read().status()).isEqualTo(200);
            socket.send(signedCallerIdentity("HTTP/1.1", Map.of()));
            assertThat(socket.read().status()).isEqualTo(200);
        }
    }

    /** botocore's json protocol errors: duplicate keys and bytes after the object are a SerializationException. */
    @Test
    void theOrganizationsJsonBodyIsOneObjectWithoutDuplicateKeys() {
        for (String body : List.of("{\"AccountId\":\"111122223333\",\"AccountId\":\"" + server.accountId() + "\"}",
                "{\"AccountId\":\"" + server.accountId() + "\"}{\"AccountId\":\"111122223333\"}",
                "{\"AccountId\":\"" + server.accountId() + "\"} garbage", "[]")) {
            try (RawSocket socket = connect()) {
                socket.send(signedOrganizations("DescribeAccount", body));
                RawSocket.Response response = socket.read();
                assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
                assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
                assertThat(response.body()).startsWith("{\"__type\":\"SerializationException\",\"message\":");
            }
        }
        try (RawSocket socket = connect()) {
            socket.send(signedOrganizations("DescribeAccount", "{\"AccountId\":\"" + server.accountId() + "\"}"));
            RawSocket.Response response = socket.read();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(server.accountId());
        }
    }

    /** A JSON-protocol POST signed by the root key, X-Amz-Target signed as every SDK signs it. */
    private static String signedOrganizations(String operation, String body) {
        String target = "AWSOrganizationsV20161128." + operation;
        String type = "application/x-amz-json-1.1";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host()));
        headers.put("Content-Type", List.of(type));
        headers.put("X-Amz-Target", List.of(target));
        List<String> root = server.rootCredentials();
        Map<String, String> signed = new SigV4Signer(root.get(0), SecretAccessKey.of(root.get(1)), Optional.empty())
                .signHeaders(new HttpRequestParts("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8)),
                        "us-east-1", "organizations", Instant.now(),
                        dev.lanyard.sigv4.SigningOptions.defaults().withExtraSignedHeaders("x-amz-target"));
        StringBuilder text = new StringBuilder("POST / HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: " + type
                + "\r\nX-Amz-Target: " + target + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        signed.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.append("\r\n").append(body).toString();
    }

    @Test
    void aSilentConnectionIsClosed() {
        try (RawSocket socket = connectStrict()) {
            assertThat(socket.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionIdleAfterAnAnswerIsClosed() {
        try (RawSocket socket = connectStrict()) {
            socket.send("GET /health/live HTTP/1.1\r\nHost: " + host(strict) + "\r\n\r\n");
            assertThat(socket.read().status()).isEqualTo(200);
            assertThat(socket.closedByServer()).isTrue();
        }
    }

    /** Slowloris: headers one byte at a time never complete a request, so the connection is closed mid-way. */
    @Test
    void headersTrickledByteByByteAreCutOff() {
        String request = "POST / HTTP/1.1\r\nHost: " + host(strict) + "\r\nX-Filler: " + "a".repeat(400) + "\r\n\r\n";
        assertThat(trickle(request.getBytes(StandardCharsets.US_ASCII), 0)).isLessThan(request.length());
        assertServes();
    }

    /** The same for a body: complete headers, then a body that never arrives in time. */
    @Test
    void aBodyTrickledByteByByteIsCutOff() {
        String body = "Action=GetCallerIdentity&Version=2011-06-15&X=" + "a".repeat(400);
        String headers = "POST / HTTP/1.1\r\nHost: " + host(strict) + "\r\nContent-Type: " + FORM + "\r\nContent-Length: "
                + body.length() + "\r\n\r\n";
        String request = headers + body;
        assertThat(trickle(request.getBytes(StandardCharsets.US_ASCII), headers.length()))
                .isBetween(headers.length(), request.length() - 1);
        assertServes();
    }

    /**
     * Sends {@code bytes}, the first {@code atOnce} together and then one every 50 ms, until the server closes the
     * connection; returns how many were sent by then.
     */
    private static int trickle(byte[] bytes, int atOnce) {
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (RawSocket socket = connectStrict()) {
            socket.send(java.util.Arrays.copyOf(bytes, atOnce));
            sent.set(atOnce);
            pace.scheduleAtFixedRate(() -> {
                int next = sent.get();
                if (next < bytes.length) {
                    try {
                        socket.send(new byte[] {bytes[next]});
                        sent.incrementAndGet();
                    } catch (RuntimeException closed) {
                        pace.shutdown();
                    }
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
            assertThat(socket.closedByServer()).as("the server closed the connection").isTrue();
            return sent.get();
        } finally {
            pace.shutdownNow();
        }
    }

    private static void assertServes() {
        for (TestServer each : List.of(server, strict)) {
            try (RawSocket socket = new RawSocket(each.port())) {
                socket.send(signedCallerIdentity(each, "HTTP/1.1", Map.of()));
                assertThat(socket.read().status()).isEqualTo(200);
            }
        }
    }
}
