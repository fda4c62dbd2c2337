package dev.lanyard.sigv4.streaming;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.VerifiedSignature;
import dev.lanyard.sigv4.internal.S3Errors;
import dev.lanyard.sigv4.streaming.internal.ChunkedDecoder;
import dev.lanyard.sigv4.streaming.internal.PayloadDecoder;
import dev.lanyard.sigv4.streaming.internal.PayloadRules;
import dev.lanyard.sigv4.streaming.internal.PlainDecoder;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The body of an S3 request whose signature was verified ({@link dev.lanyard.sigv4.S3SigV4Verifier}), by what its
 * headers declare: the mode ({@code x-amz-content-sha256}), the decoded length, a checksum header or trailer,
 * Content-MD5. {@link #of} validates those headers (throwing S3's error at once); {@link #open} wraps the raw body in a
 * {@link PayloadInputStream} that decodes and verifies it while it streams, with memory bounded per request by one
 * signed chunk at most ({@link #DEFAULT_MAX_SIGNED_CHUNK_BYTES}), never the whole body.
 *
 * <pre>{@code
 * VerifiedSignature seed = s3Verifier.verify(signed, headersOnly, secret);
 * S3Payload payload = S3Payload.of(seed, headersOnly, HeaderChecksums.OF_BODY);
 * // forward Content-Length = payload.decodedContentLength(), Content-Encoding = payload.forwardedContentEncoding()
 * try (PayloadInputStream body = payload.open(rawBody)) { ... }
 * }</pre>
 */
public final class S3Payload {
    /**
     * The largest signed chunk accepted, 16 MiB (MinIO's limit too): each is held in memory until its signature is
     * checked. SDKs send 64 KiB (Kotlin, minio-go) to 128 KiB (Java v1 and v2); unsigned chunks stream and have no cap.
     */
    public static final int DEFAULT_MAX_SIGNED_CHUNK_BYTES = 16 << 20;
    private static final String AWS_CHUNKED = "aws-chunked";
    /** {@code x-amz-checksum-*} headers that are not checksum values. */
    private static final Set<String> CHECKSUM_PARAMETERS =
            Set.of("x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode");

    /** Empty for an anonymous request's body, which has no signed chunks. */
    private final Optional<VerifiedSignature> signature;
    private final PayloadRules rules;
    private final Optional<String> forwardedContentEncoding;

    private S3Payload(Optional<VerifiedSignature> signature, PayloadRules rules,
            Optional<String> forwardedContentEncoding) {
        this.signature = signature;
        this.rules = rules;
        this.forwardedContentEncoding = forwardedContentEncoding;
    }

    /** With the default signed-chunk cap. */
    public static S3Payload of(VerifiedSignature signature, HttpRequestParts request, HeaderChecksums headerChecksums) {
        return of(signature, request, headerChecksums, DEFAULT_MAX_SIGNED_CHUNK_BYTES);
    }

    /**
     * @param signature the request's verified signature, whose payload hash selects the mode
     * @param request the request's headers (the body is not read)
     * @param headerChecksums whether {@code x-amz-checksum-*} headers describe this body (depends on the operation)
     * @throws dev.lanyard.aws.S3Exception S3's error for headers that contradict each other or are malformed
     */
    public static S3Payload of(VerifiedSignature signature, HttpRequestParts request, HeaderChecksums headerChecksums,
            int maxSignedChunkBytes) {
        requireNonNull(signature, "signature is null");
        return of(Optional.of(signature), signature.payloadHash(), request, headerChecksums, maxSignedChunkBytes);
    }

    /**
     * The body of an anonymous (unsigned) request, as S3 takes it: {@code x-amz-content-sha256}, when sent, is still
     * checked (a hex SHA-256 must match the body, an unsigned trailer's checksum must match), and absent it is
     * {@code UNSIGNED-PAYLOAD}; the signed-chunk modes need a signature to chain from and are refused.
     *
     * @throws dev.lanyard.aws.S3Exception as {@link #of}, and InvalidArgument for a signed-chunk mode
     */
    public static S3Payload unsigned(HttpRequestParts request, HeaderChecksums headerChecksums) {
        requireNonNull(request, "request is null");
        String contentSha256 = request.header("x-amz-content-sha256").orElse("UNSIGNED-PAYLOAD");
        if (PayloadMode.of(contentSha256).signedChunks()) {
            throw S3Errors.invalidContentSha256(contentSha256);
        }
        return of(Optional.empty(), contentSha256, request, headerChecksums, DEFAULT_MAX_SIGNED_CHUNK_BYTES);
    }

    private static S3Payload of(Optional<VerifiedSignature> signature, String contentSha256,
            HttpRequestParts request, HeaderChecksums headerChecksums, int maxSignedChunkBytes) {
        requireNonNull(request, "request is null");
        requireNonNull(headerChecksums, "headerChecksums is null");
        PayloadMode mode = PayloadMode.of(contentSha256);
        Optional<String> encoding = forwardedContentEncoding(request, mode, contentSha256);
        Optional<ChecksumAlgorithm> trailer = trailerChecksum(request, mode, contentSha256);
        Optional<Checksum> header = headerChecksums == HeaderChecksums.OF_BODY
                ? headerChecksum(request)
                : Optional.empty();
        if (header.isPresent() && trailer.isPresent()) {
            throw S3Errors.multipleChecksums(List.of(header.get().headerName(), "x-amz-trailer"));
        }
        if (headerChecksums == HeaderChecksums.OF_BODY) {
            checkSdkAlgorithm(request, header.map(Checksum::algorithm).or(() -> trailer));
        }
        PayloadRules rules = new PayloadRules(mode, contentSha256, decodedLength(request, mode), header,
                trailer, contentMd5(request), maxSignedChunkBytes);
        return new S3Payload(signature, rules, encoding);
    }

    public PayloadMode mode() {
        return rules.mode();
    }

    /**
     * The payload's length, the Content-Length to forward: {@code x-amz-decoded-content-length} for aws-chunked
     * bodies, else Content-Length. Empty when the client did not say (an unsigned-trailer body from a stream of
     * unknown length, or a body sent with Transfer-Encoding: chunked).
     */
    public OptionalLong decodedContentLength() {
        return rules.decodedLength();
    }

    /** Content-Encoding without {@code aws-chunked}, for the decoded body; empty when nothing else was listed. */
    public Optional<String> forwardedContentEncoding() {
        return forwardedContentEncoding;
    }

    /** The {@code x-amz-checksum-*} header verified against this body, if any. */
    public Optional<Checksum> headerChecksum() {
        return rules.headerChecksum();
    }

    /** The checksum the trailer must carry ({@code x-amz-trailer}), in the trailer modes. */
    public Optional<ChecksumAlgorithm> trailerChecksum() {
        return rules.trailerChecksum();
    }

    /** Wraps the raw body (as received, after the HTTP layer's own framing) in a verifying, decoding stream. */
    public PayloadInputStream open(InputStream body) {
        requireNonNull(body, "body is null");
        PayloadDecoder decoder = switch (rules.mode()) {
            case SIGNED_PAYLOAD, UNSIGNED_PAYLOAD -> new PlainDecoder(body, rules);
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER ->
                    ChunkedDecoder.signed(body, rules, signature.orElseThrow(() -> new IllegalStateException(
                            "signed chunks without a signature")).chunkSignatureChain());
            case STREAMING_UNSIGNED_TRAILER -> ChunkedDecoder.unsigned(body, rules);
        };
        return new PayloadInputStream(decoder);
    }

    private static Optional<String> forwardedContentEncoding(
            HttpRequestParts request, PayloadMode mode, String contentSha256) {
        List<String> kept = new ArrayList<>();
        boolean chunked = false;
        for (String value : request.headerValues("content-encoding")) {
            for (String token : value.split(",")) {
                String coding = token.strip();
                if (coding.equalsIgnoreCase(AWS_CHUNKED)) {
                    chunked = true;
                } else if (!coding.isEmpty()) {
                    kept.add(coding);
                }
            }
        }
        if (chunked && !mode.chunked()) {
            throw S3Errors.chunkedWithoutStreaming(contentSha256);
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", kept));
    }

    private static Optional<ChecksumAlgorithm> trailerChecksum(
            HttpRequestParts request, PayloadMode mode, String contentSha256) {
        List<String> values = request.headerValues("x-amz-trailer");
        if (values.isEmpty()) {
            if (mode.trailer()) {
                throw S3Errors.missingTrailerHeader();
            }
            return Optional.empty();
        }
        String value = String.join(",", values).strip();
        if (!mode.trailer()) {
            throw S3Errors.trailerWithoutTrailerPayload(contentSha256);
        }
        return Optional.of(ChecksumAlgorithm.fromHeaderName(value)
                .orElseThrow(() -> S3Errors.unsupportedTrailer(value)));
    }

    private static Optional<Checksum> headerChecksum(HttpRequestParts request) {
        List<Checksum> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-amz-checksum-") || CHECKSUM_PARAMETERS.contains(name)) {
                continue;
            }
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(name)
                    .orElseThrow(() -> S3Errors.unknownChecksumHeader(name));
            String value = String.join(",", header.getValue()).strip();
            if (!decodesTo(value, algorithm.digestLength())) {
                throw S3Errors.invalidChecksumHeader(name);
            }
            found.add(new Checksum(algorithm, value));
        }
        if (found.size() > 1) {
            throw S3Errors.multipleChecksums(found.stream().map(Checksum::headerName).sorted().toList());
        }
        return found.stream().findFirst();
    }

    private static void checkSdkAlgorithm(HttpRequestParts request, Optional<ChecksumAlgorithm> sent) {
        Optional<String> declared = request.header("x-amz-sdk-checksum-algorithm").map(String::strip);
        if (declared.isEmpty()) {
            return;
        }
        if (sent.isEmpty()) {
            throw S3Errors.sdkChecksumAlgorithmWithoutChecksum();
        }
        if (!ChecksumAlgorithm.fromS3Name(declared.get()).equals(sent)) {
            throw S3Errors.sdkChecksumAlgorithmMismatch();
        }
    }

    private static OptionalLong decodedLength(HttpRequestParts request, PayloadMode mode) {
        if (!mode.chunked()) {
            return length(request, "content-length");
        }
        OptionalLong decoded = length(request, "x-amz-decoded-content-length");
        if (decoded.isEmpty() && mode.signedChunks()) {
            throw S3Errors.missingDecodedContentLength();
        }
        return decoded;
    }

    private static OptionalLong length(HttpRequestParts request, String name) {
        List<String> values = request.headerValues(name);
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = String.join(",", values).strip();
        // Digits only (no sign, no spaces), and few enough to fit a long.
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw S3Errors.invalidLengthHeader(name, value);
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    private static Optional<String> contentMd5(HttpRequestParts request) {
        Optional<String> value = request.header("content-md5").map(String::strip);
        if (value.isPresent() && !decodesTo(value.get(), 16)) {
            throw S3Errors.invalidContentMd5(value.get());
        }
        return value;
    }

    private static boolean decodesTo(String base64, int length) {
        try {
            return Base64.getDecoder().decode(base64).length == length;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "S3Payload[" + rules.mode() + ", decodedLength=" + rules.decodedLength() + ", checksum="
                + rules.headerChecksum().map(Checksum::headerName).or(() -> rules.trailerChecksum()
                        .map(a -> "trailer " + a.headerName())).orElse("none") + "]";
    }
}
