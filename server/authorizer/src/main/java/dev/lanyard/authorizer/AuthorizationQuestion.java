package dev.lanyard.authorizer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a service asks about one request it received: the request as it arrived (method, raw path and query, headers,
 * the SHA-256 of its body), the action and resource it maps to, an optional resource-based policy, the service's
 * condition keys and the client's address. See docs/authorization-api.md.
 */
public record AuthorizationQuestion(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        String bodySha256, String action, String resource, Optional<String> resourcePolicy,
        Map<String, List<String>> context, String sourceIp, boolean secureTransport) {
    public AuthorizationQuestion {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = Map.copyOf(headers);
        requireNonNull(bodySha256, "bodySha256 is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        context = Map.copyOf(context);
        requireNonNull(sourceIp, "sourceIp is null");
    }

    /** The common case: no resource policy, no condition keys of the service's own. */
    public static AuthorizationQuestion of(String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, byte[] body, String action, String resource, String sourceIp,
            boolean secureTransport) {
        return new AuthorizationQuestion(method, rawPath, rawQuery, headers, Sha256.hex(body), action, resource,
                Optional.empty(), Map.of(), sourceIp, secureTransport);
    }

    public AuthorizationQuestion withResourcePolicy(String policy) {
        return new AuthorizationQuestion(method, rawPath, rawQuery, headers, bodySha256, action, resource,
                Optional.of(policy), context, sourceIp, secureTransport);
    }

    public AuthorizationQuestion withContext(Map<String, List<String>> keys) {
        return new AuthorizationQuestion(method, rawPath, rawQuery, headers, bodySha256, action, resource,
                resourcePolicy, keys, sourceIp, secureTransport);
    }
}
