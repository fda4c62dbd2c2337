package dev.lanyard.iam.spi.federation;

/**
 * The sentences both sides of web identity federation give the client: STS before it calls the verifier (the token's
 * issuer names no provider of the role's account) and the verifier itself. Worded once, here, where both can see them.
 */
public final class WebIdentityMessages {
    /** Seen in AWS output for tokens that are not JWTs; not confirmed for every malformed case. */
    public static final String NOT_A_JWT =
            "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";

    private WebIdentityMessages() {}

    /** AWS. */
    public static String noProvider(String issuer) {
        return "No OpenIDConnect provider found in your account for " + issuer;
    }
}
