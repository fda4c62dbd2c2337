package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.query.internal.ByteSink;
import dev.lanyard.query.internal.PercentDecoder;
import dev.lanyard.query.internal.Unicode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * IAM returns policy documents URL-encoded (RFC 3986): every byte of the UTF-8 form except the unreserved
 * {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XX} with upper-case hex, so a space is {@code %20} and {@code *} is
 * {@code %2A}; output looks like {@code %7B%22Version%22%3A…}. botocore URL-decodes these before parsing the JSON.
 */
public final class PolicyDocumentEncoding {
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private PolicyDocumentEncoding() {}

    /** Encodes a document; an unpaired surrogate (not representable in UTF-8) is encoded as U+FFFD. */
    public static String encode(String json) {
        requireNonNull(json, "json is null");
        ByteSink out = new ByteSink(json.length() * 3);
        for (int i = 0; i < json.length(); ) {
            int cp = Unicode.codePointAt(json, i);
            i += Character.charCount(cp);
            if (isUnreserved(cp)) {
                out.asciiByte(cp);
            } else {
                percentEncode(out, cp);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.US_ASCII);
    }

    /**
     * Decodes {@code %XX} escapes (RFC 3986: {@code +} stays {@code +}).
     *
     * @throws IllegalArgumentException for a malformed escape or bytes that are not valid UTF-8
     */
    public static String decode(String encoded) {
        requireNonNull(encoded, "encoded is null");
        return PercentDecoder.decode(encoded);
    }

    private static boolean isUnreserved(int cp) {
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
                || cp == '-' || cp == '_' || cp == '.' || cp == '~';
    }

    private static void percentEncode(ByteSink out, int cp) {
        if (cp < 0x80) {
            escape(out, cp);
        } else if (cp < 0x800) {
            escape(out, 0xC0 | (cp >>> 6));
            escape(out, 0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            escape(out, 0xE0 | (cp >>> 12));
            escape(out, 0x80 | ((cp >>> 6) & 0x3F));
            escape(out, 0x80 | (cp & 0x3F));
        } else {
            escape(out, 0xF0 | (cp >>> 18));
            escape(out, 0x80 | ((cp >>> 12) & 0x3F));
            escape(out, 0x80 | ((cp >>> 6) & 0x3F));
            escape(out, 0x80 | (cp & 0x3F));
        }
    }

    private static void escape(ByteSink out, int b) {
        out.asciiByte('%').asciiByte(UPPER_HEX.toHighHexDigit(b)).asciiByte(UPPER_HEX.toLowHexDigit(b));
    }
}
