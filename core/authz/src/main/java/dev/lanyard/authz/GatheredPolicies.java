package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.SessionPolicies;
import java.util.List;
import java.util.Optional;

/** The identity-side policies of a caller or a simulated subject, as the {@link PolicyGatherer} found them. */
public record GatheredPolicies(List<LabeledPolicy> identity, Optional<LabeledPolicy> boundary,
        SessionPolicies session) {
    public GatheredPolicies {
        identity = List.copyOf(identity);
        requireNonNull(boundary, "boundary is null");
        requireNonNull(session, "session is null");
    }

    /** Sets the request's identity policies, permissions boundary and session policies to these. */
    public AuthorizationRequest.Builder into(AuthorizationRequest.Builder request) {
        return request.identityPolicies(identity).permissionsBoundary(boundary).sessionPolicies(session);
    }
}
