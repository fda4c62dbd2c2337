package dev.lanyard.tokens.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Strict reader for what {@link ByteWriter} writes. Every length is bounded by the bytes that remain, varints must be
 * minimal and in range, UTF-8 must be valid, and instants must be canonical, so each value has exactly one encoding.
 * Not thread-safe: one reader per decode.
 */
public final class ByteReader {
    private static final long MIN_EPOCH_SECOND = Instant.MIN.getEpochSecond();
    private static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();

    private final byte[] data;
    private final int limit;
    private int position;
    private CharsetDecoder utf8Decoder;

    public ByteReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("bad slice");
        }
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public int remaining() {
        return limit - position;
    }

    public void requireEnd() throws MalformedDataException {
        if (position != limit) {
            throw new MalformedDataException("trailing bytes");
        }
    }

    public int readByte() throws MalformedDataException {
        require(1);
        return data[position++] & 0xFF;
    }

    public int readInt32() throws MalformedDataException {
        require(4);
        int value = ((data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    /** Unsigned LEB128, at most 10 bytes, minimal (no trailing zero group), no bits beyond 64. */
    public long readVarLong() throws MalformedDataException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new MalformedDataException("varint overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new MalformedDataException("varint is not minimal");
                }
                return value;
            }
        }
        throw new MalformedDataException("varint too long");
    }

    /** A varint in {@code [0, Integer.MAX_VALUE]}. */
    public int readVarInt() throws MalformedDataException {
        long value = readVarLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new MalformedDataException("varint out of int range");
        }
        return (int) value;
    }

    public long readZigZag() throws MalformedDataException {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A length no larger than what remains. */
    public int readLength() throws MalformedDataException {
        int length = readVarInt();
        if (length > remaining()) {
            throw new MalformedDataException("length exceeds remaining bytes");
        }
        return length;
    }

    /** An element count, bounded by what remains given that each element takes at least {@code minElementBytes}. */
    public int readCount(int minElementBytes) throws MalformedDataException {
        int count = readVarInt();
        if ((long) count * minElementBytes > remaining()) {
            throw new MalformedDataException("count exceeds remaining bytes");
        }
        return count;
    }

    public byte[] readBytes(int length) throws MalformedDataException {
        require(length);
        byte[] out = new byte[length];
        System.arraycopy(data, position, out, 0, length);
        position += length;
        return out;
    }

    /** Skips {@code length} bytes and returns the offset where they start, for callers that read in place. */
    public int skip(int length) throws MalformedDataException {
        require(length);
        int start = position;
        position += length;
        return start;
    }

    public byte[] array() {
        return data;
    }

    public String readString() throws MalformedDataException {
        int length = readLength();
        int start = position;
        position += length;
        return decodeUtf8(data, start, length);
    }

    public Instant readInstant() throws MalformedDataException {
        long seconds = readZigZag();
        int nanos = readVarInt();
        if (seconds < MIN_EPOCH_SECOND || seconds > MAX_EPOCH_SECOND || nanos > 999_999_999) {
            throw new MalformedDataException("instant out of range");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Strict UTF-8: the JDK's lenient {@code new String(bytes, UTF_8)} would silently replace bad sequences. */
    public String decodeUtf8(byte[] bytes, int offset, int length) throws MalformedDataException {
        if (isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (utf8Decoder == null) {
            utf8Decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8Decoder.reset().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDataException("invalid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void require(int length) throws MalformedDataException {
        if (length < 0 || length > remaining()) {
            throw new MalformedDataException("truncated");
        }
    }
}
