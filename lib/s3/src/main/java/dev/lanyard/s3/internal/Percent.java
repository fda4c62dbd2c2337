package dev.lanyard.s3.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Percent-decoding as S3 does it for paths and query strings (the canonical encoding the gateway forwards is
 * {@link dev.lanyard.aws.PercentEncoding}).
 *
 * <p>S3 decodes a literal {@code +} as a space in the path as well as in the query (a long-standing S3 behaviour that
 * SDKs avoid by always sending {@code %2B}; see aws/aws-sdk-ruby#654, AdRoll/goamz#259). The decoded text must be
 * UTF-8. Forwarding the canonical encoding of what was authorized, instead of the client's bytes, leaves a backend no
 * room to read a different key (a literal {@code +}, a {@code %2F}, a stray escape) than the one the policies judged.
 */
public final class Percent {
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
