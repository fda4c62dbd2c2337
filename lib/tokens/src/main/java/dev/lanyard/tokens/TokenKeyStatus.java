package dev.lanyard.tokens;

/** The state of one key in a {@link TokenKeyset}. */
public enum TokenKeyStatus {
    /** Seals new tokens and unseals. Exactly one per keyset. */
    PRIMARY,
    /** Unseals only: a retired primary whose tokens may still be live, or a key staged before promotion. */
    ENABLED,
    /** Never unseals; kept so an operator can re-enable it. */
    DISABLED
}
