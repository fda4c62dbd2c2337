package dev.lanyard.policy.reference;

import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.ConditionClause;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.SetQualifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Condition semantics written directly from iam-policy.md §3. Dates accept only what the generators produce
 * (ISO instants with Z, plain dates, epoch seconds); IPs only literal addresses.
 */
final class ReferenceConditions {
    private ReferenceConditions() {
    }

    static boolean holds(ConditionClause clause, ContextKeys keys) {
        BaseOperator base = clause.operator().base();
        Optional<List<String>> present = keys.values(clause.key());
        boolean absent = present.isEmpty() || present.get().isEmpty();
        if (base == BaseOperator.NULL) {
            return clause.values().stream().anyMatch(v -> v.equalsIgnoreCase("true") ? absent
                    : v.equalsIgnoreCase("false") && !absent);
        }
        // "an empty data set (for example, an empty string)" counts as no values for ForAllValues/ForAnyValue.
        boolean emptySet = clause.operator().qualifier() != SetQualifier.NONE && !absent
                && present.get().stream().allMatch(String::isEmpty);
        if (absent || emptySet) {
            if (clause.operator().ifExists()) {
                return true;
            }
            return clause.operator().qualifier() == SetQualifier.FOR_ALL_VALUES
                    || (clause.operator().qualifier() == SetQualifier.NONE && base.negated());
        }
        List<String> request = present.get();
        return switch (clause.operator().qualifier()) {
            case NONE -> !keys.isMultiValued(clause.key()) && perValue(clause, request.getFirst(), keys);
            case FOR_ALL_VALUES -> request.stream().allMatch(r -> perValue(clause, r, keys));
            case FOR_ANY_VALUE -> request.stream().anyMatch(r -> perValue(clause, r, keys));
        };
    }

    private static boolean perValue(ConditionClause clause, String request, ContextKeys keys) {
        boolean any = false;
        for (String value : clause.values()) {
            any |= compare(clause.operator().base(), request, value, clause.variablesEnabled(), keys);
        }
        return clause.operator().base().negated() ? !any : any;
    }

    private static boolean compare(BaseOperator op, String request, String value, boolean variables,
                                   ContextKeys keys) {
        return switch (op.family()) {
            case STRING -> string(op, request, value, variables, keys);
            case BOOL -> ReferenceVariables.substitute(value, variables, keys).map(request::equalsIgnoreCase)
                    .orElse(false);
            case NUMERIC -> ordered(op, number(request), number(value));
            case DATE -> ordered(op, date(request), date(value));
            case BINARY -> request.equals(value);
            case IP -> inNetwork(request, value);
            case ARN -> arn(request, value, variables, keys);
            case NULL -> false;
        };
    }

    private static boolean string(BaseOperator op, String request, String value, boolean variables,
                                  ContextKeys keys) {
        switch (op) {
            case STRING_LIKE, STRING_NOT_LIKE -> {
                String regex = ReferenceVariables.toRegex(value, variables, keys, ".", ".*");
                return regex != null && Pattern.compile(regex, Pattern.DOTALL).matcher(request).matches();
            }
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> {
                return ReferenceVariables.substitute(value, variables, keys).map(request::equalsIgnoreCase)
                        .orElse(false);
            }
            case STRING_EQUALS, STRING_NOT_EQUALS -> {
                return ReferenceVariables.substitute(value, variables, keys).map(request::equals).orElse(false);
            }
            default -> throw new IllegalArgumentException("not a string operator: " + op);
        }
    }

    private static <T extends Comparable<T>> boolean ordered(BaseOperator op, T request, T value) {
        if (request == null || value == null) {
            return false;
        }
        int c = request.compareTo(value);
        return switch (op) {
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> c < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> c <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> c > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> c >= 0;
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> c == 0;
            default -> throw new IllegalArgumentException("not an ordered operator: " + op);
        };
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long date(String text) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(text);
            }
            return Instant.parse(text.length() == 10 ? text + "T00:00:00Z" : text).getEpochSecond();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean inNetwork(String request, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(request).getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (network.length != address.length) {
                return false;
            }
            int shift = network.length * 8 - bits;
            return new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean arn(String request, String value, boolean variables, ContextKeys keys) {
        List<String> pattern = ReferenceVariables.splitArn(value, variables);
        String[] actual = request.split(":", 6);
        if (pattern.size() < 6 || actual.length < 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            String regex = ReferenceVariables.toRegex(pattern.get(i), variables, keys, ".", ".*");
            if (regex == null || !Pattern.compile(regex, Pattern.DOTALL).matcher(actual[i]).matches()) {
                return false;
            }
        }
        return true;
    }
}
