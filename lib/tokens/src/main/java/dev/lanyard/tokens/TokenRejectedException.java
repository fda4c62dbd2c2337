package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

/**
 * A session token failed to unseal. The {@link #reason()} is for logs and audit; callers answer every reason with the
 * same client error. Stackless, since forged tokens are cheap for an attacker to send and must be cheap to refuse.
 */
public final class TokenRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TokenRejectionReason reason;

    public TokenRejectedException(TokenRejectionReason reason) {
        super("session token rejected: " + requireNonNull(reason, "reason is null"), null, false, false);
        this.reason = reason;
    }

    public TokenRejectionReason reason() {
        return reason;
    }
}
