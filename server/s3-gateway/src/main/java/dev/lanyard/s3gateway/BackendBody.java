package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A request body for the backend, always of known length: S3 backends want a Content-Length, never chunking. */
sealed interface BackendBody {
    /** The bytes {@link #writeTo} writes. */
    long length();

    /** Writes exactly {@link #length()} bytes. */
    void writeTo(OutputStream out) throws IOException;

    /** Whether the body can be sent again on a fresh connection if the first one turned out to be stale. */
    boolean replayable();

    static BackendBody empty() {
        return Empty.INSTANCE;
    }

    static BackendBody of(byte[] bytes) {
        return bytes.length == 0 ? Empty.INSTANCE : new Bytes(bytes);
    }

    /** No body at all. */
    enum Empty implements BackendBody {
        INSTANCE;

        @Override
        public long length() {
            return 0;
        }

        @Override
        public void writeTo(OutputStream out) {
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** A body the gateway holds (small: a rewritten DeleteObjects, a bucket configuration). */
    record Bytes(byte[] bytes) implements BackendBody {
        public Bytes {
            requireNonNull(bytes, "bytes is null");
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /**
     * The client's body as it is decoded and verified, streamed through. Reading fewer bytes than announced is an
     * error, never a shorter object.
     */
    record Streamed(InputStream in, long length) implements BackendBody {
        private static final int BUFFER = 64 * 1024;

        public Streamed {
            requireNonNull(in, "in is null");
            if (length < 0) {
                throw new IllegalArgumentException("negative length");
            }
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the body ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw new IOException("the body is longer than its announced " + length + " bytes");
            }
        }

        @Override
        public boolean replayable() {
            return false;
        }
    }

    /** A body spooled to a temporary file. */
    record OfFile(Path file, long length) implements BackendBody {
        public OfFile {
            requireNonNull(file, "file is null");
        }

        static OfFile of(Path file) throws IOException {
            return new OfFile(file, Files.size(file));
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                new Streamed(in, length).writeTo(out);
            }
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }
}
