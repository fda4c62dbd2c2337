package dev.lanyard.s3.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Percent-decoding as S3 does it for paths and query strings, and the canonical encoding the gateway forwards.
 *
 * <p>S3 decodes a literal {@code +} as a space in the path as well as in the query (a long-standing S3 behaviour that
 * SDKs avoid by always sending {@code %2B}; see aws/aws-sdk-ruby#654, AdRoll/goamz#259). The decoded text must be
 * UTF-8. Forwarding the canonical encoding of what was authorized, instead of the client's bytes, leaves a backend no
 * room to read a different key (a literal {@code +}, a {@code %2F}, a stray escape) than the one the policies judged.
 */
public final class Percent {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Percent() {}

    /** @throws IllegalArgumentException for a malformed escape or bytes that are not UTF-8 */
    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        // Characters outside ASCII are taken as sent: their UTF-8 bytes.
        byte[] source = encoded.getBytes(StandardCharsets.UTF_8);
        byte[] decoded = new byte[source.length];
        int length = 0;
        for (int i = 0; i < source.length; i++) {
            byte b = source[i];
            if (b == '%') {
                if (i + 2 >= source.length) {
                    throw new IllegalArgumentException("'%' not followed by two hexadecimal digits");
                }
                if (!HexFormat.isHexDigit(source[i + 1]) || !HexFormat.isHexDigit(source[i + 2])) {
                    throw new IllegalArgumentException("'%' not followed by two hexadecimal digits");
                }
                b = (byte) (HexFormat.fromHexDigit(source[i + 1]) << 4 | HexFormat.fromHexDigit(source[i + 2]));
                i += 2;
            } else if (b == '+') {
                b = ' ';
            }
            decoded[length++] = b;
        }
        return strictUtf8(decoded, length);
    }

    /** RFC 3986: unreserved characters as they are, everything else as %XX of its UTF-8 bytes; '/' kept if asked. */
    public static String encode(String text, boolean keepSlash) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnreserved(c) || keepSlash && c == '/') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.toHighHexDigit(b)).append(HEX.toLowHexDigit(b));
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static String strictUtf8(byte[] bytes, int length) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("decoded bytes are not UTF-8", e);
        }
    }
}
