package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.HttpRequestParts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the engine received it, independent of the engine. */
public record HttpExchange(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String remoteAddress, boolean secure) {
    public HttpExchange {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
    }

    public HttpRequestParts parts() {
        return new HttpRequestParts(method, rawPath, rawQuery, headers, body);
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().getFirst());
            }
        }
        return Optional.empty();
    }
}
