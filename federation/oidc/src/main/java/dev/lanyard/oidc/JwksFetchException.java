package dev.lanyard.oidc;

import static java.util.Objects.requireNonNull;

/** Why a discovery or JWKS document could not be had; the message is for operators only. */
public final class JwksFetchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the error the client sees. */
    public enum Kind {
        /** Connection refused or reset, timeout, 5xx or 429: the IdP could not be reached. */
        UNREACHABLE,
        /** The IdP answered, but not with a usable document (status, size, content). */
        BAD_RESPONSE,
        /** The TLS chain is not trusted and its top certificate matches none of the provider's thumbprints. */
        UNTRUSTED_CERTIFICATE,
        /** The URL is not https (and not an allowed loopback http URL). */
        INSECURE_URL
    }

    private final Kind kind;

    public JwksFetchException(Kind kind, String message) {
        this(kind, message, null);
    }

    public JwksFetchException(Kind kind, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }
}
