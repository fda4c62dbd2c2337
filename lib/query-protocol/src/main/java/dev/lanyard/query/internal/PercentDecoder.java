package dev.lanyard.query.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** RFC 3986 percent-decoding of a string ({@code +} is literal), strict about escapes and UTF-8. */
public final class PercentDecoder {
    private PercentDecoder() {}

    /** @throws IllegalArgumentException for a malformed escape or decoded bytes that are not valid UTF-8 */
    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        // Characters outside ASCII are taken literally, as their UTF-8 bytes.
        byte[] source = encoded.getBytes(StandardCharsets.UTF_8);
        byte[] decoded = new byte[source.length];
        Utf8Validator utf8 = new Utf8Validator();
        int length = 0;
        for (int i = 0; i < source.length; i++) {
            byte b = source[i];
            if (b == '%') {
                if (i + 2 >= source.length || !HexFormat.isHexDigit(source[i + 1])
                        || !HexFormat.isHexDigit(source[i + 2])) {
                    throw new IllegalArgumentException("'%' not followed by two hexadecimal digits at index " + i);
                }
                b = (byte) (HexFormat.fromHexDigit(source[i + 1]) << 4 | HexFormat.fromHexDigit(source[i + 2]));
                i += 2;
            }
            if (!utf8.accept(b)) {
                throw new IllegalArgumentException("decoded bytes are not valid UTF-8");
            }
            decoded[length++] = b;
        }
        if (!utf8.atBoundary()) {
            throw new IllegalArgumentException("decoded bytes are not valid UTF-8");
        }
        return new String(decoded, 0, length, StandardCharsets.UTF_8);
    }
}
