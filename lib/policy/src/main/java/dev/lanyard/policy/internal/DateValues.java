package dev.lanyard.policy.internal;

import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.ContextKeys;
import java.util.List;

/** Date values, parsed at policy-parse time; request values in ISO-8601 or epoch seconds. */
final class DateValues implements ValueSet {
    private final Comparison comparison;
    private final DateValue[] values;

    private DateValues(Comparison comparison, DateValue[] values) {
        this.comparison = comparison;
        this.values = values;
    }

    static ValueSet compile(BaseOperator operator, List<String> values) {
        DateValue[] parsed = new DateValue[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = DateValue.parse(values.get(i)).orElse(null);
        }
        return new DateValues(Comparison.of(operator), parsed);
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        DateValue request = DateValue.parse(requestValue).orElse(null);
        if (request == null) {
            return false;
        }
        for (DateValue value : values) {
            if (value != null && comparison.holds(request.compareTo(value))) {
                return true;
            }
        }
        return false;
    }
}
