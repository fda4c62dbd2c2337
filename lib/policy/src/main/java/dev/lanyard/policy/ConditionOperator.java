package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A full condition operator: {@code [ForAllValues:|ForAnyValue:]<BaseOperator>[IfExists]}. */
public record ConditionOperator(SetQualifier qualifier, BaseOperator base, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    public ConditionOperator {
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(base, "base is null");
    }

    /** Parses an operator name exactly as IAM does: one optional prefix, one optional IfExists suffix. */
    public static Optional<ConditionOperator> parse(String text) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        for (SetQualifier candidate : SetQualifier.values()) {
            if (candidate != SetQualifier.NONE && rest.startsWith(candidate.prefix())) {
                qualifier = candidate;
                rest = rest.substring(candidate.prefix().length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        SetQualifier finalQualifier = qualifier;
        return BaseOperator.fromWireName(rest).map(base -> new ConditionOperator(finalQualifier, base, ifExists));
    }

    public String text() {
        return qualifier.prefix() + base.wireName() + (ifExists ? IF_EXISTS : "");
    }

    @Override
    public String toString() {
        return text();
    }
}
