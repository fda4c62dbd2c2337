package dev.lanyard.oidc.internal;

import dev.lanyard.iam.spi.federation.WebIdentityMessages;

/**
 * What the client is told. Wording seen verbatim from AWS is marked "AWS"; the rest is ours, in AWS's style, because
 * AWS's wording for that case is not known.
 */
final class Messages {
    /** AWS. */
    static final String INCORRECT_AUDIENCE = "Incorrect token audience";
    /** AWS. */
    static final String KEY_UNAVAILABLE = "Couldn't retrieve verification key from your identity provider, "
            + "please reference AssumeRoleWithWebIdentity documentation for requirements";
    /** AWS. */
    static final String THUMBPRINT_MISMATCH =
            "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";
    /** AWS documentation text of IDPCommunicationError (first sentence). */
    static final String IDP_UNREACHABLE = "The request could not be fulfilled because the identity provider (IDP) "
            + "that was asked to verify the incoming identity token could not be reached.";
    /** Worded where STS sees it too. */
    static final String NOT_A_JWT = WebIdentityMessages.NOT_A_JWT;
    /** Ours, after AWS's SAML "Response signature invalid". */
    static final String SIGNATURE_INVALID = "Token signature invalid";

    private Messages() {
    }

    /** Worded where STS sees it too. */
    static String noProvider(String issuer) {
        return WebIdentityMessages.noProvider(issuer);
    }

    /** AWS for {@code aud}; the same pattern for the other required claims. */
    static String missingClaim(String claim) {
        return "Missing a required claim: " + claim;
    }

    /** Ours. */
    static String invalidClaim(String claim) {
        return "Invalid value for claim: " + claim;
    }

    /** Ours. */
    static String unsupportedAlgorithm(String alg) {
        return "Unsupported token signing algorithm: " + alg
                + " (use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512)";
    }

    /** Ours. */
    static String forbiddenHeader(String parameter) {
        return "Token header parameter not allowed: " + parameter;
    }

    /** AWS (2024 form, with a space before the second number). */
    static String expired(long nowSeconds, long expSeconds) {
        return "Token expired: current date/time " + nowSeconds + " must be before the expiration date/time "
                + expSeconds;
    }

    /** Ours, mirroring the expiry message. */
    static String notYetValid(long nowSeconds, long nbfSeconds) {
        return "Token not yet valid: current date/time " + nowSeconds + " must be after the not-before date/time "
                + nbfSeconds;
    }

    /** Ours, mirroring the expiry message. */
    static String issuedInFuture(long nowSeconds, long iatSeconds) {
        return "Token issued in the future: current date/time " + nowSeconds
                + " must be after the issue date/time " + iatSeconds;
    }

    /** The API model's length constraint, worded as AWS words validation errors for sensitive members. */
    static String tooLong(int max) {
        return "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: "
                + "Member must have length less than or equal to " + max;
    }
}
