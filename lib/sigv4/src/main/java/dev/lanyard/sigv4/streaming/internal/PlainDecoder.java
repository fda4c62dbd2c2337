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
    private final byte[] buffer;
    private Optional<Checksum> verified = Optional.empty();
    private boolean ended;

    public PlainDecoder(InputStream in, PayloadRules rules) {
        this.in = requireNonNull(in, "in is null");
        this.checks = new IntegrityChecks(rules);
        // A small declared body gets a small buffer: most requests carry a few KiB at most.
        long declared = rules.decodedLength().orElse(MAX_BUFFER_BYTES);
        this.buffer = new byte[(int) Math.clamp(declared, MIN_BUFFER_BYTES, MAX_BUFFER_BYTES)];
    }

    @Override
    public int next() throws IOException {
        if (ended) {
            return -1;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            verified = checks.finish(Optional.empty());
            ended = true;
            return -1;
        }
        checks.update(buffer, 0, n);
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
