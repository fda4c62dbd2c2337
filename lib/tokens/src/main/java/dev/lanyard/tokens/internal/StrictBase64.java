package dev.lanyard.tokens.internal;

import java.util.Base64;

/**
 * Standard-alphabet Base64 with padding, accepting only the canonical encoding. The JDK decoder also takes missing
 * padding and non-zero trailing bits, which would give one token several spellings.
 */
public final class StrictBase64 {
    private StrictBase64() {}

    public static int encodedLength(int byteCount) {
        return 4 * ((byteCount + 2) / 3);
    }

    public static byte[] decode(String text) throws MalformedDataException {
        int length = text.length();
        if (length % 4 != 0) {
            throw new MalformedDataException("base64 length is not a multiple of 4");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException("not base64");
        }
        if (length > 0 && text.charAt(length - 1) == '=') {
            boolean twoPads = text.charAt(length - 2) == '=';
            int lastData = twoPads ? text.charAt(length - 3) : text.charAt(length - 2);
            int unusedBitsMask = twoPads ? 0x0F : 0x03;
            if ((valueOf(lastData) & unusedBitsMask) != 0) {
                throw new MalformedDataException("base64 has non-zero trailing bits");
            }
        }
        return decoded;
    }

    /** The 6-bit value of a character the JDK decoder already accepted. */
    private static int valueOf(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
    }
}
