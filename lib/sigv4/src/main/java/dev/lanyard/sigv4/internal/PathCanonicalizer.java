package dev.lanyard.sigv4.internal;

import dev.lanyard.aws.PercentEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical URI. Every service but S3 signs the path as received, optionally normalized, then URI-encoded once
 * more; S3 signs it encoded exactly once and never normalized.
 */
public final class PathCanonicalizer {
    private PathCanonicalizer() {}

    public static String canonicalPath(String rawPath, boolean normalize) {
        String path = normalize ? removeDotSegments(rawPath) : rawPath;
        if (path.isEmpty()) {
            return "/";
        }
        return PercentEncoding.encode(path, true);
    }

    /** @param doubleEncode false for S3: the path is encoded once ({@link #s3CanonicalPath}) */
    public static String canonicalPath(String rawPath, boolean normalize, boolean doubleEncode) {
        if (doubleEncode) {
            return canonicalPath(rawPath, normalize);
        }
        return s3CanonicalPath(normalize ? removeDotSegments(rawPath) : rawPath);
    }

    /** S3's canonical URI: the path as received, escapes normalized, encoded once ({@link UriEncoding#appendS3Path}). */
    public static String s3CanonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 16);
        UriEncoding.appendS3Path(out, rawPath);
        return out.toString();
    }

    /**
     * RFC 3986 section 5.2.4 plus the AWS rule that empty segments collapse, as botocore and aws-c-auth do it: a
     * trailing '/' survives when the path keeps at least one segment.
     */
    static String removeDotSegments(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        if (isPlain(path)) {
            return path;
        }
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            start = end + 1;
        }
        StringBuilder out = new StringBuilder(path.length());
        if (path.charAt(0) == '/') {
            out.append('/');
        }
        out.append(String.join("/", segments));
        if (path.charAt(path.length() - 1) == '/' && !segments.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }

    /** Fast path: a path without "//" and without "." segments is already normal. */
    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean segmentStart = i == 0 || path.charAt(i - 1) == '/';
            if ((c == '/' && i > 0 && path.charAt(i - 1) == '/') || (c == '.' && segmentStart && isDotSegment(path, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotSegment(String path, int dot) {
        int end = path.indexOf('/', dot);
        int length = (end < 0 ? path.length() : end) - dot;
        return length == 1 || (length == 2 && path.charAt(dot + 1) == '.');
    }
}
