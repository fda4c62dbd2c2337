package dev.lanyard.authorizer;

/**
 * The service's own call was refused (its credentials, its permission to ask, an undeclared action, a malformed
 * resource policy) or Lanyard could not be reached: a problem of the service's configuration, not a verdict on its
 * client. The service should answer its client with a 5xx and not allow the request.
 */
public final class AuthorizationApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    public AuthorizationApiException(String code, String message, int httpStatus) {
        super(code + ": " + message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public AuthorizationApiException(String message, Throwable cause) {
        super(message, cause);
        this.code = "Unreachable";
        this.httpStatus = 0;
    }

    /** AWS's error code ({@code AccessDenied}, {@code InvalidAction}, ...), or {@code Unreachable}. */
    public String code() {
        return code;
    }

    /** The status Lanyard answered, 0 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }
}
