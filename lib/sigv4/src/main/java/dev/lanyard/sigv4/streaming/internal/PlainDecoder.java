package dev.lanyard.sigv4.streaming.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.streaming.Checksum;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A body sent as is (signed hex SHA-256 or UNSIGNED-PAYLOAD): read through, checked at its end. */
public final class PlainDecoder implements PayloadDecoder {
    private static final int MAX_BUFFER_BYTES = 64 * 1024;
    private static final int MIN_BUFFER_BYTES = 512;

    private final InputStream in;
    private final IntegrityChecks checks;
    private final int bufferBytes;
    /** Made at the first byte: most requests (GET, HEAD, DELETE) have none, and 64 KiB was most of their garbage. */
    private byte[] buffer;
    private Optional<Checksum> verified = Optional.empty();
    private boolean ended;

    public PlainDecoder(InputStream in, PayloadRules rules) {
        this.in = requireNonNull(in, "in is null");
        this.checks = new IntegrityChecks(rules);
        // A small declared body gets a small buffer: most requests carry a few KiB at most.
        long declared = rules.decodedLength().orElse(MAX_BUFFER_BYTES);
        this.bufferBytes = (int) Math.clamp(declared, MIN_BUFFER_BYTES, MAX_BUFFER_BYTES);
    }

    @Override
    public int next() throws IOException {
        if (ended) {
            return -1;
        }
        int n = buffer == null ? first() : read();
        if (n < 0) {
            verified = checks.finish(Optional.empty());
            ended = true;
            return -1;
        }
        checks.update(buffer, 0, n);
        return n;
    }

    private int first() throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer = new byte[bufferBytes];
        buffer[0] = (byte) b;
        int more = in.read(buffer, 1, buffer.length - 1);
        return more < 0 ? 1 : 1 + more;
    }

    private int read() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        return n;
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public Optional<Checksum> verifiedChecksum() {
        return verified;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
