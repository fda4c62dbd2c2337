package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A refusal that reaches an S3 client as S3's {@code <Error>} document: the code, the message, and the extra elements
 * S3 adds for that code, in order ({@code ArgumentName}/{@code ArgumentValue} for InvalidArgument, {@code BucketName}
 * for InvalidBucketName, {@code Method}/{@code ResourceType} for MethodNotAllowed, {@code Size}/{@code MaxSizeAllowed}
 * for KeyTooLongError, ...). Anything only an operator should see travels in {@link #operatorDetail()}.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One extra element of the error document; the value is client input and must be escaped when written. */
    public record Detail(String element, String value) {
        public Detail {
            requireNonNull(element, "element is null");
            requireNonNull(value, "value is null");
        }
    }

    private final S3ErrorCode errorCode;
    private final transient List<Detail> details;
    private final String operatorDetail;

    public S3Exception(S3ErrorCode errorCode, String message, List<Detail> details, String operatorDetail) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.details = List.copyOf(details);
        this.operatorDetail = requireNonNull(operatorDetail, "operatorDetail is null");
    }

    /** The code with S3's fixed message and no extra elements. */
    public S3Exception(S3ErrorCode errorCode) {
        this(errorCode, errorCode.defaultMessage(), List.of(), "");
    }

    public S3Exception(S3ErrorCode errorCode, List<Detail> details) {
        this(errorCode, errorCode.defaultMessage(), details, "");
    }

    public S3ErrorCode errorCode() {
        return errorCode;
    }

    public List<Detail> details() {
        return details;
    }

    public String operatorDetail() {
        return operatorDetail;
    }

    /** S3's InvalidArgument with the offending parameter named, as S3 reports a bad query parameter or header. */
    public static S3Exception invalidArgument(String message, String argumentName, String argumentValue) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message,
                List.of(new Detail("ArgumentName", argumentName), new Detail("ArgumentValue", argumentValue)), "");
    }

    @Override
    public String toString() {
        return "S3Exception[" + errorCode.code() + ": " + getMessage() + (details.isEmpty() ? "" : ", " + details)
                + (operatorDetail.isEmpty() ? "" : ", operatorDetail=" + operatorDetail) + "]";
    }
}
