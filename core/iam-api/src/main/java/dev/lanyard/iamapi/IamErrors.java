package dev.lanyard.iamapi;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/**
 * IAM's error sentences, in one place, as AWS answered (recorded answers; docs/compatibility.md lists those chosen
 * where AWS's wording is not known). A policy that is missing reads differently by operation: "does not exist or is
 * not attachable" where it would be attached or listed against, "was not found" where it is read, changed or
 * deleted, and "version V does not exist or is not attachable" where a version is named.
 */
final class IamErrors {
    private IamErrors() {}

    static AwsException noSuchUser(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found.");
    }

    static AwsException noSuchGroup(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The group with name " + name + " cannot be found.");
    }

    static AwsException noSuchRole(String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + name + " cannot be found.");
    }

    static AwsException noSuchPolicy(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " does not exist or is not attachable.");
    }

    static AwsException policyNotFound(String arn) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " was not found.");
    }

    static AwsException noSuchPolicyVersion(String arn, String versionId) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "Policy " + arn + " version " + versionId
                + " does not exist or is not attachable.");
    }

    /** A PolicyArn that is no policy ARN at all. */
    static AwsException invalidPolicyArn(String arn) {
        return AwsException.validation("ARN " + arn + " is not valid.");
    }

    /** The same sentence for a permissions boundary, with another code (as AWS answers). */
    static AwsException invalidBoundaryArn(String arn) {
        return new AwsException(ErrorCode.INVALID_INPUT, "ARN " + arn + " is not valid.");
    }

    static AwsException noSuchMfaDevice(String serial) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY, "MFA Device with serial number " + serial
                + " does not exist.");
    }

    static AwsException noSuchInlinePolicy(String kind, String name) {
        return new AwsException(ErrorCode.NO_SUCH_ENTITY,
                "The " + kind + " policy with name " + name + " cannot be found.");
    }

    static AwsException alreadyExists(String what) {
        return new AwsException(ErrorCode.ENTITY_ALREADY_EXISTS, what + " already exists.");
    }

    static AwsException deleteConflict(String message) {
        return new AwsException(ErrorCode.DELETE_CONFLICT, message);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException(ErrorCode.LIMIT_EXCEEDED, message);
    }

    static AwsException invalidInput(String message) {
        return new AwsException(ErrorCode.INVALID_INPUT, message);
    }
}
