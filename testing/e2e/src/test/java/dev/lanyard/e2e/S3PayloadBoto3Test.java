package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.VerifiedSignature;
import dev.lanyard.sigv4.streaming.ChecksumAlgorithm;
import dev.lanyard.sigv4.streaming.HeaderChecksums;
import dev.lanyard.sigv4.streaming.PayloadInputStream;
import dev.lanyard.sigv4.streaming.PayloadMode;
import dev.lanyard.sigv4.streaming.PayloadVerificationException;
import dev.lanyard.sigv4.streaming.S3Payload;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The S3 payload verifier against what boto3 sends for PutObject (its defaults since 1.36): over HTTP a signed hex
 * payload with a CRC32 header, over HTTPS STREAMING-UNSIGNED-PAYLOAD-TRAILER in 1 MiB chunks with a CRC32 trailer, and
 * for a body that cannot seek, no x-amz-decoded-content-length at all. boto3 builds the requests; a hook hands them
 * over instead of sending them.
 */
class S3PayloadBoto3Test {
    private static final String ACCESS_KEY_ID = "AKIA" + "B".repeat(16);
    private static final String SECRET = "boto3-capture-" + "s".repeat(26);

    private record Captured(HttpRequestParts headers, byte[] body, byte[] payload) {}

    private static Captured capture(String endpoint, String kind) throws Exception {
        Path script = Path.of(S3PayloadBoto3Test.class.getResource("/boto3_s3_capture.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), endpoint, kind),
                Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        URI url = URI.create(json.get("url").asText());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(url.getAuthority()));
        json.get("headers").properties().forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
        return new Captured(new HttpRequestParts(json.get("method").asText(), url.getRawPath(), "", headers),
                Base64.getDecoder().decode(json.get("body").asText()),
                Base64.getDecoder().decode(json.get("payload").asText()));
    }

    private static S3Payload payload(Captured request) {
        String amzDate = request.headers().header("x-amz-date").orElseThrow();
        Instant signedAt = ZonedDateTime.parse(amzDate, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant();
        VerifiedSignature seed = new S3SigV4Verifier(InstantSource.fixed(signedAt), new SigningKeys(2))
                .verify(SignedRequest.parse(request.headers()).orElseThrow(), request.headers(),
                        SecretAccessKey.of(SECRET));
        return S3Payload.of(seed, request.headers(), HeaderChecksums.OF_BODY);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "http://s3.example.test, SEEKABLE, SIGNED_PAYLOAD, true",
        "https://s3.example.test, SEEKABLE, STREAMING_UNSIGNED_TRAILER, true",
        "https://s3.example.test, NONSEEKABLE, STREAMING_UNSIGNED_TRAILER, false"})
    void putObjectAsBoto3SendsItVerifiesAndDecodes(String endpoint, String kind, PayloadMode mode,
            boolean lengthKnown) throws Exception {
        Captured request = capture(endpoint, kind);
        S3Payload payload = payload(request);

        assertThat(payload.mode()).isEqualTo(mode);
        assertThat(payload.decodedContentLength()).isEqualTo(lengthKnown
                ? OptionalLong.of(request.payload().length)
                : OptionalLong.empty());
        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(request.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(request.payload());
            assertThat(in.verifiedChecksum().orElseThrow().algorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        }

        byte[] tampered = request.body().clone();
        tampered[tampered.length / 2] ^= 0x10;
        assertThatThrownBy(() -> {
            try (PayloadInputStream in = payload.open(new ByteArrayInputStream(tampered))) {
                in.readAllBytes();
            }
        }).isInstanceOfSatisfying(PayloadVerificationException.class, e -> assertThat(e.errorCode())
                .isIn(S3ErrorCode.BAD_DIGEST, S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH));
    }

}
