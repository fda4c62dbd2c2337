package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A service of the JSON protocol: its name in a credential scope and in action names ({@code organizations}), the
 * {@code X-Amz-Target} prefix before an operation's name, and its operations by wire name.
 */
public record JsonApi(String service, String targetPrefix, Map<String, JsonOperation> operations) {
    public JsonApi {
        requireNonNull(service, "service is null");
        requireNonNull(targetPrefix, "targetPrefix is null");
        operations = Map.copyOf(operations);
    }
}
