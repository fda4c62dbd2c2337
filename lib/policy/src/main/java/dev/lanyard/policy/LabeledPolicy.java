package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

/** A parsed policy together with where it came from. */
public record LabeledPolicy(PolicyRef ref, PolicyDocument document) {
    public LabeledPolicy {
        requireNonNull(ref, "ref is null");
        requireNonNull(document, "document is null");
    }
}
