package dev.lanyard.sigv4.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.S3SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.VerifiedSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of AWS's S3 API reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in Multiple Chunks" (sigv4-streaming.html) and "... Including Trailing Headers" (sigv4-streaming-trailers.html):
 * 66,560 bytes of 'a' in a 64 KiB and a 1 KiB chunk, with the documented seed, chunk and trailer signatures. The seed is
 * verified from the documented headers, then the body decoded through the chain.
 */
class AwsStreamingExamplesTest {
    private static final SecretAccessKey SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String CREDENTIAL = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
            + "aws4_request,SignedHeaders=";
    private static final byte[] DATA = "a".repeat(66_560).getBytes(StandardCharsets.US_ASCII);

    private static HttpRequestParts request(Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("s3.amazonaws.com"));
        all.put("x-amz-date", List.of("20130524T000000Z"));
        all.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        all.put("Content-Encoding", List.of("aws-chunked"));
        all.put("x-amz-decoded-content-length", List.of("66560"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new HttpRequestParts("PUT", "/examplebucket/chunkObject.txt", "", all);
    }

    private static VerifiedSignature verify(HttpRequestParts request) {
        return new S3SigV4Verifier(InstantSource.fixed(TIME), new SigningKeys(4))
                .verify(SignedRequest.parse(request).orElseThrow(), request, SECRET);
    }

    private static byte[] body(String[] chunkSignatures, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("10000;chunk-signature=" + chunkSignatures[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(DATA, 0, 65_536);
        out.writeBytes(("\r\n400;chunk-signature=" + chunkSignatures[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(DATA, 65_536, 1024);
        out.writeBytes(("\r\n0;chunk-signature=" + chunkSignatures[2] + "\r\n" + trailer + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final HttpRequestParts SIGNED = request(Map.of(
            "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "Content-Length", "66824",
            "Authorization", CREDENTIAL + "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class,"
                    + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    private static final byte[] SIGNED_BODY = body(new String[] {
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"}, "");

    private static final HttpRequestParts TRAILER = request(Map.of(
            "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            "x-amz-trailer", "x-amz-checksum-crc32c",
            "Authorization", CREDENTIAL + "content-encoding;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,"
                    + "Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"));
    private static final byte[] TRAILER_BODY = body(new String[] {
            "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
            "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                    + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n");

    @Test
    void signedChunksDecodeThroughTheDocumentedChain() throws Exception {
        assertThat(SIGNED_BODY).hasSize(66_824);
        S3Payload payload = S3Payload.of(verify(SIGNED), SIGNED, HeaderChecksums.OF_BODY);
        assertThat(payload.mode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(payload.decodedContentLength()).hasValue(66_560);
        assertThat(payload.forwardedContentEncoding()).isEmpty();

        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(SIGNED_BODY))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.verified()).isTrue();
            assertThat(in.verifiedChecksum()).isEmpty();
        }
    }

    @Test
    void signedTrailerDecodesAndItsChecksumVerifies() throws Exception {
        S3Payload payload = S3Payload.of(verify(TRAILER), TRAILER, HeaderChecksums.OF_BODY);
        assertThat(payload.mode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(payload.trailerChecksum()).contains(ChecksumAlgorithm.CRC32C);

        try (PayloadInputStream in = payload.open(new ByteArrayInputStream(TRAILER_BODY))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.verifiedChecksum()).contains(new Checksum(ChecksumAlgorithm.CRC32C, "sOO8/Q=="));
        }
    }

    @Test
    void aChunkSignedOutOfOrderBreaksTheChain() {
        // The second chunk's documented signature is valid only after the first: swapping data breaks it.
        byte[] swapped = SIGNED_BODY.clone();
        swapped[swapped.length - 200] = 'b';
        Reads.Outcome outcome = Reads.drain(
                S3Payload.of(verify(SIGNED), SIGNED, HeaderChecksums.OF_BODY).open(new ByteArrayInputStream(swapped)),
                8192);

        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertThat(outcome.released()).hasSizeLessThan(65_536).isEqualTo(Arrays.copyOf(DATA, outcome.released().length));
    }

    @Test
    void aTrailerValueChangedAfterSigningIsRefusedAsASignatureMismatch() {
        byte[] tampered = new String(TRAILER_BODY, StandardCharsets.ISO_8859_1).replace("sOO8/Q==", "sOO8/A==")
                .getBytes(StandardCharsets.ISO_8859_1);
        Reads.Outcome outcome = Reads.drain(S3Payload.of(verify(TRAILER), TRAILER, HeaderChecksums.OF_BODY)
                .open(new ByteArrayInputStream(tampered)), 65_536);

        assertThat(outcome.verificationFailure().errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertThat(outcome.released()).hasSize(DATA.length - 1);
    }
}
