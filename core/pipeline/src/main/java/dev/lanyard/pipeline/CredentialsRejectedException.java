package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * The credentials of a signed request were refused; the message is for the operator's log only (it names keys and
 * principals, never secrets), and the front end answers {@link #rejection()} in its protocol's words.
 */
public final class CredentialsRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CredentialRejection rejection;

    public CredentialsRejectedException(CredentialRejection rejection, String detail) {
        super(requireNonNull(detail, "detail is null"), null, false, false);
        this.rejection = requireNonNull(rejection, "rejection is null");
    }

    public CredentialRejection rejection() {
        return rejection;
    }
}
