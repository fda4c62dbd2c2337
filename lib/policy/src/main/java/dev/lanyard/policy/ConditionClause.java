package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import dev.lanyard.policy.internal.ValueSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code operator: {key: values}} entry of a Condition block, compiled at parse time. A statement's clauses are
 * AND-ed; values are OR-ed, inside the negation for negated operators (iam-policy.md §3.1-3.4).
 */
public final class ConditionClause {
    private final ConditionOperator operator;
    private final String key;
    private final String normalizedKey;
    private final List<String> values;
    private final boolean variables;
    private final ValueSet compiled;

    private ConditionClause(ConditionOperator operator, String key, List<String> values, boolean variables) {
        this.operator = requireNonNull(operator, "operator is null");
        this.key = requireNonNull(key, "key is null");
        this.normalizedKey = key.toLowerCase(Locale.ROOT);
        this.values = List.copyOf(values);
        this.variables = variables;
        this.compiled = ValueSet.compile(operator.base(), this.values, variables);
    }

    /**
     * Compiles a clause; {@code version} decides whether {@code ${...}} in String, ARN and Bool values are policy
     * variables. Unquoted numbers and booleans must already be in their string form.
     */
    public static ConditionClause of(ConditionOperator operator, String key, List<String> values,
                                     PolicyVersion version) {
        return new ConditionClause(operator, key, values, version.supportsVariables());
    }

    public ConditionOperator operator() {
        return operator;
    }

    public String key() {
        return key;
    }

    public List<String> values() {
        return values;
    }

    /** Whether policy values may contain variables (2012-10-17 policies). */
    public boolean variablesEnabled() {
        return variables;
    }

    /** Evaluates the clause against the request's context keys. */
    public boolean evaluate(ContextKeys keys) {
        if (operator.base() == BaseOperator.NULL) {
            return evaluateNull(keys);
        }
        Optional<List<String>> present = keys.values(normalizedKey);
        List<String> request = present.orElse(List.of());
        if (request.isEmpty() || (operator.qualifier() != SetQualifier.NONE && onlyEmptyStrings(request))) {
            return missingKeyResult();
        }
        return switch (operator.qualifier()) {
            // "Set operator is required for a multi-value key" (iam-simulate, re:Inforce 2025): no match either way.
            case NONE -> !keys.isMultiValued(normalizedKey) && matchesOne(request.getFirst(), keys);
            case FOR_ALL_VALUES -> allMatch(request, keys);
            case FOR_ANY_VALUE -> anyMatches(request, keys);
        };
    }

    /**
     * §3.2/§3.4 (also for set operators over only empty strings): IfExists is true; ForAllValues is vacuously true (the majority of the AWS doc passages; the
     * aws:ResourceOrgPaths example on the operator page says "No match" — see §3.6); ForAnyValue is false; a plain
     * operator is false unless negated.
     */
    private boolean missingKeyResult() {
        if (operator.ifExists()) {
            return true;
        }
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> true;
            case FOR_ANY_VALUE -> false;
            case NONE -> operator.base().negated();
        };
    }

    /**
     * For set operators a request whose values are all empty strings "resolves to an empty data set", so
     * ForAllValues is true and ForAnyValue false, as for an absent key (the multivalued examples page and the older
     * set-operator page say so in the same words). Plain operators still compare the empty string as a value.
     */
    private static boolean onlyEmptyStrings(List<String> request) {
        for (String value : request) {
            if (!value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesOne(String requestValue, ContextKeys keys) {
        boolean any = compiled.anyMatch(requestValue, keys);
        return operator.base().negated() != any;
    }

    private boolean allMatch(List<String> request, ContextKeys keys) {
        for (String value : request) {
            if (!matchesOne(value, keys)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyMatches(List<String> request, ContextKeys keys) {
        for (String value : request) {
            if (matchesOne(value, keys)) {
                return true;
            }
        }
        return false;
    }

    /** Null: "true" matches an absent key, "false" a present one; prefixes and IfExists do not change it. */
    private boolean evaluateNull(ContextKeys keys) {
        boolean absent = keys.values(normalizedKey).map(List::isEmpty).orElse(true);
        for (String value : values) {
            if (value.equalsIgnoreCase("true") ? absent : value.equalsIgnoreCase("false") && !absent) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConditionClause that && operator.equals(that.operator) && key.equals(that.key)
                && values.equals(that.values) && variables == that.variables;
    }

    @Override
    public int hashCode() {
        return (operator.hashCode() * 31 + key.hashCode()) * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return operator.text() + "{" + key + ": " + values + "}";
    }
}
