package dev.lanyard.tokens.internal;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The inline session policy inside a token body: raw UTF-8, or raw Deflate when that is strictly smaller. Inflation is
 * bounded by the declared length, which is capped, so even a body sealed by a buggy or hostile key holder cannot make
 * a node allocate more than {@link #MAX_POLICY_BYTES}.
 */
public final class PolicyPacking {
    /** Far above AWS's 2,048-character session policy limit; the packed-size check refuses long before this. */
    public static final int MAX_POLICY_BYTES = 64 * 1024;
    private static final int MAX_INFLATE_CALLS = 16;

    private PolicyPacking() {}

    /** Appends the tagged policy field; {@link IllegalArgumentException} above {@link #MAX_POLICY_BYTES}. */
    public static void write(ByteWriter out, String policy) {
        byte[] raw = ByteWriter.utf8(policy);
        if (raw.length > MAX_POLICY_BYTES) {
            throw new IllegalArgumentException("inline session policy exceeds " + MAX_POLICY_BYTES + " bytes");
        }
        byte[] deflated = deflateIfSmaller(raw);
        if (deflated == null) {
            out.writeByte(ClaimsFormat.POLICY_RAW).writeLengthPrefixed(raw);
        } else {
            out.writeByte(ClaimsFormat.POLICY_DEFLATED).writeVarInt(raw.length).writeLengthPrefixed(deflated);
        }
    }

    /** Bytes {@link #write} appends for this policy. */
    public static int encodedSize(String policy) {
        ByteWriter probe = new ByteWriter(64);
        write(probe, policy);
        return probe.size();
    }

    public static String read(ByteReader in) throws MalformedDataException {
        return switch (in.readByte()) {
            case ClaimsFormat.POLICY_RAW -> in.readString();
            case ClaimsFormat.POLICY_DEFLATED -> readDeflated(in);
            default -> throw new MalformedDataException("unknown policy encoding");
        };
    }

    private static String readDeflated(ByteReader in) throws MalformedDataException {
        int rawLength = in.readVarInt();
        if (rawLength == 0 || rawLength > MAX_POLICY_BYTES) {
            throw new MalformedDataException("deflated policy length out of range");
        }
        int deflatedLength = in.readLength();
        int offset = in.skip(deflatedLength);
        byte[] raw = inflate(in.array(), offset, deflatedLength, rawLength);
        return in.decodeUtf8(raw, 0, rawLength);
    }

    /** The deflated form when it saves at least one byte once its own length prefix is counted; else null. */
    private static byte[] deflateIfSmaller(byte[] raw) {
        if (raw.length < 8) {
            return null;
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[raw.length];
            int length = deflater.deflate(buffer);
            if (!deflater.finished() || length + ByteWriter.varIntSize(length) >= raw.length) {
                return null;
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            deflater.end();
        }
    }

    /**
     * Inflates into {@code rawLength + 1} bytes: the spare byte means a full output buffer never stalls zlib before the
     * end-of-stream marker, and a stream longer than declared shows up as overflow instead of passing silently.
     */
    private static byte[] inflate(byte[] data, int offset, int length, int rawLength) throws MalformedDataException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, offset, length);
            byte[] raw = new byte[rawLength + 1];
            int produced = 0;
            for (int call = 0; call < MAX_INFLATE_CALLS && !inflater.finished(); call++) {
                produced += inflater.inflate(raw, produced, raw.length - produced);
                if (produced > rawLength || inflater.needsInput() || inflater.needsDictionary()) {
                    break;
                }
            }
            if (!inflater.finished() || produced != rawLength || inflater.getRemaining() != 0) {
                throw new MalformedDataException("deflated policy does not match its declared length");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new MalformedDataException("deflated policy is corrupt");
        } finally {
            inflater.end();
        }
    }
}
