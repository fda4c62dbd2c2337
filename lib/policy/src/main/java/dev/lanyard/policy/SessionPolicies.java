package dev.lanyard.policy;

import java.util.List;

/** The session policies of the caller's session (iam-policy.md §4.5). */
public sealed interface SessionPolicies {
    /** Not a session, or a role session with no session policies passed: no cap. */
    record None() implements SessionPolicies {
    }

    /** Inline and managed session policies, evaluated as one set that must allow. */
    record Passed(List<LabeledPolicy> policies) implements SessionPolicies {
        public Passed {
            policies = List.copyOf(policies);
        }
    }

    /** GetFederationToken without a policy: "the resulting federated user session has no permissions". */
    record FederatedWithoutPolicy() implements SessionPolicies {
    }

    static SessionPolicies none() {
        return new None();
    }
}
