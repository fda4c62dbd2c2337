package dev.lanyard.iam.spi;

/** Why a signed request was not authenticated, as counted by the metrics; the audit trail keeps the details. */
public enum AuthenticationFailure {
    /** No signature at all on an operation that needs one. */
    MISSING_SIGNATURE,
    /** The credential scope names another region or service. */
    WRONG_SCOPE,
    /** The access key ID is malformed, unknown or inactive, or its user is gone. */
    UNKNOWN_ACCESS_KEY,
    /** The session token is missing, unreadable or sealed under a key no longer held. */
    INVALID_TOKEN,
    /** The session is past its expiry. */
    EXPIRED_TOKEN,
    /** The caller's account is closed. */
    ACCOUNT_CLOSED,
    /** The signature is malformed, does not match, or is outside its time window. */
    SIGNATURE_REJECTED
}
