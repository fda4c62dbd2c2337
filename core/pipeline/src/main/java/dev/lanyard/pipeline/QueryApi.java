package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A service of the Query protocol: its name in a credential scope and in action names ({@code sts}), the
 * {@code Version} that routes to it, the XML namespace of its answers, and its operations by wire name.
 */
public record QueryApi(String service, String version, String namespace, Map<String, Operation> operations) {
    public QueryApi {
        requireNonNull(service, "service is null");
        requireNonNull(version, "version is null");
        requireNonNull(namespace, "namespace is null");
        operations = Map.copyOf(operations);
    }
}
