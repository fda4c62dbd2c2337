package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.query.QueryParameters;
import java.util.Optional;

/**
 * One decoded, authenticated request handed to a Query operation. Only the calls of {@link Signing#UNSIGNED} operations
 * arrive without a caller.
 */
public record OperationCall(String action, Optional<Caller> caller, RequestEnvironment environment,
        QueryParameters parameters) {
    public OperationCall {
        requireNonNull(action, "action is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(parameters, "parameters is null");
    }

    public Caller requireCaller() {
        return caller.orElseThrow(() -> new IllegalStateException(action + " requires an authenticated caller"));
    }
}
