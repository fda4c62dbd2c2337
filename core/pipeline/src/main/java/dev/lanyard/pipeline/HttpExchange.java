package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.NegotiatedTls;
import dev.lanyard.sigv4.HttpRequestParts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the engine received it, independent of the engine.
 *
 * @param secure whether the client's request came over TLS (to this listener, or to a trusted proxy)
 * @param tls what the client's own TLS connection to this listener negotiated; empty on plain HTTP and when a trusted
 *     proxy in front ended the client's TLS
 */
public record HttpExchange(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String remoteAddress, boolean secure, Optional<NegotiatedTls> tls) {
    public HttpExchange {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        requireNonNull(tls, "tls is null");
    }

    /** A request whose connection's TLS session is not known. */
    public HttpExchange(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String remoteAddress, boolean secure) {
        this(method, rawPath, rawQuery, headers, body, remoteAddress, secure, Optional.empty());
    }

    /** CloudTrail's {@code tlsDetails} of this request: present when it came over TLS. */
    public Optional<AuditEvent.TlsDetails> tlsDetails() {
        return secure ? Optional.of(AuditEvent.TlsDetails.of(tls, header("Host"))) : Optional.empty();
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
