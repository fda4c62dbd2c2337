package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One statement of a parsed policy. {@code resource} is empty only in trust policies, {@code principal} only outside
 * resource and trust policies. {@code start}/{@code end} locate the statement object in the source: the position of
 * its opening brace and the position just after its closing brace.
 */
public record Statement(int index, Optional<String> sid, Effect effect, Optional<PrincipalElement> principal,
                        ActionElement action, Optional<ResourceElement> resource, List<ConditionClause> conditions,
                        SourcePosition start, SourcePosition end) {
    public Statement {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        conditions = List.copyOf(conditions);
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }

    /** This statement with its AWS principals bound to unique IDs, see {@link PrincipalElement#withUniqueIds}. */
    public Statement withPrincipalUniqueIds(Map<String, String> uniqueIds) {
        return new Statement(index, sid, effect, principal.map(p -> p.withUniqueIds(uniqueIds)), action, resource,
                conditions, start, end);
    }

    /**
     * Whether Action, Resource and Condition all match; Principal is not consulted here (identity-style
     * evaluation), see {@link PrincipalElement#match}.
     */
    public boolean appliesTo(RequestContext context) {
        if (!action.matches(context.action())) {
            return false;
        }
        if (resource.isPresent() && !resource.get().matches(context.resource(), context.keys())) {
            return false;
        }
        for (ConditionClause condition : conditions) {
            if (!condition.evaluate(context.keys())) {
                return false;
            }
        }
        return true;
    }
}
