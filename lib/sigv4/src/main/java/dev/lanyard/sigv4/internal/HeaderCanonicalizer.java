package dev.lanyard.sigv4.internal;

import java.util.List;

/** Canonical header values: trimmed, inner whitespace runs collapsed to one space, repeated headers joined by ','. */
public final class HeaderCanonicalizer {
    private HeaderCanonicalizer() {}

    public static void appendValues(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTrimmedCollapsed(out, values.get(i));
        }
    }

    /**
     * Like botocore ({@code ' '.join(value.split())}) and the Java SDK, any ASCII whitespace counts, so an obs-folded
     * value ("a\r\n  b") canonicalizes as "a b".
     */
    static void appendTrimmedCollapsed(StringBuilder out, String value) {
        if (isTrimmedCollapsed(value)) {
            out.append(value);
            return;
        }
        int end = value.length();
        int i = 0;
        boolean first = true;
        // Appends whole runs of non-whitespace: session tokens are long, and per-char appends showed up in profiles.
        while (i < end) {
            while (i < end && isWhitespace(value.charAt(i))) {
                i++;
            }
            int runStart = i;
            while (i < end && !isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i > runStart) {
                if (!first) {
                    out.append(' ');
                }
                out.append(value, runStart, i);
                first = false;
            }
        }
    }

    /**
     * The common case, checked with one comparison per character: no whitespace at either end and none inside but
     * single spaces, so the value is already canonical. Control characters that are not whitespace fail it too and
     * take the general path, which keeps them.
     */
    private static boolean isTrimmedCollapsed(String value) {
        boolean afterSpace = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ') {
                if (c != ' ' || afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else {
                afterSpace = false;
            }
        }
        return !afterSpace || value.isEmpty();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
