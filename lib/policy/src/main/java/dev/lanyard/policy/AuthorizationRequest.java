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

    /** The request's one way in: a principal of its own account, no policies, no session cap unless set. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().context(context).principalAccount(principalAccount).resourceAccount(resourceAccount)
                .principalIsRoot(principalIsRoot).identityPolicies(identityPolicies)
                .permissionsBoundary(permissionsBoundary).sessionPolicies(sessionPolicies)
                .resourcePolicy(resourcePolicy).resourcePolicyRequired(resourcePolicyRequired);
    }

    /** Names each part; the record's constructor checks them when {@link #build()} is called. */
    public static final class Builder {
        private RequestContext context;
        private AccountId principalAccount;
        private Optional<AccountId> resourceAccount = Optional.empty();
        private boolean principalIsRoot;
        private List<LabeledPolicy> identityPolicies = List.of();
        private Optional<LabeledPolicy> permissionsBoundary = Optional.empty();
        private SessionPolicies sessionPolicies = SessionPolicies.none();
        private Optional<LabeledPolicy> resourcePolicy = Optional.empty();
        private boolean resourcePolicyRequired;

        private Builder() {}

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        public Builder principalAccount(AccountId principalAccount) {
            this.principalAccount = principalAccount;
            return this;
        }

        public Builder resourceAccount(Optional<AccountId> resourceAccount) {
            this.resourceAccount = resourceAccount;
            return this;
        }

        public Builder principalIsRoot(boolean principalIsRoot) {
            this.principalIsRoot = principalIsRoot;
            return this;
        }

        public Builder identityPolicies(List<LabeledPolicy> identityPolicies) {
            this.identityPolicies = identityPolicies;
            return this;
        }

        public Builder permissionsBoundary(Optional<LabeledPolicy> permissionsBoundary) {
            this.permissionsBoundary = permissionsBoundary;
            return this;
        }

        public Builder sessionPolicies(SessionPolicies sessionPolicies) {
            this.sessionPolicies = sessionPolicies;
            return this;
        }

        public Builder resourcePolicy(Optional<LabeledPolicy> resourcePolicy) {
            this.resourcePolicy = resourcePolicy;
            return this;
        }

        public Builder resourcePolicyRequired(boolean resourcePolicyRequired) {
            this.resourcePolicyRequired = resourcePolicyRequired;
            return this;
        }

        public AuthorizationRequest build() {
            return new AuthorizationRequest(context, principalAccount, resourceAccount, principalIsRoot,
                    identityPolicies, permissionsBoundary, sessionPolicies, resourcePolicy, resourcePolicyRequired);
        }
    }

    public boolean isCrossAccount() {
        return resourceAccount.isPresent() && !resourceAccount.get().equals(principalAccount);
    }
}
