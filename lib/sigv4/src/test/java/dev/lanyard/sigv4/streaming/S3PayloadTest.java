package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.S3Exception;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.SigningOptions;
import dev.lanyard.sigv4.VerifiedSignature;
import dev.lanyard.sigv4.streaming.Uploads.Spec;
import dev.lanyard.sigv4.streaming.Uploads.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headers that describe a payload: validated up front, with S3's error, before any byte is read. */
class S3PayloadTest {
    private static final byte[] DATA = Uploads.randomPayload(1, 20_000);

    /** A request with exactly these headers, signed with S3's options (every x-amz-* header signed). */
    private static S3Payload payload(Map<String, String> headers, HeaderChecksums scope) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("bucket.s3.example.test"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/bucket/key", "", all);
        String[] amz = headers.keySet().stream().filter(n -> n.toLowerCase().startsWith("x-amz-"))
                .toArray(String[]::new);
        Map<String, String> added = new SigV4Signer(Uploads.ACCESS_KEY_ID, Uploads.SECRET, Optional.empty())
                .signHeaders(unsigned, "us-east-1", "s3", Uploads.NOW, SigningOptions.s3().withExtraSignedHeaders(amz));
        added.forEach((name, value) -> all.put(name, List.of(value)));
        HttpRequestParts sent = new HttpRequestParts("PUT", "/bucket/key", "", all);
        VerifiedSignature verified = new S3SigV4Verifier(InstantSource.fixed(Uploads.NOW), new SigningKeys(2))
                .verify(SignedRequest.parse(sent).orElseThrow(), sent, Uploads.SECRET);
        return S3Payload.of(verified, sent, scope);
    }

    private static S3Payload payload(Map<String, String> headers) {
        return payload(headers, HeaderChecksums.OF_BODY);
    }

