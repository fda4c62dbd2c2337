package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.Observations;

/**
 * An authentication refused by a front end (the Query APIs, the authorization API): the answer, and the reason the
 * metrics count it under. Thrown inside the front end's authentication and caught at its edge, where the refusal is
 * counted against the source and the answer thrown.
 */
public final class AuthenticationRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AuthenticationFailure reason;
    private final transient AwsException error;

    public AuthenticationRefused(AuthenticationFailure reason, AwsException error) {
        super(null, null, false, false);
        this.reason = requireNonNull(reason, "reason is null");
        this.error = requireNonNull(error, "error is null");
    }

    public AuthenticationFailure reason() {
        return reason;
    }

    /** Counts the refusal in {@code frontEnd}'s metrics and against {@code source}; returns the answer to throw. */
    public AwsException counted(Observations observations, Observations.FrontEnd frontEnd, Throttles throttles,
            String source) {
        observations.authenticationFailed(frontEnd, reason);
        throttles.authenticationFailed(source);
        return error;
    }
}
