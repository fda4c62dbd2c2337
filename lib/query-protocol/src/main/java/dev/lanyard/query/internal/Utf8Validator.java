package dev.lanyard.query.internal;

/**
 * Strict UTF-8 byte-at-a-time validator (RFC 3629): rejects overlong forms, surrogates (ED A0..BF) and code points
 * above U+10FFFF, so invalid input can be refused instead of silently turning into U+FFFD.
 */
final class Utf8Validator {
    private int remaining;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Feeds one byte; false when the byte cannot continue a valid sequence. */
    boolean accept(byte signed) {
        int b = signed & 0xFF;
        if (remaining > 0) {
            if (b < lower || b > upper) {
                return false;
            }
            remaining--;
            lower = 0x80;
            upper = 0xBF;
            return true;
        }
        return b < 0x80 || startSequence(b);
    }

    /** True when no multi-byte sequence is left unfinished. */
    boolean atBoundary() {
        return remaining == 0;
    }

    private boolean startSequence(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            return expect(1, 0x80, 0xBF);
        }
        if (b >= 0xE0 && b <= 0xEF) {
            int lo = b == 0xE0 ? 0xA0 : 0x80;
            int hi = b == 0xED ? 0x9F : 0xBF;
            return expect(2, lo, hi);
        }
        if (b >= 0xF0 && b <= 0xF4) {
            int lo = b == 0xF0 ? 0x90 : 0x80;
            int hi = b == 0xF4 ? 0x8F : 0xBF;
            return expect(3, lo, hi);
        }
        return false; // 0x80..0xC1 (stray continuation / overlong lead) and 0xF5..0xFF
    }

    private boolean expect(int count, int lo, int hi) {
        remaining = count;
        lower = lo;
        upper = hi;
        return true;
    }
}
