package dev.lanyard.query.internal;

/** Hexadecimal digits for percent-encoding. */
public final class Hex {
    private static final String UPPER_DIGITS = "0123456789ABCDEF";

    private Hex() {}

    /** The value of one hex digit (either case), or -1. */
    public static int value(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The upper-case digit for a nibble 0..15. */
    public static byte digit(int nibble) {
        return (byte) UPPER_DIGITS.charAt(nibble & 0xF);
    }
}
