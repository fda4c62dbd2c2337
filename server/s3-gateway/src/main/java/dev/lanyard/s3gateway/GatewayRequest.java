package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.NegotiatedTls;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One S3 request as the listener received it, engine-independent: the body is the raw stream (after the HTTP
 * layer's own framing), read at most once, and only after the request is authenticated.
 *
 * @param hasBody whether the request carries an entity at all (Content-Length above zero or Transfer-Encoding)
 * @param tls what the client's own TLS connection to the listener negotiated; empty on plain HTTP (also when a
 *     trusted proxy in front terminated the client's TLS: its version is the proxy's to know)
 */
record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        InputStream body, boolean hasBody, String remoteAddress, boolean secure,
        Optional<NegotiatedTls> tls) {
    GatewayRequest {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        requireNonNull(tls, "tls is null");
    }

    /** First value of the header, case-insensitive. */
    Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().getFirst());
            }
        }
        return Optional.empty();
    }
}
