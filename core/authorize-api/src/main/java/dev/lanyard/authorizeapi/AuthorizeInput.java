package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One question to the authorization API (version 1): the signed request a service received, as it received it (the
 * body stands as its SHA-256), the action and resource it maps to, an optional resource-based policy, the condition
 * keys the service supplies, and the client's address.
 */
record AuthorizeInput(HttpRequestParts request, String payloadHash, String action, String resource,
        Optional<String> resourcePolicy, Map<String, List<String>> context, String sourceIp, boolean secureTransport) {
    static final int MAX_CONTEXT_VALUES = 64;

    AuthorizeInput {
        requireNonNull(request, "request is null");
        requireNonNull(payloadHash, "payloadHash is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        context = Map.copyOf(context);
        requireNonNull(sourceIp, "sourceIp is null");
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static AuthorizeInput parse(String json) {
        return of(StrictJson.parse(json));
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static AuthorizeInput parse(byte[] json) {
        return of(StrictJson.parse(json));
    }

    private static AuthorizeInput of(JsonNode json) {
        StrictJson.Reader input = StrictJson.object(json, "input", Set.of("Request", "Action",
                "Resource", "ResourcePolicy", "Context", "SourceIp", "SecureTransport"));
        StrictJson.Reader request = StrictJson.object(input.required("Request"), "Request", Set.of("Method", "Path",
                "Query", "Headers", "PayloadHash"));
        String payloadHash = request.requiredText("PayloadHash");
        if (!SigV4Verifier.isHexSha256(payloadHash)) {
            throw new IllegalArgumentException("Request.PayloadHash: the SHA-256 of the body received, as 64"
                    + " lowercase hex digits (e3b0c442...b855 for an empty body)");
        }
        String path = request.requiredText("Path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Request.Path: the raw path as received, starting with '/'");
        }
        HttpRequestParts parts = new HttpRequestParts(request.requiredText("Method"), path,
                request.optionalText("Query").orElse(""), headers(request.required("Headers")));
        return new AuthorizeInput(parts, payloadHash, input.requiredText("Action"), input.requiredText("Resource"),
                input.optionalText("ResourcePolicy"), context(input.optional("Context")),
                input.requiredText("SourceIp"), input.optionalBoolean("SecureTransport").orElse(false));
    }

    private static Map<String, List<String>> headers(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("Request.Headers: an object of header names to a value or a list of"
                    + " values");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.properties().forEach(e -> headers.put(e.getKey(), strings("Request.Headers." + e.getKey(),
                e.getValue())));
        return headers;
    }

    private static Map<String, List<String>> context(Optional<JsonNode> node) {
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!node.get().isObject()) {
            throw new IllegalArgumentException("Context: an object of condition keys to a value or a list of values");
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        node.get().properties().forEach(e -> keys.put(e.getKey(), strings("Context." + e.getKey(), e.getValue())));
        return keys;
    }

    private static List<String> strings(String where, JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray() || value.size() > MAX_CONTEXT_VALUES) {
            throw new IllegalArgumentException(where + ": a string or a list of at most " + MAX_CONTEXT_VALUES
                    + " strings");
        }
        List<String> values = new ArrayList<>();
        value.forEach(element -> {
            if (!element.isTextual()) {
                throw new IllegalArgumentException(where + ": " + element + " is not a string");
            }
            values.add(element.textValue());
        });
        return values;
    }
}
