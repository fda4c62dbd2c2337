package dev.lanyard.sigv4.internal;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every client-facing failure of S3 request authentication and payload verification, with S3's code and, where S3's
 * wording is known (its error reference, or answers recorded by S3-compatible servers tested against S3), its message.
 * Detail S3 puts in extra XML elements (HeadersNotSigned, the computed digests, ...) goes to the operator detail.
 */
public final class S3Errors {
    public static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature"
            + " you provided. Check your key and signing method.";
    public static final String BODY_TERMINATED = "The request body terminated unexpectedly";
    static final String CONTENT_SHA256_VALUES = "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";

    private S3Errors() {}

    // ---- authentication

    public static AwsException signatureMismatch(String operatorDetail) {
        return new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH, operatorDetail);
    }

    public static AwsException requestTimeTooSkewed(Instant requestTime, Instant serverTime, Duration skew) {
        return new AwsException(ErrorCode.REQUEST_TIME_TOO_SKEWED,
                "The difference between the request time and the current time is too large.",
                "RequestTime " + AmzDate.format(requestTime) + ", ServerTime " + serverTime
                        + ", MaxAllowedSkewMilliseconds " + skew.toMillis());
    }

    public static AwsException presignedExpired(Instant expires, Instant serverTime) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Request has expired",
                "Expires " + expires + ", ServerTime " + serverTime);
    }

    public static AwsException presignedNotYetValid(Instant requestTime, Instant serverTime) {
        return new AwsException(ErrorCode.ACCESS_DENIED, "Request is not yet valid",
                "X-Amz-Date " + AmzDate.format(requestTime) + ", ServerTime " + serverTime);
    }

    public static AwsException presignedWithoutExpires() {
        return new AwsException(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Query-string authentication version 4"
                + " requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders,"
                + " and X-Amz-Expires parameters.");
    }

    public static AwsException headersNotSigned(List<String> names) {
        return new AwsException(ErrorCode.ACCESS_DENIED,
                "There were headers present in the request which were not signed",
                "HeadersNotSigned " + String.join(", ", names));
    }

    public static AwsException missingContentSha256() {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "Missing required header for this request: x-amz-content-sha256");
    }

    public static AwsException invalidContentSha256(String value) {
        return new AwsException(ErrorCode.INVALID_ARGUMENT,
                "x-amz-content-sha256 must be " + CONTENT_SHA256_VALUES + " or a valid sha256 value.",
                "ArgumentName x-amz-content-sha256, ArgumentValue " + value);
    }

    // ---- request headers that describe the payload

    public static AwsException unsupportedStreaming(String value) {
        return new AwsException(ErrorCode.NOT_IMPLEMENTED,
                "The chunk encoding algorithm " + value + " is not supported.");
    }

    public static AwsException chunkedWithoutStreaming(String contentSha256) {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "aws-chunked encoding is not supported with the specified x-amz-content-sha256 value.",
                "x-amz-content-sha256 " + contentSha256);
    }

    public static AwsException missingDecodedContentLength() {
        return new AwsException(ErrorCode.MISSING_CONTENT_LENGTH, "You must provide the Content-Length HTTP header.",
                "x-amz-decoded-content-length is required with signed aws-chunked payloads");
    }

    public static AwsException invalidLengthHeader(String name, String value) {
        return new AwsException(ErrorCode.INVALID_ARGUMENT, name + " must be a non-negative integer.",
                "ArgumentName " + name + ", ArgumentValue " + value);
    }

    public static AwsException missingTrailerHeader() {
        return new AwsException(ErrorCode.INVALID_REQUEST, "Missing required header for this request: x-amz-trailer");
    }

    public static AwsException unsupportedTrailer(String value) {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "The value specified in the x-amz-trailer header is not supported", "x-amz-trailer " + value);
    }

    public static AwsException trailerWithoutTrailerPayload(String contentSha256) {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "The x-amz-trailer header is only allowed with a STREAMING-*-TRAILER x-amz-content-sha256 value.",
                "x-amz-content-sha256 " + contentSha256);
    }

    public static AwsException multipleChecksums(List<String> names) {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                "checksums " + String.join(", ", names));
    }

    public static AwsException unknownChecksumHeader(String name) {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "The algorithm type you specified in x-amz-checksum- header is invalid.", "header " + name);
    }

    public static AwsException invalidChecksumHeader(String name) {
        return new AwsException(ErrorCode.INVALID_REQUEST, "Value for " + name + " header is invalid.");
    }

    public static AwsException invalidChecksumTrailer(String name) {
        return new AwsException(ErrorCode.INVALID_REQUEST, "Value for " + name + " trailing header is invalid.");
    }

    public static AwsException sdkChecksumAlgorithmMismatch() {
        return new AwsException(ErrorCode.INVALID_REQUEST,
                "Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }

    public static AwsException sdkChecksumAlgorithmWithoutChecksum() {
        return new AwsException(ErrorCode.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no"
                + " corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
    }

    public static AwsException invalidContentMd5() {
        return new AwsException(ErrorCode.INVALID_DIGEST, "The Content-MD5 you specified is not valid.");
    }

    // ---- the payload itself

    public static AwsException contentSha256Mismatch(String declared, String computed) {
        return new AwsException(ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH,
                "The provided 'x-amz-content-sha256' header does not match what was computed.",
                "ClientComputedContentSHA256 " + declared + ", S3ComputedContentSHA256 " + computed);
    }

    public static AwsException contentMd5Mismatch(String declared, String computed) {
        return new AwsException(ErrorCode.BAD_DIGEST, "The Content-MD5 you specified did not match what we received.",
                "ExpectedDigest " + declared + ", CalculatedDigest " + computed);
    }

    /** @param algorithm as S3 names it: CRC32, CRC32C, CRC64NVME, SHA1, SHA256 */
    public static AwsException checksumMismatch(String algorithm, String declared, String computed) {
        return new AwsException(ErrorCode.BAD_DIGEST,
                "The " + algorithm + " you specified did not match the calculated checksum.",
                "declared " + declared + ", computed " + computed);
    }

    public static AwsException chunkSignatureMismatch(String operatorDetail) {
        return signatureMismatch(operatorDetail);
    }

    /** Framing that cannot be parsed, or a body that ends early: S3 answers both with IncompleteBody. */
    public static AwsException malformedBody(String operatorDetail) {
        return new AwsException(ErrorCode.INCOMPLETE_BODY, BODY_TERMINATED, operatorDetail);
    }

    public static AwsException lengthMismatch(String operatorDetail) {
        return new AwsException(ErrorCode.INCOMPLETE_BODY,
                "You did not provide the number of bytes specified by the Content-Length HTTP header",
                operatorDetail);
    }

    public static AwsException chunkTooSmall(long chunkNumber, long size) {
        return new AwsException(ErrorCode.INVALID_CHUNK_SIZE_ERROR,
                "Only the last chunk is allowed to have a size less than 8192 bytes",
                "Chunk " + chunkNumber + ", BadChunkSize " + size);
    }

    public static AwsException chunkTooLarge(long chunkNumber, long size, long max) {
        return new AwsException(ErrorCode.INVALID_REQUEST, "Chunk size " + size + " exceeds the maximum of " + max
                + " bytes this endpoint accepts for a signed chunk.", "Chunk " + chunkNumber);
    }

    public static AwsException malformedTrailer(String operatorDetail) {
        return new AwsException(ErrorCode.MALFORMED_TRAILER_ERROR, "The request contained trailing data that was not"
                + " well-formed or did not conform to our published schema.", operatorDetail);
    }
}
