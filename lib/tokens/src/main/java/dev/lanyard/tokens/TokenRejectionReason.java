package dev.lanyard.tokens;

/** Why a session token was rejected. For logs and audit only: the client always gets one uniform error. */
public enum TokenRejectionReason {
    /** Not canonical Base64, too long, or too short to hold a header and a tag. */
    MALFORMED,
    /** The version byte names a format this build does not know. */
    UNKNOWN_VERSION,
    /** No PRIMARY or ENABLED key has the token's key id (pruned, disabled, or another keyset). */
    UNKNOWN_KEY,
    /** The GCM tag does not verify: tampered, bound to another access key id, or sealed by another key. */
    AUTHENTICATION_FAILED,
    /** Authentic but the body does not decode: only a bug or a leaked key can cause this. */
    BODY_INVALID
}
