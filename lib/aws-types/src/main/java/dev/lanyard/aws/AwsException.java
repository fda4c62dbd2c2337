package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

/**
 * A failure that reaches the client as an AWS error envelope. The message is what the client sees; anything only an
 * operator should see travels in {@link #operatorDetail()}. Made by the error catalogues ({@link AwsErrors} and each
 * module's {@code *Errors}), so that each sentence is worded once.
 */
public class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String operatorDetail;

    public AwsException(ErrorCode errorCode, String message) {
        this(errorCode, message, "");
    }

    public AwsException(ErrorCode errorCode, String message, String operatorDetail) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.operatorDetail = requireNonNull(operatorDetail, "operatorDetail is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String operatorDetail() {
        return operatorDetail;
    }
}
