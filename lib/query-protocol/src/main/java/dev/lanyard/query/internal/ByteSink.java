package dev.lanyard.query.internal;

import java.util.Arrays;

/** A growable byte buffer that writes UTF-8 directly, so responses are encoded once without a String detour. */
public final class ByteSink {
    private byte[] buffer;
    private int length;

    public ByteSink(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Appends a string known to be ASCII (element names, fixed markup). */
    public ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    public ByteSink asciiByte(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
        return this;
    }

    public ByteSink decimal(long n) {
        return ascii(Long.toString(n));
    }

    /** Appends one Unicode scalar value as UTF-8; callers have already replaced surrogates. */
    public ByteSink codePoint(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buffer[length++] = (byte) cp;
        } else if (cp < 0x800) {
            buffer[length++] = (byte) (0xC0 | (cp >>> 6));
            buffer[length++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buffer[length++] = (byte) (0xE0 | (cp >>> 12));
            buffer[length++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
            buffer[length++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            buffer[length++] = (byte) (0xF0 | (cp >>> 18));
            buffer[length++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
            buffer[length++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
            buffer[length++] = (byte) (0x80 | (cp & 0x3F));
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
