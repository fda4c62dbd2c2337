package dev.lanyard.s3gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A backend answer's body as its head frames it: fixed length, chunked (RFC 9112 section 7.1, extensions and trailers
 * read and dropped), or until the connection closes. It ends exactly where the answer ends, so the connection can be
 * handed to the next request; closing it early drops the connection instead.
 */
final class BackendBodyStream extends InputStream {
    static final int MAX_CHUNK_LINE = 4096;
    static final int MAX_TRAILER_BYTES = 64 * 1024;

    /** Told once whether the connection is fit for another request. */
    interface Release {
        void release(boolean reusable);
    }

    private final InputStream in;
    private final ResponseHead.Framing framing;
    private final boolean reusable;
    private final Release release;
    /** Bytes left in the body (fixed) or in the current chunk; -1 before the first chunk's size line. */
    private long left;
    private boolean ended;
    private boolean released;

    BackendBodyStream(InputStream in, ResponseHead head, Release release) {
        this.in = in;
        this.framing = head.framing();
        this.reusable = head.reusable();
        this.release = release;
        switch (framing) {
            case ResponseHead.Framing.None none -> left = 0;
            case ResponseHead.Framing.Fixed fixed -> left = fixed.length();
            case ResponseHead.Framing.Chunked chunked -> left = -1;
            case ResponseHead.Framing.UntilClose untilClose -> left = Long.MAX_VALUE;
        }
        if (left == 0) {
            end();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        if (framing instanceof ResponseHead.Framing.Chunked && left <= 0) {
            nextChunk();
            if (ended) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            if (framing instanceof ResponseHead.Framing.UntilClose) {
                end();
                return -1;
            }
            throw new EOFException("the backend closed the connection inside the body");
        }
        left -= n;
        if (left == 0 && framing instanceof ResponseHead.Framing.Fixed) {
            end();
        }
        return n;
    }

    private void nextChunk() throws IOException {
        if (left == 0) {
            String crlf = ResponseHead.Lines.read(in, 2, false);
            if (!crlf.isEmpty()) {
                throw new IOException("the backend's chunk is longer than its size");
            }
        }
        String line = ResponseHead.Lines.read(in, MAX_CHUNK_LINE, false);
        int semicolon = line.indexOf(';');
        String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
        if (size.isEmpty() || size.length() > 15) {
            throw new IOException("the backend sent an invalid chunk size");
        }
        long parsed = 0;
        for (int i = 0; i < size.length(); i++) {
            int digit = Character.digit(size.charAt(i), 16);
            if (digit < 0) {
                throw new IOException("the backend sent an invalid chunk size");
            }
            parsed = parsed * 16 + digit;
        }
        if (parsed == 0) {
            skipTrailers();
            end();
        }
        left = parsed;
    }

    private void skipTrailers() throws IOException {
        int bytes = 0;
        while (true) {
            String line = ResponseHead.Lines.read(in, ResponseHead.MAX_LINE, false);
            if (line.isEmpty()) {
                return;
            }
            bytes += line.length() + 2;
            if (bytes > MAX_TRAILER_BYTES) {
                throw new IOException("the backend's trailers are too large");
            }
        }
    }

    private void end() {
        ended = true;
        if (!released) {
            released = true;
            release.release(reusable && !(framing instanceof ResponseHead.Framing.UntilClose));
        }
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            ended = true;
            release.release(false);
        }
    }
}
