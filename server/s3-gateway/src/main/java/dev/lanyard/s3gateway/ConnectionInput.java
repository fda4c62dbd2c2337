package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A backend connection's buffered input, without a lock: one request at a time owns a connection, and the answer's
 * head is read a byte at a time, where {@link java.io.BufferedInputStream} takes and releases its lock for each byte.
 * Reads as large as the buffer bypass it, as {@code BufferedInputStream}'s do. Every read of the socket is watched
 * for stalls by {@link BackendStalls}.
 */
final class ConnectionInput extends InputStream {
    private final InputStream in;
    private final BackendStalls.Watch watch;
    private final byte[] buffer;
    private int position;
    private int limit;

    ConnectionInput(InputStream in, int size, BackendStalls.Watch watch) {
        this.in = requireNonNull(in, "in is null");
        this.watch = requireNonNull(watch, "watch is null");
        this.buffer = new byte[size];
    }

    @Override
    public int read() throws IOException {
        if (position == limit && fill() < 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int buffered = limit - position;
        if (buffered == 0) {
            if (len >= buffer.length) {
                return watched(b, off, len);
            }
            if (fill() < 0) {
                return -1;
            }
            buffered = limit - position;
        }
        int n = Math.min(buffered, len);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return limit - position + in.available();
    }

    private int fill() throws IOException {
        int n;
        do {
            n = watched(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n;
    }

    /** A read of the socket, watched for stalls (the socket has no read timeout of its own). */
    private int watched(byte[] b, int off, int len) throws IOException {
        watch.reading();
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw watch.failure(e);
        } finally {
            watch.done();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
