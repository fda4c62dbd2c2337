package dev.lanyard.sigv4.streaming;

import dev.lanyard.sigv4.internal.S3Errors;

/** How an S3 request's body is sent and protected, by its {@code x-amz-content-sha256} value. */
public enum PayloadMode {
    /** The hex SHA-256 of the body: verified at its end, before its last byte is released. */
    SIGNED_PAYLOAD(false, false, false),
    /** {@code UNSIGNED-PAYLOAD}: passed through (checksum headers, Content-MD5 and length still verified). */
    UNSIGNED_PAYLOAD(false, false, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed, chained from the seed. */
    STREAMING_SIGNED(true, true, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: the same plus a signed checksum trailer. */
    STREAMING_SIGNED_TRAILER(true, true, true),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without signatures; the trailing checksum is verified. */
    STREAMING_UNSIGNED_TRAILER(true, false, true);

    private final boolean chunked;
    private final boolean signedChunks;
    private final boolean trailer;

    PayloadMode(boolean chunked, boolean signedChunks, boolean trailer) {
        this.chunked = chunked;
        this.signedChunks = signedChunks;
        this.trailer = trailer;
    }

    /** The body is {@code aws-chunked}; the backend must get it decoded. */
    public boolean chunked() {
        return chunked;
    }

    public boolean signedChunks() {
        return signedChunks;
    }

    /** A checksum trailer follows the final chunk ({@code x-amz-trailer} names it). */
    public boolean trailer() {
        return trailer;
    }

    /**
     * @param contentSha256 the {@code x-amz-content-sha256} value the verified signature covers
     * @throws dev.lanyard.aws.S3Exception NotImplemented for the SigV4a (ECDSA) streaming values, InvalidArgument for
     *     anything that is not a valid value
     */
    public static PayloadMode of(String contentSha256) {
        return switch (contentSha256) {
            case "UNSIGNED-PAYLOAD" -> UNSIGNED_PAYLOAD;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" ->
                    throw S3Errors.unsupportedStreaming(contentSha256);
            default -> {
                if (!isHexSha256(contentSha256)) {
                    throw S3Errors.invalidContentSha256(contentSha256);
                }
                yield SIGNED_PAYLOAD;
            }
        };
    }

    private static boolean isHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
