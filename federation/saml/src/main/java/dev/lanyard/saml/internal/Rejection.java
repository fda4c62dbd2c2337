package dev.lanyard.saml.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/**
 * A failed check: the AWS error the client sees plus, for the operator only, which check failed and why. Thrown
 * inside the pipeline (no stack trace: it is control flow) and turned into an {@link AwsException} at the edge.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String check;
    private final String detail;

    public Rejection(ErrorCode errorCode, String clientMessage, String check, String detail) {
        super(requireNonNull(clientMessage, "clientMessage is null"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.check = requireNonNull(check, "check is null");
        this.detail = requireNonNull(detail, "detail is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String clientMessage() {
        return getMessage();
    }

    public String check() {
        return check;
    }

    public String detail() {
        return detail;
    }

    public AwsException toAwsException() {
        return new AwsException(errorCode, clientMessage(), check + ": " + detail);
    }
}
