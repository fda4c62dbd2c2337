package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;

/** One authenticated JSON-protocol request handed to an operation, its body read strictly into {@code input}. */
public record JsonCall(String action, Caller caller, RequestEnvironment environment, ObjectNode input) {
    public JsonCall {
        requireNonNull(action, "action is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(input, "input is null");
    }
}
