package dev.lanyard.aws;

/**
 * The error sentences every service answers alike, worded as AWS words them (aws-sts-api.md sections 1.4 and 11). A
 * module's own sentences live in its own {@code *Errors} catalogue (IamErrors, StsErrors, SigV4Errors, ...); only
 * catalogues construct an {@link AwsException}, so each sentence has one spelling (ArchitectureRules).
 */
public final class AwsErrors {
    private AwsErrors() {}

    /** One spelling for every reason a key or token is refused (aws-sts-api.md section 11, with the period). */
    public static final String INVALID_CLIENT_TOKEN_ID = "The security token included in the request is invalid.";

    public static AwsException validation(String message) {
        return new AwsException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static AwsException missingParameter(String name) {
        return new AwsException(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }

    public static AwsException invalidParameterValue(String message) {
        return new AwsException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static AwsException invalidClientTokenId() {
        return invalidClientTokenId("");
    }

    /** @param operatorDetail why the token was refused; the client learns only that it was */
    public static AwsException invalidClientTokenId(String operatorDetail) {
        return new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_CLIENT_TOKEN_ID, operatorDetail);
    }

    public static AwsException expiredToken(String operatorDetail) {
        return new AwsException(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired",
                operatorDetail);
    }

    public static AwsException missingAuthenticationToken() {
        return new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    /** @param operatorDetail which limit the caller hit */
    public static AwsException throttled(String operatorDetail) {
        return new AwsException(ErrorCode.THROTTLING, "Rate exceeded", operatorDetail);
    }

    public static AwsException malformedPolicyDocument(String message) {
        return new AwsException(ErrorCode.MALFORMED_POLICY_DOCUMENT, message);
    }

    /** @param operatorDetail the store's failure, for the log only */
    public static AwsException storeUnavailable(String operatorDetail) {
        return new AwsException(ErrorCode.SERVICE_UNAVAILABLE,
                "The service is temporarily unable to store changes. Try again later.", operatorDetail);
    }

    public static AwsException internalFailure(String operatorDetail) {
        return new AwsException(ErrorCode.INTERNAL_FAILURE, "InternalFailure", operatorDetail);
    }

    /** The JSON protocol's answer to a body that is no JSON of the expected shape. */
    public static AwsException serialization(String message) {
        return new AwsException(ErrorCode.SERIALIZATION_EXCEPTION, message);
    }

    public static AwsException requestTooLarge(int maxBodyBytes) {
        return new AwsException(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                "Request body must be no larger than " + maxBodyBytes + " bytes");
    }

    /** @param sts STS ends the scope sentences with a space after the period (observed); other services do not */
    public static AwsException regionOutOfScope(String signedRegion, boolean sts, String operatorDetail) {
        return new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, scope(sts, signedRegion.isEmpty()
                ? "Credential should be scoped to a valid region"
                : "Credential should be scoped to a valid region, not '" + signedRegion + "'"), operatorDetail);
    }

    public static AwsException serviceOutOfScope(String service, boolean sts, String operatorDetail) {
        return new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                scope(sts, "Credential should be scoped to correct service: '" + service + "'"), operatorDetail);
    }

    private static String scope(boolean sts, String sentence) {
        return sts ? sentence + ". " : sentence + ".";
    }
}
