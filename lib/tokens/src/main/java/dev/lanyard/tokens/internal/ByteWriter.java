package dev.lanyard.tokens.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends the primitives of our binary formats to a growable buffer: unsigned LEB128 varints, zigzag varints,
 * length-prefixed UTF-8. Every encoding is the canonical one that {@link ByteReader} insists on.
 */
public final class ByteWriter {
    private byte[] buffer;
    private int size;

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. Saves a copy before encryption. */
    public byte[] array() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public ByteWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public ByteWriter writeInt32(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Unsigned LEB128 of {@code value} taken as unsigned 64-bit. */
    public ByteWriter writeVarLong(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    public ByteWriter writeVarInt(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint");
        }
        return writeVarLong(value);
    }

    public ByteWriter writeZigZag(long value) {
        return writeVarLong((value << 1) ^ (value >> 63));
    }

    public ByteWriter writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** A varint byte length, then the bytes. */
    public ByteWriter writeLengthPrefixed(byte[] bytes) {
        writeVarInt(bytes.length);
        return writeBytes(bytes, 0, bytes.length);
    }

    /** A varint byte length, then UTF-8. Unpaired surrogates are refused: they would not survive the round trip. */
    public ByteWriter writeString(String value) {
        return writeLengthPrefixed(utf8(value));
    }

    public ByteWriter writeInstant(Instant instant) {
        writeZigZag(instant.getEpochSecond());
        return writeVarInt(instant.getNano());
    }

    /** Bytes {@link #writeVarInt} takes for a non-negative {@code value}. */
    public static int varIntSize(int value) {
        int size = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            size++;
        }
        return size;
    }

    /** UTF-8 bytes of a well-formed string; {@link IllegalArgumentException} for unpaired surrogates. */
    public static byte[] utf8(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return strictUtf8(value);
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] strictUtf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            return Arrays.copyOfRange(encoded.array(), encoded.arrayOffset(), encoded.arrayOffset() + encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not well-formed UTF-16", e);
        }
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
