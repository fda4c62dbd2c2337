package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.server.HttpLimits;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Slow clients on the S3 port, over raw sockets: a connection that sends nothing, headers trickled a byte at a time and
 * a body trickled a byte at a time are closed, while the gateway keeps serving others meanwhile; a body that keeps a
 * working pace is not cut off however long it outlasts the request timeout. Nothing here measures time: slow clients
 * are paced apart, and the assertions are on whether the server closed on them.
 */
class S3GatewaySlowClientTest {
    private static final String BUCKET = "slow-clients";
    /** Short enough that a trickling client outlasts them many times over. */
    private static final HttpLimits STRICT = new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(4));
    private static GatewayFixture gateway;
    private static Credentials writer;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(config -> config.withHttpLimits(STRICT));
        writer = gateway.assumeRole("slow-client-writer", allow(BUCKET, "s3:*"));
        try (S3AsyncClient s3 = client()) {
            s3.createBucket(r -> r.bucket(BUCKET)).join();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static int port() {
        return URI.create(gateway.s3Endpoint()).getPort();
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() {
        try (RawSocket socket = new RawSocket(port())) {
            assertThat(socket.closedByServer()).isTrue();
        }
        assertServesOthers("after-idle");
    }

    /** Slowloris: the headers' deadline is the request timeout, however the bytes trickle. */
    @Test
    void headersTrickledByteByByteAreCutOff() {
        String request = "GET /" + BUCKET + "/any HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + "a".repeat(400)
                + "\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        assertThat(trickle(bytes, 0, 1, "during-headers")).isLessThan(bytes.length);
    }

    /** A signed upload whose body trickles a byte at a time falls below the minimum rate and is cut off mid-way. */
    @Test
    void aBodyTrickledByteByByteIsCutOffAndNeverStored() {
        byte[] head = signedPut("trickled", 64 * 1024);
        byte[] request = Arrays.copyOf(head, head.length + 64 * 1024);
        assertThat(trickle(request, head.length, 1, "during-body")).isBetween(head.length, request.length - 1);
        assertThat(gatewayHas("trickled")).isFalse();
    }

    /**
     * An upload at a working pace (forty times the minimum rate) that lasts several request timeouts is received
     * whole: bodies have a rate, not a deadline.
     */
    @Test
    void aBodyAtAWorkingPaceOutlastsTheRequestTimeout() {
        int length = 64 * 8 * 1024;
        byte[] head = signedPut("paced", length);
        byte[] request = Arrays.copyOf(head, head.length + length);
        Arrays.fill(request, head.length, request.length, (byte) 'p');
        try (RawSocket socket = new RawSocket(port())) {
            socket.send(Arrays.copyOf(head, head.length));
            for (int sent = head.length; sent < request.length; sent += 8 * 1024) {
                socket.send(Arrays.copyOfRange(request, sent, Math.min(request.length, sent + 8 * 1024)));
                pause(100);
            }
            RawSocket.Response answer = socket.read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        try (S3AsyncClient other = client()) {
            assertThat(other.headObject(r -> r.bucket(BUCKET).key("paced")).join().contentLength()).isEqualTo(length);
        }
    }

    /**
     * botocore (before 1.43.77) sends {@code Expect: 100-continue} on every PutObject, an empty one too, and misreads
     * the next answer on the connection unless each such request got {@code 100 Continue} first: an empty then a
     * one-byte put, on one connection, each answered 100 then 200.
     */
    @Test
    void aRequestExpectingContinueGetsItWithOrWithoutABody() {
        try (RawSocket socket = new RawSocket(port())) {
            // The expectation's value is case-insensitive (boto 2 wrote "100-Continue").
            socket.send(new String(signedPut("empty", 0, true), StandardCharsets.ISO_8859_1)
                    .replace("100-continue", "100-Continue"));
            assertThat(socket.read().status()).isEqualTo(100);
            assertThat(socket.read().status()).isEqualTo(200);
            socket.send(signedPut("one-byte", 1, true));
            assertThat(socket.read().status()).isEqualTo(100);
            socket.send("x");
            assertThat(socket.read().status()).isEqualTo(200);
        }
        try (S3AsyncClient other = client()) {
            assertThat(other.headObject(r -> r.bucket(BUCKET).key("empty")).join().contentLength()).isZero();
            assertThat(other.headObject(r -> r.bucket(BUCKET).key("one-byte")).join().contentLength()).isOne();
        }
    }

    /** The head of a signed PUT of {@code length} bytes with an unsigned payload, so the body streams as it comes. */
    private static byte[] signedPut(String key, int length) {
        return signedPut(key, length, false);
    }

    private static byte[] signedPut(String key, int length, boolean expectContinue) {
        String host = "127.0.0.1:" + port();
        String path = "/" + BUCKET + "/" + key;
        Map<String, List<String>> toSign = new LinkedHashMap<>();
        toSign.put("host", List.of(host));
        toSign.put("content-length", List.of(Integer.toString(length)));
        toSign.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        SigV4Signer signer = new SigV4Signer(writer.accessKeyId(), SecretAccessKey.of(writer.secretAccessKey()),
                Optional.of(writer.sessionToken()));
        Map<String, String> signature = signer.signHeaders(new HttpRequestParts("PUT", path, "", toSign),
                "us-east-1", "s3", Instant.now(), SigningOptions.s3().withExtraSignedHeaders("content-length"));
        StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: "
                + length + "\r\n");
        signature.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!signature.containsKey("x-amz-content-sha256")) {
            head.append("x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n");
        }
        if (expectContinue) {
            head.append("Expect: 100-continue\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code bytes}, the first {@code atOnce} together and then {@code each} every 50 ms, until the server closes
     * the connection; meanwhile another client is served. Returns how many bytes were sent by then.
     */
    private static int trickle(byte[] bytes, int atOnce, int each, String othersKey) {
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (RawSocket socket = new RawSocket(port())) {
            socket.send(Arrays.copyOf(bytes, atOnce));
            sent.set(atOnce);
            pace.scheduleAtFixedRate(() -> {
                int next = sent.get();
                if (next < bytes.length) {
                    try {
                        socket.send(Arrays.copyOfRange(bytes, next, Math.min(bytes.length, next + each)));
                        sent.addAndGet(each);
                    } catch (RuntimeException closed) {
                        pace.shutdown();
                    }
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
            assertServesOthers(othersKey);
            assertThat(socket.closedByServer()).as("the server closed the connection").isTrue();
            return Math.min(sent.get(), bytes.length);
        } finally {
            pace.shutdownNow();
        }
    }

    /**
     * Another client, on connections of its own: the JDK's HTTP client pools connections JVM-wide, so one it kept past
     * the strict idle limit would be the server's closed one.
     */
    private static S3AsyncClient client() {
        return S3AsyncClient.builder().endpointOverride(URI.create(gateway.s3Endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(Clients.session(writer)))
                .build();
    }

    private static void assertServesOthers(String key) {
        try (S3AsyncClient other = client()) {
            other.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromString("served meanwhile")).join();
            assertThat(other.getObject(r -> r.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes()).join()
                    .asUtf8String()).isEqualTo("served meanwhile");
        }
    }

    private static boolean gatewayHas(String key) {
        try (S3AsyncClient other = client()) {
            other.headObject(r -> r.bucket(BUCKET).key(key)).join();
            return true;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(NoSuchKeyException.class);
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
