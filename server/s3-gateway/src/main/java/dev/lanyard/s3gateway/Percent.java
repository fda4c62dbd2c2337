package dev.lanyard.s3gateway;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** RFC 3986 percent-encoding as SigV4 canonicalizes it: unreserved characters as they are, every other byte escaped. */
final class Percent {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Percent() {}

    static String encode(String text) {
        return encode(text, false);
    }

    /** For a key in a path: '/' kept. */
    static String encodePath(String text) {
        return encode(text, true);
    }

    private static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                out.append(c);
            } else {
                out.append('%').append(HEX.toHighHexDigit(b)).append(HEX.toLowHexDigit(b));
            }
        }
        return out.toString();
    }
}
