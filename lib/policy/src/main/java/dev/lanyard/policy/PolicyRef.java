package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

/** Identifies a policy in results: its source and its name (policy name or ARN). */
public record PolicyRef(PolicySource source, String name) {
    public PolicyRef {
        requireNonNull(source, "source is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return source.label() + " " + name;
    }
}
