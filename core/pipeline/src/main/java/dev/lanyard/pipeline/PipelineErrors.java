package dev.lanyard.pipeline;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/** The sentences of the request pipeline: a request that names no operation, or whose envelope is refused. */
final class PipelineErrors {
    private PipelineErrors() {}

    /** For the audit trail; the reply words it with the reason (ApiHandler.unreadable). */
    static AwsException unreadableBody(String why) {
        return new AwsException(ErrorCode.MALFORMED_HTTP_REQUEST, "The request body cannot be read.", why);
    }

    static AwsException notFound(String rawPath) {
        return new AwsException(ErrorCode.NOT_FOUND, "The AWS APIs are served at '/' only; there is nothing at '"
                + rawPath + "'.");
    }

    static AwsException methodNotAllowed() {
        return new AwsException(ErrorCode.METHOD_NOT_ALLOWED,
                "The specified method is not allowed against this resource.");
    }

    static AwsException missingAction() {
        return new AwsException(ErrorCode.MISSING_ACTION, "Missing Action");
    }

    static AwsException unknownAction(String action, String version) {
        return new AwsException(ErrorCode.INVALID_ACTION, "Could not find operation " + action + " for version "
                + version);
    }

    /** Organizations' JSON protocol words an unknown target differently from the Query services. */
    static AwsException unknownOperation() {
        return new AwsException(ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION,
                "The action or operation requested is invalid. Verify that the action is typed correctly.");
    }

    static AwsException presignedWithBody() {
        return new AwsException(ErrorCode.INVALID_PARAMETER_COMBINATION, "A presigned request takes its parameters"
                + " from its query string only and must not have a body.");
    }

    static AwsException headerNotSigned(String name) {
        return new AwsException(ErrorCode.INCOMPLETE_SIGNATURE,
                "'" + name + "' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static AwsException regionDisabled(String account, String operatorDetail) {
        return new AwsException(ErrorCode.REGION_DISABLED, "STS is not activated in this region for account:"
                + account + ". Your account administrator can activate STS in this region using the IAM Console.",
                operatorDetail);
    }
}
