package dev.lanyard.aws;

/**
 * The one catalogue of AWS error codes Lanyard answers with: the wire code, the HTTP status, and whose fault it is.
 * Client mistakes are 4xx ({@link Fault#SENDER}); only our own failures are 5xx.
 */
public enum ErrorCode {
    // common to every Query service
    ACCESS_DENIED("AccessDenied", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    INVALID_ACTION("InvalidAction", 400),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400),
    MALFORMED_QUERY_STRING("MalformedQueryString", 400),
    MISSING_ACTION("MissingAction", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    MISSING_PARAMETER("MissingParameter", 400),
    EXPIRED_TOKEN("ExpiredToken", 403),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    REQUEST_EXPIRED("RequestExpired", 400),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
    VALIDATION_ERROR("ValidationError", 400),
    THROTTLING("Throttling", 400),
    /** The JSON protocol's throttling error (the authorization API's), with HTTP's status for it. */
    THROTTLING_EXCEPTION("ThrottlingException", 429),
    NOT_FOUND("NotFound", 404),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    /** AWS's common error for problems at the HTTP level (a body whose framing cannot be read). */
    MALFORMED_HTTP_REQUEST("MalformedHttpRequestException", 400),
    INTERNAL_FAILURE("InternalFailure", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),

    // STS
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
    REGION_DISABLED("RegionDisabledException", 403),
    EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 400),
    IDP_REJECTED_CLAIM("IDPRejectedClaim", 403),
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
    IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400),
    INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400),
    OUTBOUND_FEDERATION_DISABLED("OutboundWebIdentityFederationDisabledException", 403),
    SESSION_DURATION_ESCALATION("SessionDurationEscalationException", 403),
    JWT_PAYLOAD_SIZE_EXCEEDED("JWTPayloadSizeExceededException", 400),
    EXPIRED_TRADE_IN_TOKEN("ExpiredTradeInTokenException", 400),

    // IAM
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
    LIMIT_EXCEEDED("LimitExceeded", 409),
    DELETE_CONFLICT("DeleteConflict", 409),
    CONCURRENT_MODIFICATION("ConcurrentModification", 409),
    ENTITY_TEMPORARILY_UNMODIFIABLE("EntityTemporarilyUnmodifiable", 409),
    INVALID_INPUT("InvalidInput", 400),
    UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400),
    POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400),
    INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403),
    SERVICE_FAILURE("ServiceFailure", 500),
    FEATURE_ENABLED("FeatureEnabled", 409),
    FEATURE_DISABLED("FeatureDisabled", 404),
    PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400),
    INVALID_USER_TYPE("InvalidUserType", 400),
    INVALID_PUBLIC_KEY("InvalidPublicKey", 400),
    DUPLICATE_SSH_PUBLIC_KEY("DuplicateSSHPublicKey", 400),
    UNRECOGNIZED_PUBLIC_KEY_ENCODING("UnrecognizedPublicKeyEncoding", 400),
    MALFORMED_CERTIFICATE("MalformedCertificate", 400),
    KEY_PAIR_MISMATCH("KeyPairMismatch", 400),
    INVALID_CERTIFICATE("InvalidCertificate", 400),
    DUPLICATE_CERTIFICATE("DuplicateCertificate", 409),
    NOT_SUPPORTED_SERVICE("NotSupportedService", 404),
    REPORT_NOT_PRESENT("ReportNotPresent", 410),
    REPORT_EXPIRED("ReportExpired", 410),
    REPORT_GENERATION_LIMIT_EXCEEDED("ReportGenerationLimitExceeded", 409),
    // IAM's Organizations-root errors: no code in the model, so the code is the shape name and the status 400
    SERVICE_ACCESS_NOT_ENABLED("ServiceAccessNotEnabledException", 400),
    ACCOUNT_NOT_MANAGEMENT_OR_DELEGATED_ADMINISTRATOR("AccountNotManagementOrDelegatedAdministratorException", 400),
    ORGANIZATION_NOT_FOUND("OrganizationNotFoundException", 400),
    ORGANIZATION_NOT_IN_ALL_FEATURES_MODE("OrganizationNotInAllFeaturesModeException", 400),
    CALLER_IS_NOT_MANAGEMENT_ACCOUNT("CallerIsNotManagementAccountException", 400),

    // Organizations (JSON protocol: codes are exception names)
    AWS_ORGANIZATIONS_NOT_IN_USE("AWSOrganizationsNotInUseException", 400),
    ACCOUNT_NOT_FOUND("AccountNotFoundException", 400),
    CREATE_ACCOUNT_STATUS_NOT_FOUND("CreateAccountStatusNotFoundException", 400),
    ORGANIZATIONS_ACCESS_DENIED("AccessDeniedException", 400),
    ORGANIZATIONS_INVALID_INPUT("InvalidInputException", 400),
    ORGANIZATIONS_CONSTRAINT_VIOLATION("ConstraintViolationException", 400),
    ORGANIZATIONS_UNKNOWN_OPERATION("UnknownOperationException", 400),
    /** The JSON protocol's answer to a body that is not exactly one JSON object. */
    SERIALIZATION_EXCEPTION("SerializationException", 400);

    /** Whose fault: the AWS envelope's {@code Type}. */
    public enum Fault {
        SENDER("Sender"),
        RECEIVER("Receiver");

        private final String wireName;

        Fault(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Fault fault() {
        return httpStatus >= 500 ? Fault.RECEIVER : Fault.SENDER;
    }
}
