package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the gateway answers: status, headers, and a body the listener streams to the client (a backend response is
 * passed through without being held in memory) and then closes.
 *
 * @param length the body's length when known, for Content-Length; empty: the listener chunks it
 * @param backendErrorCode the {@code <Code>} of a backend error document relayed as it is, for the metrics
 */
record Reply(int status, Map<String, List<String>> headers, OptionalLong length, InputStream body,
        Optional<String> backendErrorCode) {
    static final String XML = "application/xml";

    Reply {
        headers = Map.copyOf(headers);
        requireNonNull(length, "length is null");
        requireNonNull(body, "body is null");
        requireNonNull(backendErrorCode, "backendErrorCode is null");
    }

    Reply(int status, Map<String, List<String>> headers, OptionalLong length, InputStream body) {
        this(status, headers, length, body, Optional.empty());
    }

    static Reply of(int status, Map<String, List<String>> headers, byte[] body) {
        return new Reply(status, headers, OptionalLong.of(body.length), new ByteArrayInputStream(body));
    }

    static Reply xml(int status, String requestId, byte[] body) {
        return of(status, Map.of("Content-Type", List.of(XML), "x-amz-request-id", List.of(requestId)), body);
    }

    static Reply empty(int status, String requestId) {
        return of(status, Map.of("x-amz-request-id", List.of(requestId)), new byte[0]);
    }
}
