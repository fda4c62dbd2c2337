package dev.lanyard.sigv4.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical query string: each name and value decoded and re-encoded (space as %20), sorted by encoded name then
 * encoded value, joined with '&'. {@code X-Amz-Signature} is never part of it.
 */
public final class QueryCanonicalizer {
    public static final String SIGNATURE_PARAM = "X-Amz-Signature";
    public static final String SECURITY_TOKEN_PARAM = "X-Amz-Security-Token";

    private QueryCanonicalizer() {}

    /** @param excludeSecurityToken also leave out {@code X-Amz-Security-Token} (a token appended after signing) */
    public static String canonicalQuery(String rawQuery, boolean excludeSecurityToken) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        StringBuilder scratch = new StringBuilder();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                String[] pair = canonicalPair(rawQuery, start, end, scratch);
                if (!isExcluded(pair[0], excludeSecurityToken)) {
                    pairs.add(pair);
                }
            }
            start = end + 1;
        }
        return join(pairs);
    }

    private static String[] canonicalPair(String raw, int start, int end, StringBuilder scratch) {
        int eq = raw.indexOf('=', start);
        int nameEnd = (eq < 0 || eq > end) ? end : eq;
        scratch.setLength(0);
        UriEncoding.appendCanonicalComponent(scratch, raw, start, nameEnd);
        String name = scratch.toString();
        scratch.setLength(0);
        if (nameEnd < end) {
            UriEncoding.appendCanonicalComponent(scratch, raw, nameEnd + 1, end);
        }
        return new String[] {name, scratch.toString()};
    }

    private static boolean isExcluded(String canonicalName, boolean excludeSecurityToken) {
        return canonicalName.equals(SIGNATURE_PARAM)
                || (excludeSecurityToken && canonicalName.equals(SECURITY_TOKEN_PARAM));
    }

    private static String join(List<String[]> pairs) {
        if (pairs.isEmpty()) {
            return "";
        }
        String[][] sorted = pairs.toArray(String[][]::new);
        // Encoded forms are ASCII, so String order is byte order, as the specification asks.
        Arrays.sort(sorted, (a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] pair : sorted) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }
}
