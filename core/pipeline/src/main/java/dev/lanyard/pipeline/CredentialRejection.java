package dev.lanyard.pipeline;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.AuthenticationFailure;

/**
 * Why the credentials of a signed request were refused, before or after its signature was checked. The reasons are
 * the distinctions S3 makes ({@code InvalidAccessKeyId}, {@code InvalidToken}, {@code ExpiredToken}); each front end
 * answers them in its own protocol's words, the Query API with {@link #queryError}.
 */
public enum CredentialRejection {
    /** The access key ID is malformed, unknown or inactive, or the user it belonged to is gone. */
    UNKNOWN_ACCESS_KEY,
    /**
     * The session token is missing, unreadable, sealed under a key no longer held, sent with a long-term key, or
     * stands for a user or role that no longer exists.
     */
    INVALID_TOKEN,
    /** The session is past its expiry. */
    EXPIRED_TOKEN,
    /** The caller's account is closed: its principals, sessions included, stop working at once. */
    ACCOUNT_CLOSED;

    /** The reason the metrics count it under, on every front end (bounded: one per rejection). */
    public AuthenticationFailure metricReason() {
        return switch (this) {
            case UNKNOWN_ACCESS_KEY -> AuthenticationFailure.UNKNOWN_ACCESS_KEY;
            case INVALID_TOKEN -> AuthenticationFailure.INVALID_TOKEN;
            case EXPIRED_TOKEN -> AuthenticationFailure.EXPIRED_TOKEN;
            case ACCOUNT_CLOSED -> AuthenticationFailure.ACCOUNT_CLOSED;
        };
    }

    /** The answer of IAM, STS and Organizations: invalid unless expired, whatever the reason (observed). */
    public AwsException queryError(String detail) {
        return switch (this) {
            case EXPIRED_TOKEN -> AwsErrors.expiredToken(detail);
            case UNKNOWN_ACCESS_KEY, INVALID_TOKEN, ACCOUNT_CLOSED -> AwsErrors.invalidClientTokenId(detail);
        };
    }
}
