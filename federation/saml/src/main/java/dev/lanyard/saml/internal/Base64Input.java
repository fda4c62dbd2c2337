package dev.lanyard.saml.internal;

import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes base64 that may be wrapped in lines, refusing oversized input before decoding it: the size check counts
 * base64 characters, so a 10 MiB document is refused after reading at most the limit's worth of them.
 */
public final class Base64Input {
    private Base64Input() {
    }

    public static byte[] decode(String text, int maxBytes, String check) {
        int maxChars = (maxBytes + 2) / 3 * 4;
        byte[] compact = new byte[Math.min(text.length(), maxChars)];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Dom.isXmlSpace(c)) {
                continue;
            }
            if (length == compact.length) {
                throw SamlErrors.invalid(check, "Response is too large",
                        "more than " + maxChars + " base64 characters (limit " + maxBytes + " bytes decoded)");
            }
            if (c > 0x7f) {
                throw SamlErrors.invalid(check, "Response is not valid base64", "non-ASCII character at " + i);
            }
            compact[length++] = (byte) c;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(length == compact.length ? compact
                    : Arrays.copyOf(compact, length));
            if (decoded.length == 0) {
                throw SamlErrors.invalid(check, "Response is not valid base64", "the input is empty");
            }
            if (decoded.length > maxBytes) {
                throw SamlErrors.invalid(check, "Response is too large", decoded.length + " bytes decoded");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw SamlErrors.invalid(check, "Response is not valid base64", e.getMessage());
        }
    }
}
