package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The effect of a resource or trust policy; {@code strongestAllowMatch} is how the strongest applicable Allow
 * statement named the caller ({@link PrincipalMatch#NONE} when no Allow statement applied).
 */
public record ResourcePolicyResult(SetEffect effect, PrincipalMatch strongestAllowMatch,
                                   List<MatchedStatement> matched) {
    public ResourcePolicyResult {
        requireNonNull(effect, "effect is null");
        requireNonNull(strongestAllowMatch, "strongestAllowMatch is null");
        matched = List.copyOf(matched);
    }
}
