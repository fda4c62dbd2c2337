package dev.lanyard.policy.internal;

import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.ContextKeys;
import java.math.BigDecimal;
import java.util.List;

/**
 * Numeric values, compared as decimals ({@code 10} equals {@code 10.0}). A policy or request value that is not a
 * number compares false; for NumericNotEquals that makes the (negated) condition true.
 */
final class NumericValues implements ValueSet {
    private static final int MAX_LENGTH = 64;

    private final Comparison comparison;
    private final BigDecimal[] values;

    private NumericValues(Comparison comparison, BigDecimal[] values) {
        this.comparison = comparison;
        this.values = values;
    }

    static ValueSet compile(BaseOperator operator, List<String> values) {
        BigDecimal[] parsed = new BigDecimal[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = parse(values.get(i));
        }
        return new NumericValues(Comparison.of(operator), parsed);
    }

    static BigDecimal parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        BigDecimal request = parse(requestValue);
        if (request == null) {
            return false;
        }
        for (BigDecimal value : values) {
            if (value != null && comparison.holds(request.compareTo(value))) {
                return true;
            }
        }
        return false;
    }
}
