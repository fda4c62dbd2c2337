package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One request to authorize: the action ({@code service:Operation}), the resource ARN (or {@code *} for actions
 * without resource-level permissions), the caller for Principal matching, and the condition context keys.
 */
public record RequestContext(String action, String resource, Optional<PrincipalIdentity> principal, ContextKeys keys) {
    public RequestContext {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(keys, "keys is null");
    }

    public RequestContext withPrincipal(PrincipalIdentity identity) {
        return new RequestContext(action, resource, Optional.of(identity), keys);
    }
}
