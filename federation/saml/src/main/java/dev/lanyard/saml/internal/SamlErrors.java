package dev.lanyard.saml.internal;

import dev.lanyard.aws.ErrorCode;

/**
 * The one catalogue of what a client is told when a SAML Response is refused. Texts AWS is known to send are used
 * verbatim ("Response signature invalid", "Response has expired", "Issuer not present in specified provider",
 * "Response does not contain the required audience", "RoleSessionName is required in AuthnResponse", the
 * RoleSessionName and Source Identity patterns, "Token must be redeemed within 5 minutes of issuance", "Could not
 * parse metadata"); the others follow their style. The detail says precisely what failed, for the operator only.
 */
public final class SamlErrors {
    private SamlErrors() {
    }

    public static Rejection invalid(String check, String message, String detail) {
        return new Rejection(ErrorCode.INVALID_IDENTITY_TOKEN, message, check, detail);
    }

    public static Rejection signatureInvalid(String check, String detail) {
        return invalid(check, "Response signature invalid", detail);
    }

    public static Rejection malformed(String detail) {
        return invalid("xml", "Response is not well-formed XML", detail);
    }

    public static Rejection notSamlResponse(String detail) {
        return invalid("structure", "Response is not a SAML 2.0 Response", detail);
    }

    public static Rejection assertionCount(String detail) {
        return invalid("structure", "Response must contain exactly one assertion", detail);
    }

    public static Rejection duplicateIds(String detail) {
        return invalid("ids", "Response contains duplicate IDs", detail);
    }

    public static Rejection undecryptable(String detail) {
        return invalid("decryption", "Response could not be decrypted", detail);
    }

    public static Rejection idpRejected(String statusCode) {
        return new Rejection(ErrorCode.IDP_REJECTED_CLAIM, "Response status is not Success", "status",
                "the identity provider answered " + statusCode);
    }

    public static Rejection expired(String check, String detail) {
        return new Rejection(ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Response has expired", check, detail);
    }

    public static Rejection tooOld(long minutes, String detail) {
        return new Rejection(ErrorCode.EXPIRED_TOKEN_EXCEPTION,
                "Token must be redeemed within " + minutes + " minutes of issuance", "issue-instant", detail);
    }

    public static Rejection notYetValid(String check, String detail) {
        return invalid(check, "Response is not yet valid", detail);
    }

    public static Rejection inAuthnResponse(String check, String element, String detail) {
        return invalid(check, element + " in AuthnResponse is not valid", detail);
    }

    public static Rejection requiredInAuthnResponse(String check, String element, String detail) {
        return invalid(check, element + " is required in AuthnResponse", detail);
    }

    public static Rejection metadata(String detail) {
        return new Rejection(ErrorCode.INVALID_INPUT, "Could not parse metadata", "metadata", detail);
    }
}
