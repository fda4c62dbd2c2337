package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.TrustedProxies;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How clients reach the server: the public URL they use (behind a load balancer, the balancer's), TLS on each
 * listener, and the proxies whose forwarding headers are believed.
 *
 * @param publicUrl the base URL clients use, {@code https://sts.example.com}: the outbound issuer and the profile's
 *     endpoint; empty: the listener's own address
 * @param tls the Query listener's certificate and key
 * @param s3Tls the S3 gateway listener's; empty: the Query listener's, if any
 * @param trustedProxies whose X-Forwarded-For and X-Forwarded-Proto count
 */
public record NetworkSettings(Optional<URI> publicUrl, Optional<TlsFiles> tls, Optional<TlsFiles> s3Tls,
        TrustedProxies trustedProxies) {
    public static final NetworkSettings DEFAULTS = new NetworkSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), TrustedProxies.NONE);

    public NetworkSettings {
        requireNonNull(publicUrl, "publicUrl is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(s3Tls, "s3Tls is null");
        requireNonNull(trustedProxies, "trustedProxies is null");
        publicUrl = publicUrl.map(NetworkSettings::checkedPublicUrl);
    }

    /** The S3 listener's TLS: its own files, else the Query listener's. */
    public Optional<TlsFiles> s3TlsFiles() {
        return s3Tls.or(() -> tls);
    }

    /** An absolute http(s) URL without query or fragment, kept without a trailing slash. */
    public static URI checkedPublicUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the public URL must be an absolute http(s)://host[:port][/path] URL"
                    + " without user, query or fragment: " + url);
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
