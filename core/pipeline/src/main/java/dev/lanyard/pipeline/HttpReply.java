package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** What goes back on the wire; {@code headers} are any beyond Content-Type and x-amzn-RequestId. */
public record HttpReply(int status, String contentType, String requestId, byte[] body, Map<String, String> headers) {
    public HttpReply {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(headers);
    }

    public HttpReply(int status, String contentType, String requestId, byte[] body) {
        this(status, contentType, requestId, body, Map.of());
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, requestId, body, more);
    }
}
