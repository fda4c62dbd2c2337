package dev.lanyard.pipeline;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;

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

    /** The answer of IAM, STS and Organizations: invalid unless expired, whatever the reason (observed). */
    public AwsException queryError(String detail) {
        return switch (this) {
            case EXPIRED_TOKEN -> AwsErrors.expiredToken(detail);
            case UNKNOWN_ACCESS_KEY, INVALID_TOKEN, ACCOUNT_CLOSED -> AwsErrors.invalidClientTokenId(detail);
        };
    }
}
