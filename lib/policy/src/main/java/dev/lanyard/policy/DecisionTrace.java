package dev.lanyard.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Short human lines per policy type, e.g. "identity: ALLOW by user-inline AdminPolicy#0". */
final class DecisionTrace {
    private DecisionTrace() {
    }

    static List<String> lines(AuthorizationRequest request, PolicySetResult identity,
                              Optional<PolicySetResult> boundary, Optional<PolicySetResult> session,
                              Optional<ResourcePolicyResult> resource) {
        List<String> lines = new ArrayList<>(5);
        String rootNote = request.principalIsRoot() && identity.effect() != SetEffect.ALLOW
                ? " (root user: implicit allow)" : "";
        lines.add("identity: " + describe(identity) + rootNote);
        lines.add("boundary: " + boundary.map(DecisionTrace::describe).orElse("none"));
        lines.add("session: " + switch (request.sessionPolicies()) {
            case SessionPolicies.None none -> "none";
            case SessionPolicies.Passed passed -> session.map(DecisionTrace::describe).orElse("NOT_APPLICABLE");
            case SessionPolicies.FederatedWithoutPolicy federated ->
                    "federated-user session without session policy (no permissions)";
            case SessionPolicies.RootTask task -> "root task policy " + task.policy().ref().name() + ": "
                    + session.map(DecisionTrace::describe).orElse("NOT_APPLICABLE");
        });
        lines.add("resource: " + resource.map(DecisionTrace::describe).orElse("none"));
        return lines;
    }

    private static String describe(PolicySetResult result) {
        return describe(result.effect(), result.matched());
    }

    private static String describe(ResourcePolicyResult result) {
        String effect = result.effect() == SetEffect.ALLOW
                ? "ALLOW (" + result.strongestAllowMatch() + ")" : result.effect().name();
        return describe(effect, result.matched());
    }

    private static String describe(SetEffect effect, List<MatchedStatement> matched) {
        return describe(effect.name(), matched);
    }

    private static String describe(String effect, List<MatchedStatement> matched) {
        if (matched.isEmpty()) {
            return effect;
        }
        StringBuilder line = new StringBuilder(effect).append(" by ");
        for (int i = 0; i < matched.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(matched.get(i).label());
        }
        return line.toString();
    }
}
