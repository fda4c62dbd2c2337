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

    /** What a lone surrogate, which has no UTF-8 form, is written as. */
    public enum LoneSurrogate {
        /** {@code ?} (so {@code %3F}), as {@link String#getBytes} writes it; {@link #encode(String, boolean)} does. */
        QUESTION_MARK,
        /** U+FFFD (so {@code %EF%BF%BD}), as IAM's policy documents are written. */
        REPLACEMENT_CHARACTER
    }

    /**
     * Encodes the UTF-8 bytes of {@code text}, leaving the unreserved characters and the ASCII characters of
     * {@code kept} as they are; for encodings outside the request path (key URIs, policy documents in answers).
     */
    public static String encode(String text, String kept, LoneSurrogate loneSurrogate) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && (isUnreserved(cp) || kept.indexOf(cp) >= 0)) {
                out.append((char) cp);
            } else if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
                appendUtf8(out, loneSurrogate == LoneSurrogate.QUESTION_MARK ? '?' : 0xFFFD);
            } else {
                appendUtf8(out, cp);
            }
        }
        return out.toString();
    }

    private static void appendUtf8(StringBuilder out, int cp) {
        if (cp < 0x80) {
            appendByte(out, cp, false);
        } else if (cp < 0x800) {
            appendByte(out, 0xC0 | (cp >>> 6), false);
            appendByte(out, 0x80 | (cp & 0x3F), false);
        } else if (cp < 0x10000) {
            appendByte(out, 0xE0 | (cp >>> 12), false);
            appendByte(out, 0x80 | ((cp >>> 6) & 0x3F), false);
            appendByte(out, 0x80 | (cp & 0x3F), false);
        } else {
            appendByte(out, 0xF0 | (cp >>> 18), false);
            appendByte(out, 0x80 | ((cp >>> 12) & 0x3F), false);
            appendByte(out, 0x80 | ((cp >>> 6) & 0x3F), false);
            appendByte(out, 0x80 | (cp & 0x3F), false);
        }
    }
}
