package dev.lanyard.sigv4.streaming;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.io.IOException;
import java.util.Optional;

/**
 * A payload that failed verification while being read: an {@link IOException}, so that whatever consumes the stream
 * (an HTTP client forwarding it) aborts instead of completing the request, carrying the S3 error to answer with. Its
 * cause is that {@link S3Exception}, so {@link #in(Throwable)} finds it however the consumer wrapped it.
 */
public final class PayloadVerificationException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSE_DEPTH = 32;

    public PayloadVerificationException(S3Exception error) {
        super(requireNonNull(error, "error is null").errorCode().code() + ": " + error.getMessage(), error);
    }

    public S3Exception error() {
        return (S3Exception) getCause();
    }

    public S3ErrorCode errorCode() {
        return error().errorCode();
    }

    /** The S3 error of the first PayloadVerificationException in {@code failure}'s cause chain. */
    public static Optional<S3Exception> in(Throwable failure) {
        Throwable t = failure;
        // Bounded: a cause chain may loop.
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof PayloadVerificationException verification) {
                return Optional.of(verification.error());
            }
        }
        return Optional.empty();
    }
}
