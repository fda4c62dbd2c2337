package dev.lanyard.policy;

import dev.lanyard.policy.internal.ActionPattern;
import java.util.List;

/** The Action or NotAction element of a statement, compiled at parse time. */
public final class ActionElement {
    private final boolean negated;
    private final List<String> patterns;
    private final ActionPattern[] compiled;

    private ActionElement(boolean negated, List<String> patterns) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(ActionPattern::compile).toArray(ActionPattern[]::new);
    }

    public static ActionElement action(List<String> patterns) {
        return new ActionElement(false, patterns);
    }

    public static ActionElement notAction(List<String> patterns) {
        return new ActionElement(true, patterns);
    }

    /** True for NotAction. */
    public boolean negated() {
        return negated;
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Action: some pattern matches; NotAction: none does (iam-policy.md §2.1). */
    public boolean matches(String action) {
        for (ActionPattern pattern : compiled) {
            if (pattern.matches(action)) {
                return !negated;
            }
        }
        return negated;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionElement that && negated == that.negated && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode() * 2 + (negated ? 1 : 0);
    }

    @Override
    public String toString() {
        return (negated ? "NotAction" : "Action") + patterns;
    }
}
