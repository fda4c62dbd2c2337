package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The backend's answer: status, headers in the order received (names as sent), and the body as a stream the caller
 * reads and closes (closing returns the connection to the pool when the body was read to its end).
 */
record BackendResponse(int statusCode, Map<String, List<String>> headers, InputStream body) {
    BackendResponse {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    Optional<String> firstValue(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().getFirst());
            }
        }
        return Optional.empty();
    }

    OptionalLong contentLength() {
        Optional<String> value = firstValue("content-length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    void discard() throws IOException {
        body.close();
    }
}
