package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

/** A named inline policy embedded in a user, group or role. */
public record InlinePolicy(String name, StoredPolicy policy) {
    public InlinePolicy {
        requireNonNull(name, "name is null");
        requireNonNull(policy, "policy is null");
    }
}
