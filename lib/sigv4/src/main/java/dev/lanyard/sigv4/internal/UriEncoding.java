package dev.lanyard.sigv4.internal;

import dev.lanyard.aws.PercentEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SigV4's canonical forms of what was received (query components, S3 paths): escapes decoded to bytes, then every
 * byte encoded again by {@link PercentEncoding}. Hand-written loops because this runs for every path and query
 * parameter of every request.
 */
public final class UriEncoding {
    private UriEncoding() {}

    /**
     * Canonical form of one query-string component as received: percent-escapes and '+' (a space, as SDKs that use
     * form encoding send it) are decoded to bytes, then every byte is re-encoded. Working on bytes keeps escapes of
     * invalid UTF-8 intact; a '%' not followed by two hex digits stands for itself.
     */
    public static void appendCanonicalComponent(StringBuilder out, String raw, int from, int to) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            int escaped = c == '%' ? hexValue(raw, i + 1, to) : -1;
            if (escaped >= 0) {
                PercentEncoding.appendByte(out, escaped, false);
                i += 3;
            } else if (c == '+') {
                PercentEncoding.appendByte(out, ' ', false);
                i++;
            } else if (c < 0x80) {
                PercentEncoding.appendByte(out, c, false);
                i++;
            } else {
                int end = i + 1;
                while (end < to && raw.charAt(end) >= 0x80) {
                    end++;
                }
                PercentEncoding.appendEncoded(out, raw, i, end, false);
                i = end;
            }
        }
    }

    /**
     * The canonical form of an S3 path as received (S3 signs the path URI-encoded once, not twice): percent-escapes are
     * decoded to bytes and every byte is re-encoded, so {@code %2f} and {@code %2F} canonicalize alike; an escaped
     * slash stays escaped while a literal one stays literal, and '+' is a literal plus. A '%' not followed by two hex
     * digits stands for itself.
     */
    public static void appendS3Path(StringBuilder out, String raw) {
        int i = 0;
        int to = raw.length();
        while (i < to) {
            char c = raw.charAt(i);
            int escaped = c == '%' ? hexValue(raw, i + 1, to) : -1;
            if (escaped >= 0) {
                PercentEncoding.appendByte(out, escaped, false);
                i += 3;
            } else if (c < 0x80) {
                PercentEncoding.appendByte(out, c, true);
                i++;
            } else {
                int end = i + 1;
                while (end < to && raw.charAt(end) >= 0x80) {
                    end++;
                }
                PercentEncoding.appendEncoded(out, raw, i, end, false);
                i = end;
            }
        }
    }

    /** Decodes a query-string component to text (form semantics: '+' is a space); bad escapes stand for themselves. */
    public static String decode(String raw, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = raw.charAt(i);
            plain = c != '%' && c != '+';
        }
        if (plain) {
            return raw.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            int escaped = c == '%' ? hexValue(raw, i + 1, to) : -1;
            if (escaped >= 0) {
                bytes.write(escaped);
                i += 3;
            } else if (c == '+') {
                bytes.write(' ');
                i++;
            } else {
                int end = i + 1;
                while (end < to && raw.charAt(end) != '%' && raw.charAt(end) != '+') {
                    end++;
                }
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The byte value of the two hex digits at {@code at}, or -1. */
    private static int hexValue(String s, int at, int to) {
        if (at + 2 > to) {
            return -1;
        }
        char high = s.charAt(at);
        char low = s.charAt(at + 1);
        // ASCII only, unlike Character.digit, which would also accept non-ASCII digits.
        return HexFormat.isHexDigit(high) && HexFormat.isHexDigit(low)
                ? HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low) : -1;
    }
}
