package dev.lanyard.oidc.internal;

/** The validation steps, in the order they run; their names appear in diagnostics and audit details. */
public enum Check {
    TOKEN_LENGTH("token-length"),
    TOKEN_FORMAT("token-format"),
    HEADER("header"),
    ISSUER("issuer"),
    SIGNING_KEY("signing-key"),
    ALGORITHM("algorithm"),
    SIGNATURE("signature"),
    EXPIRATION("exp"),
    NOT_BEFORE("nbf"),
    ISSUED_AT("iat"),
    AUDIENCE("aud"),
    SUBJECT("sub"),
    FEDERATION_CLAIMS("federation-claims");

    private final String wireName;

    Check(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
