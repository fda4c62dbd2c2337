package dev.lanyard.policy.internal;

import dev.lanyard.policy.ConditionOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Syntax of a Condition block: an object of operators, each an object of keys, each a scalar or an array of
 * scalars (numbers and booleans normalized to their text). Unknown operators are accepted only with an empty body.
 */
final class ConditionShape {
    private ConditionShape() {
    }

    static List<RawPolicy.Condition> read(JsonValue condition) throws PolicyShape.SyntaxError {
        if (condition == null) {
            return List.of();
        }
        List<RawPolicy.Condition> out = new ArrayList<>();
        for (Map.Entry<String, JsonValue> operatorEntry : PolicyShape.object(condition).members().entrySet()) {
            JsonValue.ObjectValue body = PolicyShape.object(operatorEntry.getValue());
            Optional<ConditionOperator> operator = ConditionOperator.parse(operatorEntry.getKey());
            PolicyShape.require(operator.isPresent() || body.members().isEmpty());
            for (Map.Entry<String, JsonValue> keyEntry : body.members().entrySet()) {
                out.add(new RawPolicy.Condition(operator.orElseThrow(), keyEntry.getKey(),
                        scalars(keyEntry.getValue())));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> scalars(JsonValue value) throws PolicyShape.SyntaxError {
        if (!(value instanceof JsonValue.ArrayValue array)) {
            return List.of(scalar(value));
        }
        List<String> out = new ArrayList<>(array.items().size());
        for (JsonValue item : array.items()) {
            out.add(scalar(item));
        }
        return List.copyOf(out);
    }

    private static String scalar(JsonValue value) throws PolicyShape.SyntaxError {
        return switch (value) {
            case JsonValue.Text text -> text.value();
            case JsonValue.Scalar scalar -> scalar.text();
            case JsonValue.Opaque opaque -> throw new PolicyShape.SyntaxError();
            case JsonValue.ArrayValue array -> throw new PolicyShape.SyntaxError();
            case JsonValue.ObjectValue object -> throw new PolicyShape.SyntaxError();
        };
    }
}
