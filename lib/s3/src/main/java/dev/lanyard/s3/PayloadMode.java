package dev.lanyard.s3;

import java.util.Optional;

/**
 * What {@code x-amz-content-sha256} says about the body (AmazonS3/latest/API/sig-v4-header-based-auth.html): its
 * SHA-256, unsigned, or one of the streaming forms the gateway verifies chunk by chunk.
 */
public enum PayloadMode {
    /** The header is the hex SHA-256 of the whole body. */
    SIGNED_PAYLOAD,
    UNSIGNED_PAYLOAD,
    STREAMING_SIGNED_PAYLOAD,
    STREAMING_SIGNED_PAYLOAD_TRAILER,
    STREAMING_UNSIGNED_PAYLOAD_TRAILER;

    /** Empty when the value is none of the forms Lanyard verifies (SigV4a's ECDSA forms included). */
    public static Optional<PayloadMode> fromHeader(String value) {
        return switch (value) {
            case "UNSIGNED-PAYLOAD" -> Optional.of(UNSIGNED_PAYLOAD);
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> Optional.of(STREAMING_SIGNED_PAYLOAD);
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> Optional.of(STREAMING_SIGNED_PAYLOAD_TRAILER);
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> Optional.of(STREAMING_UNSIGNED_PAYLOAD_TRAILER);
            default -> isLowerHexSha256(value) ? Optional.of(SIGNED_PAYLOAD) : Optional.empty();
        };
    }

    private static boolean isLowerHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
