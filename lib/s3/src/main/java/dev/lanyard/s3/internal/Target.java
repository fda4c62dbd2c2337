package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.AddressingStyle;
import dev.lanyard.s3.S3Addressing;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the host and path name: no bucket (the service), a bucket, or an object; bucket and key decoded. */
public record Target(AddressingStyle style, Optional<String> bucket, Optional<String> key) {

    public static Target resolve(S3Addressing addressing, String host, String rawPath) {
        if (!rawPath.isEmpty() && rawPath.charAt(0) != '/') {
            throw invalidUri("path does not start with '/'");
        }
        String path = rawPath.isEmpty() ? "" : rawPath.substring(1);
        Optional<String> hostBucket = bucketFromHost(addressing, host);
        if (hostBucket.isPresent()) {
            return new Target(AddressingStyle.VIRTUAL_HOSTED, hostBucket, key(path));
        }
        int slash = path.indexOf('/');
        String bucket = decode(slash < 0 ? path : path.substring(0, slash));
        Optional<String> key = slash < 0 ? Optional.empty() : key(path.substring(slash + 1));
        if (bucket.isEmpty()) {
            if (key.isPresent()) {
                throw invalidUri("empty bucket name before a key");
            }
            return new Target(AddressingStyle.PATH, Optional.empty(), Optional.empty());
        }
        return new Target(AddressingStyle.PATH, Optional.of(bucket), key);
    }

    private static Optional<String> key(String rawKey) {
        String key = decode(rawKey);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        ObjectKeys.check(key);
        return Optional.of(key);
    }

    /** The bucket label of a virtual-hosted request: the host minus ".<base domain>" (host names ignore case). */
    private static Optional<String> bucketFromHost(S3Addressing addressing, String host) {
        if (addressing.baseDomains().isEmpty() || host.startsWith("[")) {
            return Optional.empty(); // an IPv6 literal never names a bucket
        }
        String name = stripPort(host).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // the fully qualified form names the same host
        }
        for (String domain : addressing.baseDomains()) {
            if (name.length() > domain.length() + 1 && name.endsWith(domain)
                    && name.charAt(name.length() - domain.length() - 1) == '.') {
                return Optional.of(name.substring(0, name.length() - domain.length() - 1));
            }
        }
        return Optional.empty();
    }

    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return host;
        }
        for (int i = colon + 1; i < host.length(); i++) {
            if (host.charAt(i) < '0' || host.charAt(i) > '9') {
                return host;
            }
        }
        return host.substring(0, colon);
    }

    private static String decode(String raw) {
        try {
            return Percent.decode(raw);
        } catch (IllegalArgumentException e) {
            throw invalidUri("path: " + e.getMessage());
        }
    }

    private static S3Exception invalidUri(String detail) {
        return new S3Exception(S3ErrorCode.INVALID_URI, S3ErrorCode.INVALID_URI.defaultMessage(), List.of(), detail);
    }
}
