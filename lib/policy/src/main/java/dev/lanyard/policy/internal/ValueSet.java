package dev.lanyard.policy.internal;

import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.ContextKeys;
import java.util.List;

/**
 * The compiled policy values of one condition key under the non-negated form of its operator: answers "does this
 * request value match at least one policy value?" (iam-policy.md §3.1). Negation is applied by the caller.
 */
public interface ValueSet {
    boolean anyMatch(String requestValue, ContextKeys keys);

    /** Compiles {@code values} for {@code operator}; {@code variables} enables ${...} where the family allows it. */
    static ValueSet compile(BaseOperator operator, List<String> values, boolean variables) {
        return switch (operator.family()) {
            case STRING -> StringValues.compile(operator, values, variables);
            case BOOL -> StringValues.compileBool(values, variables);
            case NUMERIC -> NumericValues.compile(operator, values);
            case DATE -> DateValues.compile(operator, values);
            case BINARY -> BinaryValues.compile(values);
            case IP -> IpValues.compile(values);
            case ARN -> ArnValues.compile(values, variables);
            case NULL -> (requestValue, keys) -> false;
        };
    }
}
