package dev.lanyard.tokens;

/**
 * A session token would be longer than {@link SessionTokenCodec#MAX_TOKEN_LENGTH} characters; the caller answers
 * {@code PackedPolicyTooLarge}.
 */
public final class TokenTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int tokenLength;

    public TokenTooLargeException(int tokenLength) {
        super("session token would be " + tokenLength + " characters, more than "
                + SessionTokenCodec.MAX_TOKEN_LENGTH);
        this.tokenLength = tokenLength;
    }

    /** The length in Base64 characters the token would have had. */
    public int tokenLength() {
        return tokenLength;
    }
}
