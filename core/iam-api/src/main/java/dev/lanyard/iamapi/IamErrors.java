package dev.lanyard.iamapi;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/** IAM's error sentences, in one place. */
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
