package dev.lanyard.policy.internal;

import dev.lanyard.policy.BaseOperator;

/** How an operator relates a request value to a policy value; negation is handled separately. */
enum Comparison {
    EQUAL, EQUAL_IGNORE_CASE, LIKE, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, NONE;

    static Comparison of(BaseOperator operator) {
        return switch (operator) {
            case STRING_EQUALS, STRING_NOT_EQUALS, NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS,
                 BINARY_EQUALS -> EQUAL;
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE, BOOL -> EQUAL_IGNORE_CASE;
            case STRING_LIKE, STRING_NOT_LIKE, ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE, IP_ADDRESS,
                 NOT_IP_ADDRESS -> LIKE;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> LESS;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> LESS_OR_EQUAL;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> GREATER;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> GREATER_OR_EQUAL;
            case NULL -> NONE;
        };
    }

    /** Whether {@code compareTo}'s result satisfies an ordering comparison. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUAL, EQUAL_IGNORE_CASE -> comparison == 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case LIKE, NONE -> false;
        };
    }
}
