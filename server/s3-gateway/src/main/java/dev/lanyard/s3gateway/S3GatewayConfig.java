package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The gateway's settings.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param backend the S3-compatible store's endpoint, {@code http(s)://host[:port]}, addressed path-style
 * @param backendCredentials the backend's own key, for re-signing
 * @param backendRegion the region in the backend's signatures (most S3-compatible stores accept any)
 * @param domains base domains for virtual-hosted-style addressing ({@code bucket.DOMAIN}); empty: path-style only
 */
public record S3GatewayConfig(String host, int port, URI backend, BackendCredentials backendCredentials,
        String backendRegion, List<String> domains) {
    public static final String DEFAULT_BACKEND_REGION = "us-east-1";

    public S3GatewayConfig {
        requireNonNull(host, "host is null");
        requireNonNull(backend, "backend is null");
        requireNonNull(backendCredentials, "backendCredentials is null");
        requireNonNull(backendRegion, "backendRegion is null");
        domains = List.copyOf(domains);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the S3 port must be 0..65535: " + port);
        }
        String scheme = backend.getScheme() == null ? "" : backend.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || backend.getHost() == null
                || backend.getRawQuery() != null || backend.getRawPath() != null && !backend.getRawPath().isEmpty()
                && !backend.getRawPath().equals("/")) {
            throw new IllegalArgumentException("the S3 backend must be an http(s)://host[:port] URL without a path: "
                    + backend);
        }
    }

    public static S3GatewayConfig of(String host, int port, URI backend, BackendCredentials credentials,
            List<String> domains) {
        return new S3GatewayConfig(host, port, backend, credentials, DEFAULT_BACKEND_REGION, domains);
    }
}
