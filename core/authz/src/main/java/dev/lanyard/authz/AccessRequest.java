package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import java.util.Optional;

/**
 * One authorization question: may the caller perform {@code action} on {@code resource}? The resource policy, when
 * given, is evaluated as a resource-based policy; for role trust policies it must allow by itself.
 */
public record AccessRequest(String action, String resource, Optional<AccountId> resourceAccount,
        ContextKeys requestKeys, Optional<LabeledPolicy> resourcePolicy, boolean resourcePolicyRequired) {
    public AccessRequest {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        requireNonNull(requestKeys, "requestKeys is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
    }

    public static AccessRequest of(String action, String resource, AccountId resourceAccount) {
        return new AccessRequest(action, resource, Optional.of(resourceAccount), ContextKeys.builder().build(),
                Optional.empty(), false);
    }
}
