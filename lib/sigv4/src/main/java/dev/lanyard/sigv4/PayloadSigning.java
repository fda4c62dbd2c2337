package dev.lanyard.sigv4;

/**
 * Which payload hashes a verifier takes. AWS accepts {@code UNSIGNED-PAYLOAD} only for S3 and the few operations
 * whose model carries the {@code unsignedPayload} trait; STS, IAM and Organizations have none of them, so a Query or
 * JSON request is only ever verified against the SHA-256 of the body actually received.
 */
public enum PayloadSigning {
    /** The payload hash is the SHA-256 of the received body; a declared {@code x-amz-content-sha256} must equal it. */
    REQUIRED,
    /**
     * As {@link #REQUIRED}, but a declared {@code UNSIGNED-PAYLOAD} is taken at its word, and a presigned request may
     * be signed with it undeclared, as S3 presigners do (S3-style services only).
     */
    UNSIGNED_ALLOWED
}
