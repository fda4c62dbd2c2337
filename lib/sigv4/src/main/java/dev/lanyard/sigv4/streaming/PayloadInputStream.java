package dev.lanyard.sigv4.streaming;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.streaming.internal.PayloadDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded, verified payload of an S3 request. Bytes are released only once verified as far as the mode allows
 * (a signed chunk after its signature), and the <em>last</em> byte of the payload only once everything about the whole
 * payload was verified: length, SHA-256, checksum, final chunk and trailer. So a consumer that forwards what it reads
 * (with the decoded Content-Length) never sends a complete body that failed: it gets a
 * {@link PayloadVerificationException} before the end, at latest in place of the last byte.
 *
 * <p>A failure is sticky: every later read throws it again. Not thread-safe; {@link #close()} closes the raw body.
 */
public final class PayloadInputStream extends InputStream {
    private static final byte[] NOTHING = new byte[0];

    private final PayloadDecoder decoder;
    private final byte[] single = new byte[1];
    private byte[] segment = NOTHING;
    private int position;
    private int limit;
    /** The last byte seen before the verified end, held back until more follows or the end is verified; -1 if none. */
    private int held = -1;
    private boolean ended;
    private IOException failure;

    PayloadInputStream(PayloadDecoder decoder) {
        this.decoder = requireNonNull(decoder, "decoder is null");
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = drain(target, offset, length);
            if (n > 0) {
                return n;
            }
            if (ended) {
                return -1;
            }
            advance();
        }
    }

    /** Copies what may be released now: all of it once the end is verified, else all but the last byte seen. */
    private int drain(byte[] target, int offset, int length) {
        int n = 0;
        if (held >= 0 && (position < limit || ended)) {
            target[offset] = (byte) held;
            held = -1;
            n = 1;
        }
        int releasable = limit - position - (ended ? 0 : 1);
        if (held < 0 && releasable > 0 && n < length) {
            int count = Math.min(length - n, releasable);
            System.arraycopy(segment, position, target, offset + n, count);
            position += count;
            n += count;
        }
        return n;
    }

    /** Decodes the next piece; the one byte left of this one (if any) is held until then. */
    private void advance() throws IOException {
        if (position < limit) {
            held = segment[position++] & 0xff;
        }
        try {
            int length = decoder.next();
            if (length < 0) {
                ended = true;
            } else {
                segment = decoder.buffer();
                position = 0;
                limit = length;
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int available() {
        return Math.max(0, limit - position - (ended ? 0 : 1));
    }

    /** True once the whole payload was read and verified. */
    public boolean verified() {
        return ended;
    }

    /**
     * The checksum that was verified, once the whole payload was: the {@code x-amz-checksum-*} header or trailer, with
     * the value as computed (the same bytes as sent, in canonical base64). Empty before the end or without one.
     */
    public Optional<Checksum> verifiedChecksum() {
        return ended ? decoder.verifiedChecksum() : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }

    @Override
    public String toString() {
        return "PayloadInputStream[" + (ended ? "verified" : failure != null ? "failed" : "reading") + "]";
    }
}
