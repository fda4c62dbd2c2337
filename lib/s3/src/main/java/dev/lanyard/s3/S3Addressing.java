package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * The gateway's addressing configuration: the base domains under which a host names a bucket
 * ({@code bucket.s3.example.test} with base domain {@code s3.example.test}). A request to a base domain itself, or to
 * any host that is not under one (an IP address, {@code localhost}), is path-style.
 */
public record S3Addressing(List<String> baseDomains) {
    public S3Addressing {
        baseDomains = List.copyOf(baseDomains);
        for (String domain : baseDomains) {
            requireNonNull(domain, "base domain is null");
            if (domain.isEmpty() || domain.startsWith(".") || domain.endsWith(".") || domain.indexOf(':') >= 0
                    || !domain.equals(domain.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "a base domain is a lower-case host name without port or leading dot: '" + domain + "'");
            }
        }
    }

    public static S3Addressing pathStyleOnly() {
        return new S3Addressing(List.of());
    }

    public static S3Addressing virtualHostedUnder(String... baseDomains) {
        return new S3Addressing(List.of(baseDomains));
    }
}
