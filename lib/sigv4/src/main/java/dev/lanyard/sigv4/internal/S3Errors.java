package dev.lanyard.sigv4.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.aws.S3Exception.Detail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every client-facing failure of S3 request authentication and payload verification, in the S3 catalogue
 * ({@link S3ErrorCode}), with S3's message where S3's wording is known (its error reference, or answers recorded by
 * S3-compatible servers tested against S3) and the extra elements S3 adds to its error document.
 */
public final class S3Errors {
    public static final String BODY_TERMINATED = "The request body terminated unexpectedly";
    static final String CONTENT_SHA256_VALUES = "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";

    private S3Errors() {}

    private static S3Exception error(S3ErrorCode code, String message) {
        return new S3Exception(code, message, List.of(), "");
    }

    private static S3Exception error(S3ErrorCode code, String message, String operatorDetail) {
        return new S3Exception(code, message, List.of(), operatorDetail);
    }

    // ---- authentication

    /** The string to sign stays in the operator detail: S3 echoes it to the client, we do not. */
    public static S3Exception signatureMismatch(String operatorDetail) {
        return error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.defaultMessage(),
                operatorDetail);
    }

    public static S3Exception incorrectTerminal(String terminator, boolean presigned) {
        return presigned
                ? queryParameters("Error parsing the X-Amz-Credential parameter; incorrect terminal \"" + terminator
                        + "\". This endpoint uses \"aws4_request\".")
                : headerMalformed("incorrect terminal \"" + terminator + "\". This endpoint uses \"aws4_request\".");
    }

    public static S3Exception credentialDateMismatch(String scopeDate, String amzDate, boolean presigned) {
        return presigned
                ? queryParameters("Invalid credential date \"" + scopeDate + "\". This date is not the same as"
                        + " X-Amz-Date: \"" + amzDate.substring(0, Math.min(8, amzDate.length())) + "\".")
                : headerMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");
    }

    private static S3Exception headerMalformed(String reason) {
        return error(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; " + reason);
    }

    private static S3Exception queryParameters(String message) {
        return error(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }

    public static S3Exception requestTimeTooSkewed(Instant requestTime, Instant serverTime, Duration skew) {
        return new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED, List.of(
                new Detail("RequestTime", AmzDate.format(requestTime)),
                new Detail("ServerTime", serverTime.truncatedTo(ChronoUnit.SECONDS).toString()),
                new Detail("MaxAllowedSkewMilliseconds", Long.toString(skew.toMillis()))));
    }

    public static S3Exception presignedExpired(Duration expires, Instant expiry, Instant serverTime) {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired", List.of(
                new Detail("X-Amz-Expires", Long.toString(expires.toSeconds())),
                new Detail("Expires", expiry.toString()),
                new Detail("ServerTime", serverTime.toString())), "");
    }

    public static S3Exception presignedNotYetValid(Instant requestTime, Instant expiry, Instant serverTime) {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request is not yet valid", List.of(
                new Detail("X-Amz-Date", AmzDate.format(requestTime)),
                new Detail("Expires", expiry.toString()),
                new Detail("ServerTime", serverTime.toString())), "");
    }

    public static S3Exception presignedWithoutExpires() {
        return queryParameters("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }

    public static S3Exception headersNotSigned(List<String> names) {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED,
                "There were headers present in the request which were not signed",
                List.of(new Detail("HeadersNotSigned", String.join(", ", names))), "");
    }

    public static S3Exception missingContentSha256() {
        return error(S3ErrorCode.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
    }

    public static S3Exception invalidContentSha256(String value) {
        return S3Exception.invalidArgument("x-amz-content-sha256 must be " + CONTENT_SHA256_VALUES
                + " or a valid sha256 value.", "x-amz-content-sha256", value);
    }

    // ---- request headers that describe the payload

    public static S3Exception unsupportedStreaming(String value) {
        return new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, S3ErrorCode.NOT_IMPLEMENTED.defaultMessage(),
                List.of(new Detail("Header", "x-amz-content-sha256")),
                "the chunk encoding " + value + " (SigV4a) is not supported");
    }

    public static S3Exception chunkedWithoutStreaming(String contentSha256) {
        return error(S3ErrorCode.INVALID_REQUEST,
                "aws-chunked encoding is not supported with the specified x-amz-content-sha256 value.",
                "x-amz-content-sha256 " + contentSha256);
    }

    public static S3Exception missingDecodedContentLength() {
        return error(S3ErrorCode.MISSING_CONTENT_LENGTH, S3ErrorCode.MISSING_CONTENT_LENGTH.defaultMessage(),
                "x-amz-decoded-content-length is required with signed aws-chunked payloads");
    }

    public static S3Exception invalidLengthHeader(String name, String value) {
        return S3Exception.invalidArgument(name + " must be a non-negative integer.", name, value);
    }

    public static S3Exception missingTrailerHeader() {
        return error(S3ErrorCode.INVALID_REQUEST, "Missing required header for this request: x-amz-trailer");
    }

    public static S3Exception unsupportedTrailer(String value) {
        return error(S3ErrorCode.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported",
                "x-amz-trailer " + value);
    }

    public static S3Exception trailerWithoutTrailerPayload(String contentSha256) {
        return error(S3ErrorCode.INVALID_REQUEST,
                "The x-amz-trailer header is only allowed with a STREAMING-*-TRAILER x-amz-content-sha256 value.",
                "x-amz-content-sha256 " + contentSha256);
    }

    public static S3Exception multipleChecksums(List<String> names) {
        return error(S3ErrorCode.INVALID_REQUEST,
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                "checksums " + String.join(", ", names));
    }

    public static S3Exception unknownChecksumHeader(String name) {
        return error(S3ErrorCode.INVALID_REQUEST,
                "The algorithm type you specified in x-amz-checksum- header is invalid.", "header " + name);
    }

    public static S3Exception invalidChecksumHeader(String name) {
        return error(S3ErrorCode.INVALID_REQUEST, "Value for " + name + " header is invalid.");
    }

    public static S3Exception invalidChecksumTrailer(String name) {
        return error(S3ErrorCode.INVALID_REQUEST, "Value for " + name + " trailing header is invalid.");
    }

    public static S3Exception sdkChecksumAlgorithmMismatch() {
        return error(S3ErrorCode.INVALID_REQUEST, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }

    public static S3Exception sdkChecksumAlgorithmWithoutChecksum() {
        return error(S3ErrorCode.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no corresponding"
                + " x-amz-checksum-* or x-amz-trailer headers were found.");
    }

    public static S3Exception invalidContentMd5(String value) {
        return new S3Exception(S3ErrorCode.INVALID_DIGEST, List.of(new Detail("Content-MD5", value)));
    }

    // ---- the payload itself

    public static S3Exception contentSha256Mismatch(String declared, String computed) {
        return new S3Exception(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH, List.of(
                new Detail("ClientComputedContentSHA256", declared),
                new Detail("S3ComputedContentSHA256", computed)));
    }

    public static S3Exception contentMd5Mismatch(String declared, String computed) {
        return new S3Exception(S3ErrorCode.BAD_DIGEST, List.of(
                new Detail("ExpectedDigest", declared), new Detail("CalculatedDigest", computed)));
    }

    /** @param algorithm as S3 names it: CRC32, CRC32C, CRC64NVME, SHA1, SHA256 */
    public static S3Exception checksumMismatch(String algorithm, String declared, String computed) {
        return error(S3ErrorCode.BAD_DIGEST,
                "The " + algorithm + " you specified did not match the calculated checksum.",
                "declared " + declared + ", computed " + computed);
    }

    public static S3Exception chunkSignatureMismatch(String operatorDetail) {
        return signatureMismatch(operatorDetail);
    }

    /** Framing that cannot be parsed, or a body that ends early: S3 answers both with IncompleteBody. */
    public static S3Exception malformedBody(String operatorDetail) {
        return error(S3ErrorCode.INCOMPLETE_BODY, BODY_TERMINATED, operatorDetail);
    }

    public static S3Exception lengthMismatch(String operatorDetail) {
        return error(S3ErrorCode.INCOMPLETE_BODY, S3ErrorCode.INCOMPLETE_BODY.defaultMessage(), operatorDetail);
    }

    public static S3Exception chunkTooSmall(long chunkNumber, long size) {
        return new S3Exception(S3ErrorCode.INVALID_CHUNK_SIZE_ERROR, List.of(
                new Detail("Chunk", Long.toString(chunkNumber)), new Detail("BadChunkSize", Long.toString(size))));
    }

    public static S3Exception chunkTooLarge(long chunkNumber, long size, long max) {
        return error(S3ErrorCode.INVALID_REQUEST, "Chunk size " + size + " exceeds the maximum of " + max
                + " bytes this endpoint accepts for a signed chunk.", "Chunk " + chunkNumber);
    }

    public static S3Exception malformedTrailer(String operatorDetail) {
        return error(S3ErrorCode.MALFORMED_TRAILER_ERROR, S3ErrorCode.MALFORMED_TRAILER_ERROR.defaultMessage(),
                operatorDetail);
    }
}
