package dev.lanyard.query.internal;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;

/** The Query protocol's own sentences: a form that cannot be read as parameters. */
final class QueryErrors {
    private QueryErrors() {}

    static AwsException tooManyParameters(int maxParameters) {
        return new AwsException(ErrorCode.INVALID_QUERY_PARAMETER,
                "The request must not contain more than " + maxParameters + " parameters.");
    }

    static AwsException conflictingValues(String name) {
        return new AwsException(ErrorCode.INVALID_PARAMETER_VALUE,
                "The parameter " + name + " was given more than once with different values.");
    }

    static AwsException malformedQueryString(String why) {
        return new AwsException(ErrorCode.MALFORMED_QUERY_STRING,
                "The query string contains a syntax error: " + why + ".");
    }
}
