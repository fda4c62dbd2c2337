package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The authorization decision: {@code determining} holds the Deny statements for EXPLICIT_DENY, the Allow statements
 * that decided for ALLOWED, and nothing for IMPLICIT_DENY; {@code trace} is one short line per policy type.
 */
public record Decision(Outcome outcome, List<MatchedStatement> determining, List<String> trace) {
    public Decision {
        requireNonNull(outcome, "outcome is null");
        determining = List.copyOf(determining);
        trace = List.copyOf(trace);
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED;
    }
}
