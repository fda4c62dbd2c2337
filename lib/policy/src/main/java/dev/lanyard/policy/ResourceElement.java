package dev.lanyard.policy;

import dev.lanyard.policy.internal.ResourcePattern;
import java.util.List;

/** The Resource or NotResource element of a statement, compiled at parse time. */
public final class ResourceElement {
    private final boolean negated;
    private final List<String> patterns;
    private final boolean variables;
    private final ResourcePattern[] compiled;

    private ResourceElement(boolean negated, List<String> patterns, PolicyVersion version) {
        this.negated = negated;
        this.patterns = List.copyOf(patterns);
        this.variables = version.supportsVariables();
        this.compiled = this.patterns.stream()
                .map(pattern -> ResourcePattern.compile(pattern, variables))
                .toArray(ResourcePattern[]::new);
    }

    public static ResourceElement resource(List<String> patterns, PolicyVersion version) {
        return new ResourceElement(false, patterns, version);
    }

    public static ResourceElement notResource(List<String> patterns, PolicyVersion version) {
        return new ResourceElement(true, patterns, version);
    }

    /** True for NotResource. */
    public boolean negated() {
        return negated;
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Whether {@code ${...}} in the resource part is substituted (2012-10-17 policies). */
    public boolean variablesEnabled() {
        return variables;
    }

    /**
     * Resource: some entry matches; NotResource: none does. An entry with an unresolvable variable matches nothing,
     * so in NotResource it excludes nothing (iam-policy.md §2.2).
     */
    public boolean matches(String resource, ContextKeys keys) {
        for (ResourcePattern pattern : compiled) {
            if (pattern.matches(resource, keys)) {
                return !negated;
            }
        }
        return negated;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceElement that && negated == that.negated && variables == that.variables
                && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode() * 2 + (negated ? 1 : 0);
    }

    @Override
    public String toString() {
        return (negated ? "NotResource" : "Resource") + patterns;
    }
}
