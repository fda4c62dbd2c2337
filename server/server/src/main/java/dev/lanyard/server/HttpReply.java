package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** What goes back on the wire; {@code headers} are any beyond Content-Type and x-amzn-RequestId. */
record HttpReply(int status, String contentType, String requestId, byte[] body, Map<String, String> headers) {
    HttpReply {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(headers);
    }

    HttpReply(int status, String contentType, String requestId, byte[] body) {
        this(status, contentType, requestId, body, Map.of());
    }

    HttpReply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, requestId, body, more);
    }
}
