package dev.lanyard.aws;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * RFC 3986 percent-encoding as SigV4 and S3 canonicalize it: the unreserved characters {@code A-Za-z0-9-_.~} as they
 * are, every other byte of the UTF-8 form as {@code %XY} (upper-case hex). The one encoder: SigV4's canonical forms,
 * the S3 classifier's canonical resources and the S3 gateway's forwarded requests use it. Hand-written loops because
 * this runs for every path and query parameter of every request.
 */
public final class PercentEncoding {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private PercentEncoding() {}

    public static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** Encodes the UTF-8 bytes of {@code text}; {@code keepSlash} leaves '/' alone (paths). */
    public static String encode(String text, boolean keepSlash) {
        int first = 0;
        while (first < text.length() && keeps(text.charAt(first), keepSlash)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        appendEncoded(out, text, first, text.length(), keepSlash);
        return out.toString();
    }

    /** Appends the encoding of {@code text[from, to)}. */
    public static void appendEncoded(StringBuilder out, String text, int from, int to, boolean keepSlash) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendByte(out, c, keepSlash);
                i++;
            } else {
                int end = i + 1;
                while (end < to && text.charAt(end) >= 0x80) {
                    end++;
                }
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(out, b & 0xff, keepSlash);
                }
                i = end;
            }
        }
    }

    /** Appends one byte (0-255), escaped unless it is unreserved (or a kept '/'). */
    public static void appendByte(StringBuilder out, int b, boolean keepSlash) {
        if (keeps(b, keepSlash)) {
            out.append((char) b);
        } else {
            out.append('%').append(HEX.toHighHexDigit(b)).append(HEX.toLowHexDigit(b));
        }
    }

    private static boolean keeps(int c, boolean keepSlash) {
        return isUnreserved(c) || (keepSlash && c == '/');
    }
}
