package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * Everything the decision needs (iam-policy.md §4.3-4.6).
 *
 * @param resourceAccount empty: same as the principal's (e.g. resource "*")
 * @param principalIsRoot the account root user: the identity step passes in its own account
 * @param identityPolicies user inline + attached + groups', or the role's
 * @param resourcePolicy e.g. the role trust policy for sts:AssumeRole*
 * @param resourcePolicyRequired true for trust policies: the resource policy itself must allow
 */
public record AuthorizationRequest(
        RequestContext context,
        AccountId principalAccount,
        Optional<AccountId> resourceAccount,
        boolean principalIsRoot,
        List<LabeledPolicy> identityPolicies,
        Optional<LabeledPolicy> permissionsBoundary,
        SessionPolicies sessionPolicies,
        Optional<LabeledPolicy> resourcePolicy,
        boolean resourcePolicyRequired) {
    public AuthorizationRequest {
        requireNonNull(context, "context is null");
        requireNonNull(principalAccount, "principalAccount is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        identityPolicies = List.copyOf(identityPolicies);
        requireNonNull(permissionsBoundary, "permissionsBoundary is null");
        requireNonNull(sessionPolicies, "sessionPolicies is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
    }

    public boolean isCrossAccount() {
        return resourceAccount.isPresent() && !resourceAccount.get().equals(principalAccount);
    }
}
