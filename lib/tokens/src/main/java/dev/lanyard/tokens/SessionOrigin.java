package dev.lanyard.tokens;

/** The STS operation that issued a session. */
public enum SessionOrigin {
    ASSUME_ROLE,
    ASSUME_ROLE_WITH_WEB_IDENTITY,
    ASSUME_ROLE_WITH_SAML,
    GET_FEDERATION_TOKEN,
    GET_SESSION_TOKEN,
    /** A member account's root session, limited by its task policy. */
    ASSUME_ROOT,
    /** A partner's session in a customer's account, from a delegation request's trade-in token. */
    GET_DELEGATED_ACCESS_TOKEN
}
