package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.VerifiedSignature;
import dev.lanyard.sigv4.streaming.Checksum;
import dev.lanyard.sigv4.streaming.HeaderChecksums;
import dev.lanyard.sigv4.streaming.PayloadInputStream;
import dev.lanyard.sigv4.streaming.PayloadMode;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import dev.lanyard.sigv4.streaming.S3Payload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 payload verifier against what the AWS SDK for Java v2 itself sends: first its own SigV4 signer and aws-chunked
 * encoder driven offline in every payload mode and checksum, then its S3 client with its default integrity protection
 * (a CRC32 trailer, chunks signed over HTTP), captured by a loopback server. Each request must verify and decode to
 * the bytes sent; a flipped byte must be refused.
 */
class S3PayloadSdkTest {
    private static final String ACCESS_KEY_ID = "AKIA" + randomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    private static final String SECRET = randomText(40,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    private static final Instant NOW = Instant.parse("2026-11-23T19:00:05Z");
    private static final byte[] DATA = randomBytes(300_000);

    private static String randomText(int length, String alphabet) {
        SplittableRandom random = new SplittableRandom(length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new SplittableRandom(42).nextBytes(data);
        return data;
    }

    private record Captured(HttpRequestParts headers, byte[] body) {}

    private static S3Payload payload(Captured request, Instant now) {
        VerifiedSignature seed = new S3SigV4Verifier(InstantSource.fixed(now), new SigningKeys(4))
                .verify(SignedRequest.parse(request.headers()).orElseThrow(), request.headers(),
                        SecretAccessKey.of(SECRET));
        return S3Payload.of(seed, request.headers(), HeaderChecksums.OF_BODY);
    }

    private static byte[] decode(S3Payload payload, byte[] body) throws IOException {
        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    // ---- the SDK's signer and chunked encoder, offline

    static Stream<Arguments> signerModes() {
        List<Arguments> cases = new ArrayList<>();
        List<Optional<ChecksumAlgorithm>> checksums = List.of(Optional.empty(),
                Optional.of(DefaultChecksumAlgorithm.CRC32), Optional.of(DefaultChecksumAlgorithm.CRC32C),
                Optional.of(DefaultChecksumAlgorithm.SHA1), Optional.of(DefaultChecksumAlgorithm.SHA256));
        for (boolean payloadSigning : new boolean[] {true, false}) {
            for (boolean chunked : new boolean[] {false, true}) {
                for (Optional<ChecksumAlgorithm> checksum : checksums) {
                    if (chunked && !payloadSigning && checksum.isEmpty()) {
                        continue; // STREAMING-UNSIGNED-PAYLOAD-TRAILER always carries its checksum
                    }
                    cases.add(Arguments.of(payloadSigning, chunked, checksum));
                }
            }
        }
        return cases.stream();
    }

    private static Captured signWithTheSdk(boolean payloadSigning, boolean chunked,
            Optional<ChecksumAlgorithm> checksum) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                // https: the SDK leaves payloads unsigned only over TLS. Nothing is sent; the key needs escaping.
                .uri(URI.create("https://bucket.s3.example.test/bucket/a%20key%2Bplus/%E2%82%AC.bin"))
                .putHeader("Content-Length", Integer.toString(DATA.length))
                .putHeader("x-amz-storage-class", "STANDARD_IA")
                .build();
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(DATA))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            checksum.ifPresent(algorithm -> r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, algorithm));
        });
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        SdkHttpRequest sent = signed.request();
        return new Captured(new HttpRequestParts(sent.method().name(), sent.encodedPath(), "", sent.headers()), body);
    }

    @ParameterizedTest(name = "payload signing {0}, chunked {1}, checksum {2}")
    @MethodSource("signerModes")
    void whatTheSdkSignerSendsVerifiesAndDecodes(boolean payloadSigning, boolean chunked,
            Optional<ChecksumAlgorithm> checksum) throws IOException {
        Captured request = signWithTheSdk(payloadSigning, chunked, checksum);
        S3Payload payload = payload(request, NOW);

        PayloadMode expected = chunked
                ? (payloadSigning
                        ? (checksum.isPresent() ? PayloadMode.STREAMING_SIGNED_TRAILER : PayloadMode.STREAMING_SIGNED)
                        : PayloadMode.STREAMING_UNSIGNED_TRAILER)
                : (payloadSigning ? PayloadMode.SIGNED_PAYLOAD : PayloadMode.UNSIGNED_PAYLOAD);
        assertThat(payload.mode()).isEqualTo(expected);
        assertThat(payload.decodedContentLength()).hasValue(DATA.length);
        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(request.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.verifiedChecksum().map(c -> c.algorithm().s3Name()))
                    .isEqualTo(checksum.map(ChecksumAlgorithm::algorithmId));
        }
    }

    @ParameterizedTest(name = "payload signing {0}, chunked {1}, checksum {2}")
    @MethodSource("signerModes")
    void aByteFlippedInWhatTheSdkSentIsRefused(boolean payloadSigning, boolean chunked,
            Optional<ChecksumAlgorithm> checksum) throws IOException {
        Captured request = signWithTheSdk(payloadSigning, chunked, checksum);
        if (!payloadSigning && checksum.isEmpty()) {
            return; // UNSIGNED-PAYLOAD without a checksum: nothing to verify, by definition
        }
        byte[] tampered = request.body().clone();
        // In every encoding the middle of the body is payload data.
        tampered[tampered.length / 2] ^= 0x20;
        S3Payload payload = payload(request, NOW);

        assertThatThrownBy(() -> decode(payload, tampered)).isInstanceOf(PayloadVerificationException.class)
                .satisfies(e -> assertThat(((PayloadVerificationException) e).errorCode()).isIn(
                        S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, S3ErrorCode.BAD_DIGEST,
                        S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH));
    }

    // ---- the SDK's S3 client, with its defaults, captured on loopback

    private static HttpServer server;
    private static final List<Captured> CAPTURED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCapture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            String query = exchange.getRequestURI().getRawQuery();
            CAPTURED.add(new Captured(new HttpRequestParts(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), query == null ? "" : query, headers), body));
            exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopCapture() {
        server.stop(0);
    }

    private static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID,
                        SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The request time the SDK signed with (it signs with the system clock), as the verifier's "now". */
    private static Instant signedAt(Captured request) {
        String amzDate = request.headers().header("x-amz-date").orElseThrow();
        return ZonedDateTime.parse(amzDate, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant();
    }

    private static Captured only() {
        assertThat(CAPTURED).hasSize(1);
        return CAPTURED.removeFirst();
    }

    @Test
    void putObjectWithTheSdkDefaultsVerifiesAndDecodes() throws IOException {
        try (S3Client s3 = s3()) {
            s3.putObject(r -> r.bucket("bucket").key("dir/obj ect+€.bin"), RequestBody.fromBytes(DATA));
        }
        Captured request = only();
        S3Payload payload = payload(request, signedAt(request));

        // SDK >= 2.30 over HTTP: chunks signed, a CRC32 trailer signed, aws-chunked.
        assertThat(payload.mode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(payload.trailerChecksum()).contains(dev.lanyard.sigv4.streaming.ChecksumAlgorithm.CRC32);
        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(request.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.verifiedChecksum()).map(Checksum::algorithm)
                    .contains(dev.lanyard.sigv4.streaming.ChecksumAlgorithm.CRC32);
        }
    }

    @Test
    void uploadPartWithAChosenChecksumVerifiesAndDecodes() throws IOException {
        try (S3Client s3 = s3()) {
            s3.uploadPart(r -> r.bucket("bucket").key("big").uploadId("upload-1").partNumber(3)
                    .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(DATA));
        }
        Captured request = only();
        assertThat(request.headers().rawQuery()).contains("partNumber=3");
        S3Payload payload = payload(request, signedAt(request));

        assertThat(payload.trailerChecksum()).contains(dev.lanyard.sigv4.streaming.ChecksumAlgorithm.SHA256);
        assertThat(decode(payload, request.body())).isEqualTo(DATA);
    }

    @Test
    void aChunkTamperedAfterTheSdkSentItIsRefusedBeforeItIsReleased() throws IOException {
        try (S3Client s3 = s3()) {
            s3.putObject(r -> r.bucket("bucket").key("k"), RequestBody.fromBytes(DATA));
        }
        Captured request = only();
        byte[] tampered = request.body().clone();
        tampered[tampered.length - 1000] ^= 0x01;
        S3Payload payload = payload(request, signedAt(request));

        byte[] released = new byte[DATA.length];
        int total = 0;
        PayloadInputStream in = payload.open(new ByteArrayInputStream(tampered));
        PayloadVerificationException refused = null;
        try (in) {
            int n;
            while ((n = in.read(released, total, released.length - total)) > 0) {
                total += n;
            }
        } catch (PayloadVerificationException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        // The SDK's chunks are 128 KiB: the tampered last chunk never came out.
        assertThat(total).isLessThan(DATA.length - (DATA.length % (128 * 1024)) + 1);
    }
}
