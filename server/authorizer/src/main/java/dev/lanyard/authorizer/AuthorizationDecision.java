package dev.lanyard.authorizer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lanyard's verdict on a request: allowed or not ({@code Allowed}, {@code ExplicitDeny}, {@code ImplicitDeny},
 * {@code Unauthenticated}), who signed it, the statements that decided, and unless allowed the error AWS would have
 * answered the client with, for the service to send as it is.
 */
public record AuthorizationDecision(boolean allowed, String decision, Optional<Principal> principal,
        List<DecidingStatement> decidingStatements, Optional<ClientError> error, String requestId) {
    public AuthorizationDecision {
        requireNonNull(decision, "decision is null");
        requireNonNull(principal, "principal is null");
        decidingStatements = List.copyOf(decidingStatements);
        requireNonNull(error, "error is null");
        requireNonNull(requestId, "requestId is null");
    }

    /** Who signed the request. */
    public record Principal(String account, String arn, String userId, String principalArn, String principalType,
            String accessKeyId, Map<String, String> sessionTags, Map<String, String> principalTags,
            Optional<String> sourceIdentity, boolean multiFactorAuthPresent) {
        public Principal {
            requireNonNull(arn, "arn is null");
            sessionTags = Map.copyOf(sessionTags);
            principalTags = Map.copyOf(principalTags);
            requireNonNull(sourceIdentity, "sourceIdentity is null");
        }
    }

    /** A statement that decided: {@code user-inline orders#0}, its Sid and effect. */
    public record DecidingStatement(String policyType, String policyName, int statementIndex, Optional<String> sid,
            String effect) {}

    /** The error for the client: AWS's code, message and HTTP status. */
    public record ClientError(String code, String message, int httpStatus) {}
}
