package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * What no SDK sends, written byte by byte onto the socket and correctly signed: lying lengths, broken aws-chunked
 * framing, a truncated trailer, a checksum that does not match, malformed XML. Each gets S3's error, the backend never
 * holds the object, and the gateway goes on serving.
 */
class S3GatewayBadInputTest {
    private static final String BUCKET = "bad-input";
    private static GatewayFixture gateway;
    private static Credentials writer;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        writer = gateway.assumeRole("bad-input-writer", allow(BUCKET, "s3:*"));
        S3GatewaySdkTestClients.s3(gateway, writer).createBucket(r -> r.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Answer(int status, String body) {}

    /** Signs the headers (every x-amz-* one) and writes the request as given, whatever its body says. */
    private static Answer send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        URI endpoint = URI.create(gateway.s3Endpoint());
        return send(endpoint.getHost() + ":" + endpoint.getPort(), method, pathAndQuery, headers, body);
    }

    private static Answer send(String host, String method, String pathAndQuery, Map<String, String> headers,
            byte[] body) {
        URI endpoint = URI.create(gateway.s3Endpoint());
        Map<String, List<String>> toSign = new LinkedHashMap<>();
        toSign.put("host", List.of(host));
        headers.forEach((name, value) -> toSign.put(name, List.of(value)));
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        SigV4Signer signer = new SigV4Signer(writer.accessKeyId(), SecretAccessKey.of(writer.secretAccessKey()),
                Optional.of(writer.sessionToken()));
        String[] amz = headers.keySet().stream().filter(n -> n.startsWith("x-amz-")).toArray(String[]::new);
        Map<String, String> signature = signer.signHeaders(new HttpRequestParts(method, path, query, toSign),
                "us-east-1", "s3", Instant.now(), SigningOptions.s3().withExtraSignedHeaders(amz));
        StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        signature.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readAnswer(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status and body by the answer's Content-Length (the listener may keep the connection open regardless). */
    private static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's headers ended: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return new Answer(Integer.parseInt(headers.substring(9, 12)),
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value});
    }

    private static Map<String, String> unsignedTrailerHeaders(long decodedLength, long contentLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        headers.put("content-encoding", "aws-chunked");
        headers.put("x-amz-trailer", "x-amz-checksum-crc32");
        headers.put("x-amz-decoded-content-length", Long.toString(decodedLength));
        headers.put("content-length", Long.toString(contentLength));
        return headers;
    }

    private static byte[] chunked(byte[] data, String trailer) {
        String framed = Integer.toHexString(data.length) + "\r\n" + new String(data, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n" + trailer;
        return framed.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void assertNotStored(String key) {
        assertThat(gateway.backend.storage.resolve(BUCKET + "/" + key)).doesNotExist();
    }

    private void assertStillServing() {
        String key = "alive-" + System.nanoTime();
        S3GatewaySdkTestClients.s3(gateway, writer).putObject(r -> r.bucket(BUCKET).key(key),
                RequestBody.fromString("still serving"));
        assertThat(gateway.backend.storage.resolve(BUCKET + "/" + key)).exists();
    }

    @Test
    void aWellFormedUnsignedTrailerUploadIsStored() {
        byte[] data = "the whole object".getBytes(StandardCharsets.UTF_8);
        byte[] body = chunked(data, "x-amz-checksum-crc32:" + crc32(data) + "\r\n\r\n");
        Answer answer = send("PUT", "/" + BUCKET + "/good", unsignedTrailerHeaders(data.length, body.length), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(gateway.backend.storage.resolve(BUCKET + "/good")).exists();
    }

    @Test
    void aTrailingChecksumThatDoesNotMatchIsBadDigest() {
        byte[] data = "checksummed".getBytes(StandardCharsets.UTF_8);
        byte[] body = chunked(data, "x-amz-checksum-crc32:" + crc32("something else".getBytes()) + "\r\n\r\n");
        Answer answer = send("PUT", "/" + BUCKET + "/bad-crc", unsignedTrailerHeaders(data.length, body.length), body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>BadDigest</Code>");
        assertNotStored("bad-crc");
        assertStillServing();
    }

    @Test
    void aTruncatedTrailerIsRefused() {
        byte[] data = "truncated".getBytes(StandardCharsets.UTF_8);
        byte[] body = chunked(data, "x-amz-checksum-crc32:" + crc32(data).substring(0, 3));
        Answer answer = send("PUT", "/" + BUCKET + "/truncated", unsignedTrailerHeaders(data.length, body.length),
                body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).containsAnyOf("<Code>IncompleteBody</Code>", "<Code>MalformedTrailerError</Code>",
                "<Code>InvalidRequest</Code>");
        assertNotStored("truncated");
        assertStillServing();
    }

    @Test
    void badChunkFramingIsIncompleteBody() {
        byte[] data = "framing".getBytes(StandardCharsets.UTF_8);
        byte[] body = ("zz\r\n" + new String(data, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Answer answer = send("PUT", "/" + BUCKET + "/framing", unsignedTrailerHeaders(data.length, body.length), body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>IncompleteBody</Code>");
        assertNotStored("framing");
        assertStillServing();
    }

    @Test
    void aDecodedLengthThatLiesIsIncompleteBody() {
        byte[] data = "short body".getBytes(StandardCharsets.UTF_8);
        byte[] body = chunked(data, "x-amz-checksum-crc32:" + crc32(data) + "\r\n\r\n");
        Answer answer = send("PUT", "/" + BUCKET + "/lying", unsignedTrailerHeaders(data.length + 100, body.length),
                body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>IncompleteBody</Code>");
        assertNotStored("lying");
        assertStillServing();
    }

    @Test
    void aSignedPayloadHashThatDoesNotMatchTheBodyIsRefused() throws Exception {
        byte[] data = "signed payload".getBytes(StandardCharsets.UTF_8);
        String otherHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("another payload".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", otherHash);
        headers.put("content-length", Integer.toString(data.length));
        Answer answer = send("PUT", "/" + BUCKET + "/sha-mismatch", headers, data);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
        assertNotStored("sha-mismatch");
        assertStillServing();
    }

    /**
     * The SDK's streaming signatures (each chunk signed, chained from the request's) over a relay that flips one byte
     * of the first chunk's data: the chunk fails its signature, S3's SignatureDoesNotMatch is the answer, and the
     * store never receives the object.
     */
    @Test
    void aTamperedSignedChunkIsSignatureDoesNotMatchAndNeverStored() {
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        try (CorruptingRelay relay = new CorruptingRelay(URI.create(gateway.s3Endpoint()).getPort(), 1000);
                software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client
                        .builder().endpointOverride(URI.create(relay.endpoint()))
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                                .create(Clients.session(writer)))
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.retryStrategy(
                                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                        .build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.putObject(r -> r.bucket(BUCKET)
                    .key("tampered"), RequestBody.fromBytes(data)))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
        assertNotStored("tampered");
        assertStillServing();
    }

    @Test
    void malformedDeleteObjectsXmlIsMalformedXml() throws Exception {
        byte[] body = "<Delete><Object><Key>a</Key></Object".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body)));
        headers.put("content-md5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body)));
        headers.put("content-length", Integer.toString(body.length));
        Answer answer = send("POST", "/" + BUCKET + "?delete", headers, body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>MalformedXML</Code>");
        assertStillServing();
    }

    @Test
    void aVirtualHostedRequestNamesTheBucketInItsHost() {
        S3GatewaySdkTestClients.s3(gateway, writer).putObject(r -> r.bucket(BUCKET).key("hosted/object"),
                RequestBody.fromString("virtual host"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        Answer answer = send(BUCKET + "." + GatewayFixture.DOMAIN, "GET", "/hosted/object", headers, new byte[0]);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("virtual host");
        // The bucket in the Host is the one authorized: another bucket's name there is another resource.
        Answer other = send("not-" + BUCKET + "." + GatewayFixture.DOMAIN, "GET", "/hosted/object", headers,
                new byte[0]);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void anUnsignedRequestIsAccessDeniedInS3sShape() {
        try (Socket socket = new Socket("127.0.0.1", URI.create(gateway.s3Endpoint()).getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /" + BUCKET + "/good HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Answer answer = readAnswer(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).contains("<Code>AccessDenied</Code>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
