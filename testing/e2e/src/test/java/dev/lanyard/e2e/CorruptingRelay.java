package dev.lanyard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP relay to a server that flips one byte of the first request body passing through it, the way a
 * network fault or a tampering middlebox would: what a client signed is then not what the server receives. Answers
 * pass through unchanged. Each connection is relayed on virtual threads; {@link #close()} stops accepting.
 */
final class CorruptingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final int bodyOffset;

    /** Flips the body byte at {@code bodyOffset} (counted from the end of the request's headers). */
    CorruptingRelay(int targetPort, int bodyOffset) {
        this.targetPort = targetPort;
        this.bodyOffset = bodyOffset;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean corrupt) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int matched = 0;
            long bodyBytes = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (corrupt && bodyBytes < 0) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        bodyBytes = 0;
                    }
                } else if (corrupt && bodyBytes++ == bodyOffset) {
                    b ^= 0x01;
                }
                out.write(b);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // Either side closed: the relay of this connection ends with it.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
