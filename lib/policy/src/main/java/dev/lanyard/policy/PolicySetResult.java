package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The effect of a policy set: the Deny statements when DENY, the Allow statements when ALLOW, else none. */
public record PolicySetResult(SetEffect effect, List<MatchedStatement> matched) {
    public PolicySetResult {
        requireNonNull(effect, "effect is null");
        matched = List.copyOf(matched);
    }

    public static PolicySetResult notApplicable() {
        return new PolicySetResult(SetEffect.NOT_APPLICABLE, List.of());
    }
}