    private static void assertRefused(Map<String, String> headers, S3ErrorCode code, String message) {
        assertThatThrownBy(() -> payload(headers)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static final String SIGNED_STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    @Test
    void signedChunksNeedTheDecodedLength() {
        assertThatThrownBy(() -> payload(Map.of("x-amz-content-sha256", SIGNED_STREAMING,
                "Content-Encoding", "aws-chunked"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.MISSING_CONTENT_LENGTH);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(411);
                });
    }

    @Test
    void lengthsAreNonNegativeIntegers() {
        for (String value : List.of("-1", "1.5", "0x10", " ", "99999999999999999999", "1,2")) {
            assertThatThrownBy(() -> payload(Map.of("x-amz-content-sha256", SIGNED_STREAMING,
                    "x-amz-decoded-content-length", value))).as(value)
                    .isInstanceOfSatisfying(S3Exception.class, e ->
                            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-Length", "-3")))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void trailerModesNeedTheirDeclaredTrailer() {
        assertRefused(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER), S3ErrorCode.INVALID_REQUEST,
                "Missing required header for this request: x-amz-trailer");
        assertRefused(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER, "x-amz-trailer", "x-amz-checksum-md5"),
                S3ErrorCode.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported");
        assertRefused(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER,
                "x-amz-trailer", "x-amz-checksum-crc32,x-amz-checksum-sha1"),
                S3ErrorCode.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported");
        assertThat(payload(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER, "x-amz-trailer", "X-Amz-Checksum-CRC64NVME"))
                .trailerChecksum()).contains(ChecksumAlgorithm.CRC64NVME);
    }

    @Test
    void aTrailerIsDeclaredOnlyWithATrailerMode() {
        assertThatThrownBy(() -> payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD",
                "x-amz-trailer", "x-amz-checksum-crc32"))).isInstanceOfSatisfying(S3Exception.class, e ->
                assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_REQUEST));
    }

    @Test
    void oneChecksumAtMost() {
        String crc = Uploads.checksum(ChecksumAlgorithm.CRC32, DATA);
        String sha = Uploads.checksum(ChecksumAlgorithm.SHA256, DATA);
        String message = "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.";
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-checksum-crc32", crc,
                "x-amz-checksum-sha256", sha), S3ErrorCode.INVALID_REQUEST, message);
        assertRefused(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER, "x-amz-trailer", "x-amz-checksum-sha256",
                "x-amz-checksum-crc32", crc), S3ErrorCode.INVALID_REQUEST, message);
    }

    @Test
    void checksumHeadersAreKnownAlgorithmsWithValidValues() {
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-checksum-xxhash64", "AAAAAAAAAAA="),
                S3ErrorCode.INVALID_REQUEST, "The algorithm type you specified in x-amz-checksum- header is invalid.");
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-checksum-crc32", "AAAAAAAA"),
                S3ErrorCode.INVALID_REQUEST, "Value for x-amz-checksum-crc32 header is invalid.");
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-checksum-sha1", "%%%"),
                S3ErrorCode.INVALID_REQUEST, "Value for x-amz-checksum-sha1 header is invalid.");
    }

    @Test
    void checksumParametersAreNotChecksums() {
        S3Payload payload = payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD",
                "x-amz-checksum-algorithm", "CRC32", "x-amz-checksum-type", "FULL_OBJECT",
                "x-amz-checksum-mode", "ENABLED"));
        assertThat(payload.headerChecksum()).isEmpty();
    }

    @Test
    void theSdkAlgorithmMustNameTheChecksumSent() {
        String crc = Uploads.checksum(ChecksumAlgorithm.CRC32, DATA);
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-sdk-checksum-algorithm", "CRC32"),
                S3ErrorCode.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no corresponding"
                        + " x-amz-checksum-* or x-amz-trailer headers were found.");
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-sdk-checksum-algorithm", "SHA1",
                "x-amz-checksum-crc32", crc), S3ErrorCode.INVALID_REQUEST,
                "Value for x-amz-sdk-checksum-algorithm header is invalid.");
        assertThat(payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "x-amz-sdk-checksum-algorithm",
                "crc32", "x-amz-checksum-crc32", crc)).headerChecksum())
                .contains(new Checksum(ChecksumAlgorithm.CRC32, crc));
    }

    @Test
    void theChecksumOfACompletedObjectIsNotThisBodys() {
        // CompleteMultipartUpload: a composite checksum of the parts, nothing to verify against the XML body.
        S3Payload payload = payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD",
                "x-amz-checksum-crc32", "qUVuVg==-3", "x-amz-sdk-checksum-algorithm", "CRC32"),
                HeaderChecksums.OF_COMPLETED_OBJECT);
        assertThat(payload.headerChecksum()).isEmpty();
    }

    @Test
    void contentMd5IsVerified() throws IOException {
        String md5 = md5(DATA);
        S3Payload good = payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-MD5", md5));
        try (PayloadInputStream in = good.open(new ByteArrayInputStream(DATA))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
        S3Payload bad = payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-MD5", md5(new byte[1])));
        Reads.Outcome outcome = Reads.drain(bad.open(new ByteArrayInputStream(DATA)), 8192);
        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.BAD_DIGEST);
        assertThat(outcome.verificationFailure().error().getMessage())
                .isEqualTo("The Content-MD5 you specified did not match what we received.");
        assertThat(outcome.released()).hasSize(DATA.length - 1);

        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-MD5", "not-an-md5"),
                S3ErrorCode.INVALID_DIGEST, "The Content-MD5 you specified is not valid.");
    }

    @Test
    void awsChunkedIsOnlyForStreamingPayloads() {
        assertRefused(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-Encoding", "aws-chunked"),
                S3ErrorCode.INVALID_REQUEST,
                "aws-chunked encoding is not supported with the specified x-amz-content-sha256 value.");
    }

    @Test
    void awsChunkedIsRemovedFromTheForwardedContentEncoding() {
        S3Payload gzip = payload(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER, "x-amz-trailer",
                "x-amz-checksum-crc32", "Content-Encoding", "aws-chunked, gzip"));
        assertThat(gzip.forwardedContentEncoding()).contains("gzip");
        S3Payload only = payload(Map.of("x-amz-content-sha256", UNSIGNED_TRAILER, "x-amz-trailer",
                "x-amz-checksum-crc32", "Content-Encoding", "AWS-CHUNKED"));
        assertThat(only.forwardedContentEncoding()).isEmpty();
        S3Payload plain = payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-Encoding", "br"));
        assertThat(plain.forwardedContentEncoding()).contains("br");
    }

    @Test
    void sigV4aStreamingIsNotImplemented() {
        assertThatThrownBy(() -> payload(Map.of("x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                "x-amz-decoded-content-length", "5"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.NOT_IMPLEMENTED);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(501);
                    assertThat(e.details()).containsExactly(new S3Exception.Detail("Header", "x-amz-content-sha256"));
                });
    }

    @Test
    void thePlainBodysLengthIsItsContentLength() {
        assertThat(payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-Length", "12"))
                .decodedContentLength()).hasValue(12);
        assertThat(payload(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")).decodedContentLength()).isEmpty();
    }

    @Test
    void aPlainBodyLongerOrShorterThanItsContentLengthIsRefused() {
        Upload upload = Uploads.upload(Spec.of(PayloadMode.UNSIGNED_PAYLOAD), DATA);
        for (int length : new int[] {DATA.length - 1, DATA.length + 1}) {
            Reads.Outcome outcome = Reads.drain(upload.withHeader("Content-Length", Integer.toString(length)).open(),
                    8192);
            assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.INCOMPLETE_BODY);
            assertThat(outcome.released().length).isLessThan(length);
        }
    }

    @Test
    void aPayloadHashInUpperCaseHexIsTheSameHash() throws IOException {
        Upload upload = Uploads.upload(Spec.of(PayloadMode.SIGNED_PAYLOAD), DATA);
        // Re-sign with the hash in upper case, as some clients send it.
        Map<String, String> headers = Map.of("x-amz-content-sha256", Uploads.sha256Hex(DATA).toUpperCase());
        try (PayloadInputStream in = payload(headers).open(new ByteArrayInputStream(upload.payload()))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void theFailureIsAnIoExceptionThatCarriesTheS3ErrorThroughWrapping() {
        Upload upload = Uploads.upload(Spec.of(PayloadMode.SIGNED_PAYLOAD), DATA);
        byte[] body = DATA.clone();
        body[0] ^= 1;
        Reads.Outcome outcome = Reads.drain(upload.withBody(body).open(), 8192);
        IOException failure = outcome.failure().orElseThrow();

        Exception wrapped = new RuntimeException("HTTP client failed", new java.io.UncheckedIOException(failure));
        assertThat(PayloadVerificationException.in(wrapped)).map(S3Exception::errorCode)
                .contains(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH);
        assertThat(PayloadVerificationException.in(new IOException("reset"))).isEmpty();
        // Sticky: the stream keeps failing the same way.
        PayloadInputStream in = upload.withBody(body).open();
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PayloadVerificationException.class);
        assertThatThrownBy(in::read).isInstanceOf(PayloadVerificationException.class);
    }

    private static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static S3Payload anonymous(Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("bucket.s3.example.test"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return S3Payload.unsigned(new HttpRequestParts("PUT", "/bucket/key", "", all), HeaderChecksums.OF_BODY);
    }

    /** An anonymous body is unsigned unless it says otherwise; a hex SHA-256 it declares is still checked. */
    @Test
    void anAnonymousBodyIsUnsignedAndItsDeclaredHashIsChecked() throws IOException {
        S3Payload plain = anonymous(Map.of("Content-Length", Integer.toString(DATA.length)));
        assertThat(plain.mode()).isEqualTo(PayloadMode.UNSIGNED_PAYLOAD);
        try (PayloadInputStream in = plain.open(new ByteArrayInputStream(DATA))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
        String wrong = "0".repeat(64);
        S3Payload hashed = anonymous(Map.of("Content-Length", Integer.toString(DATA.length),
                "x-amz-content-sha256", wrong));
        assertThat(hashed.mode()).isEqualTo(PayloadMode.SIGNED_PAYLOAD);
        assertThatThrownBy(() -> {
            try (PayloadInputStream in = hashed.open(new ByteArrayInputStream(DATA))) {
                in.readAllBytes();
            }
        }).hasMessageContaining("x-amz-content-sha256");
    }

    /** Signed chunks chain from a request signature, which an anonymous request does not have. */
    @Test
    void anAnonymousBodyCannotClaimSignedChunks() {
        assertThatThrownBy(() -> anonymous(Map.of("x-amz-content-sha256", SIGNED_STREAMING,
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "5")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
    }
}
