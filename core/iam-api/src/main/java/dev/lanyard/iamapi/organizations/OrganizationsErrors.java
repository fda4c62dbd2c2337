package dev.lanyard.iamapi.organizations;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/** Organizations' sentences, as its JSON API words them. */
final class OrganizationsErrors {
    private OrganizationsErrors() {}

    static AwsException notInUse() {
        return new AwsException(ErrorCode.AWS_ORGANIZATIONS_NOT_IN_USE,
                "Your account is not a member of an organization.");
    }

    static AwsException accessDenied() {
        return new AwsException(ErrorCode.ORGANIZATIONS_ACCESS_DENIED,
                "You don't have permissions to access this resource.");
    }

    static AwsException createAccountStatusNotFound() {
        return new AwsException(ErrorCode.CREATE_ACCOUNT_STATUS_NOT_FOUND,
                "We can't find an create account request with the CreateAccountRequestId that you specified.");
    }

    static AwsException accountNotFound() {
        return new AwsException(ErrorCode.ACCOUNT_NOT_FOUND, "You specified an account that doesn't exist.");
    }

    static AwsException patternMismatch() {
        return new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT,
                "You provided a value that does not match the required pattern.");
    }

    static AwsException invalidNextToken() {
        return new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT, "The NextToken value is invalid.");
    }

    static AwsException missingValue(String field) {
        return new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT, "You must specify a value for " + field + ".");
    }

    static AwsException lengthOutOfRange(String field, int min, int max) {
        return new AwsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT,
                "The value of " + field + " must be between " + min + " and " + max + " characters long.");
    }

    static AwsException cannotCloseManagementAccount() {
        return new AwsException(ErrorCode.ORGANIZATIONS_CONSTRAINT_VIOLATION,
                "You can't close the management account with this operation.");
    }

    static AwsException accountAlreadyClosed() {
        return new AwsException(ErrorCode.ORGANIZATIONS_CONSTRAINT_VIOLATION, "The account is already closed.");
    }

    static AwsException tooManyTags() {
        return new AwsException(ErrorCode.ORGANIZATIONS_CONSTRAINT_VIOLATION,
                "You have exceeded the limit of 50 tags on this resource.");
    }
}
