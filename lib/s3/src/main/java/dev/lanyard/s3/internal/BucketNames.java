package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.util.List;

/**
 * S3's naming rules for general purpose buckets (AmazonS3/latest/userguide/bucketnamingrules.html). The shape rules
 * (length, characters, ends, no "..", not an IP address) hold for every request, so a name that could never be a
 * bucket never reaches a resource ARN; the reserved prefixes and suffixes are S3's rules for creating a bucket and
 * are checked on CreateBucket only, so buckets that already exist on a backend stay reachable.
 */
public final class BucketNames {
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    private BucketNames() {}

    public static void check(String name, boolean creating) {
        if (!hasValidShape(name) || creating && isReserved(name)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME,
                    List.of(new S3Exception.Detail("BucketName", name)));
        }
    }

    static boolean hasValidShape(String name) {
        int length = name.length();
        if (length < 3 || length > 63 || !isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(length - 1))
                || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return !looksLikeIpv4(name);
    }

    private static boolean isReserved(String name) {
        return RESERVED_PREFIXES.stream().anyMatch(name::startsWith)
                || RESERVED_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean looksLikeIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
