package dev.lanyard.totp.internal;

/**
 * Decodes only the canonical RFC 4648 Base32 text that {@code dev.lanyard.aws.Base32.encode} produces: upper case,
 * no padding, no whitespace, a length that a whole number of bytes can have, and zero unused trailing bits. Being
 * strict keeps one seed to one spelling, so a stored seed read back and re-encoded is byte-for-byte the same.
 * Error messages never quote the text: it is a secret.
 */
public final class StrictBase32 {
    private StrictBase32() {}

    /** The number of bytes {@code length} canonical characters decode to, or -1 if no byte string has that length. */
    public static int decodedLength(int length) {
        int leftoverBits = (int) ((5L * length) % 8);
        return leftoverBits >= 5 ? -1 : (int) (5L * length / 8);
    }

    /** @throws IllegalArgumentException if {@code text} is not canonical Base32 */
    public static byte[] decode(CharSequence text) {
        int size = decodedLength(text.length());
        if (size < 0) {
            throw new IllegalArgumentException("Base32 text has an impossible length");
        }
        byte[] out = new byte[size];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            buffer = (buffer << 5) | valueOf(text.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >>> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("Base32 text has non-zero trailing bits");
        }
        return out;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        throw new IllegalArgumentException("Base32 text has a character outside A-Z2-7");
    }
}
