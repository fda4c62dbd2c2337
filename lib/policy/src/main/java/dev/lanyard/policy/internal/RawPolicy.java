package dev.lanyard.policy.internal;

import dev.lanyard.policy.ConditionOperator;
import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.SourcePosition;
import java.util.List;
import java.util.Optional;

/** A policy that passed the syntax step but none of the semantic checks yet; values exactly as written. */
record RawPolicy(Optional<String> version, Optional<String> id, List<Statement> statements) {

    record Statement(int index, Optional<String> sid, String effect, Optional<Elements> action,
                     Optional<Elements> resource, Optional<Principal> principal, List<Condition> conditions,
                     SourcePosition start, SourcePosition end) {
    }

    /** Action/NotAction or Resource/NotResource; {@code array} tells {@code []} apart from {@code ""}. */
    record Elements(boolean negated, boolean array, List<String> values) {
    }

    record Principal(boolean negated, List<PrincipalEntry> entries) {
    }

    /** One key under a known operator; unknown operators reach this point only with empty bodies, and are dropped. */
    record Condition(ConditionOperator operator, String key, List<String> values) {
    }
}
