package dev.lanyard.sigv4.internal;

import java.util.ArrayList;
import java.util.List;

/** The canonical URI: the path as received, optionally normalized, then URI-encoded once more (non-S3 rules). */
public final class PathCanonicalizer {
    private PathCanonicalizer() {}

    public static String canonicalPath(String rawPath, boolean normalize) {
        String path = normalize ? removeDotSegments(rawPath) : rawPath;
        if (path.isEmpty()) {
            return "/";
        }
        return UriEncoding.encode(path, true);
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
