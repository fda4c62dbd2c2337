package dev.lanyard.policy;

import java.util.List;
import java.util.Objects;

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

    /**
     * An AssumeRoot session's task policy: its denies limit the root session, and it caps nothing else, since every
     * task policy AWS publishes is deny-only over the root user's implicit allow.
     */
    record RootTask(LabeledPolicy policy) implements SessionPolicies {
        public RootTask {
            Objects.requireNonNull(policy, "policy is null");
        }
    }

    static SessionPolicies none() {
        return new None();
    }
}
