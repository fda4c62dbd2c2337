package dev.lanyard.oidc.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Which URLs we fetch keys from: {@code https://} with a host, or {@code http://} on a loopback host when the
 * operator explicitly allowed it. Decided on the literal host, never on DNS, so a name cannot be made loopback.
 */
public final class UrlPolicy {
    private final boolean allowInsecureLoopback;

    public UrlPolicy(boolean allowInsecureLoopback) {
        this.allowInsecureLoopback = allowInsecureLoopback;
    }

    /** Empty if {@code uri} may be fetched, otherwise why not. */
    public Optional<String> violation(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || host.isEmpty() || !uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("not an absolute URL with a host: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("URL carries user info: " + uri.getHost());
        }
        if (scheme.equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        if (scheme.equalsIgnoreCase("http")) {
            if (!isLoopbackHost(host)) {
                return Optional.of("plain http is refused for non-loopback host " + host);
            }
            return allowInsecureLoopback ? Optional.empty()
                    : Optional.of("plain http to loopback " + host + " needs allowInsecureLoopback");
        }
        return Optional.of("scheme " + scheme + " is not https");
    }

    /** Parses an issuer or JWKS URL, empty if it is not a syntactically valid URI. */
    public static Optional<URI> parse(String url) {
        try {
            return Optional.of(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The OpenID Connect Discovery 1.0 location: the issuer without a trailing slash, plus the well-known path. */
    public static URI discoveryUri(URI issuer) {
        String base = issuer.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** {@code localhost}, {@code [::1]} or a 127.0.0.0/8 IPv4 literal. */
    public static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        return isLoopbackIpv4(host);
    }

    private static boolean isLoopbackIpv4(String host) {
        int octets = 0;
        int value = -1;
        int first = -1;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                if (octets == 0) {
                    first = value;
                }
                octets++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4 && first == 127;
    }
}
