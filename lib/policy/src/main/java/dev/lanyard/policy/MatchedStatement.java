package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A statement that applied to a request, with its source position for the simulator and decoded messages. */
public record MatchedStatement(PolicyRef policy, int statementIndex, Optional<String> sid, Effect effect,
                               SourcePosition start, SourcePosition end) {
    public MatchedStatement {
        requireNonNull(policy, "policy is null");
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    public static MatchedStatement of(PolicyRef policy, Statement statement) {
        return new MatchedStatement(policy, statement.index(), statement.sid(), statement.effect(),
                statement.start(), statement.end());
    }

    /** {@code user-inline AdminPolicy#0}. */
    public String label() {
        return policy + "#" + statementIndex;
    }
}
