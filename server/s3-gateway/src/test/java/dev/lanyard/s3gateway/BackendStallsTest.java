package dev.lanyard.s3gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A backend that stops sending is cut off by the stall watch (the sockets have no read timeout of their own), over
 * real loopback sockets; a connection that is not reading, or whose reads keep returning, is left alone.
 */
class BackendStallsTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-12-08T02:00:00Z"));

    @Test
    void aReadWaitingPastTheLimitFailsAsATimeout() throws Exception {
        BackendStalls stalls = BackendStalls.manual(2);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BackendConnections connections = connections(server, stalls)) {
            BackendConnections.Connection connection = connections.open();
            try (Socket silent = server.accept()) {
                CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(connection.in));
                awaitReading(stalls, read);
                stalls.tick();
                stalls.tick();
                assertThat(read).isNotDone();
                stalls.tick();
                assertThatThrownBy(() -> read.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().cause()
                        .isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void idleAndProgressingConnectionsAreLeftOpen() throws Exception {
        BackendStalls stalls = BackendStalls.manual(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BackendConnections connections = connections(server, stalls)) {
            BackendConnections.Connection connection = connections.open();
            try (Socket backend = server.accept(); OutputStream out = backend.getOutputStream()) {
                for (int i = 0; i < 5; i++) {
                    stalls.tick();
                    stalls.tick();
                    out.write(i);
                    out.flush();
                    assertThat(connection.in.read()).isEqualTo(i);
                }
                stalls.tick();
                stalls.tick();
                out.write(42);
                out.flush();
                assertThat(connection.in.read()).isEqualTo(42);
            }
        }
    }

    private static BackendConnections connections(ServerSocket server, BackendStalls stalls) {
        return new BackendConnections(URI.create("http://127.0.0.1:" + server.getLocalPort()), CLOCK, stalls);
    }

    private static int readOne(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until the reader is blocked in its read (a tick before that would find nothing to time). */
    private static void awaitReading(BackendStalls stalls, CompletableFuture<Integer> read)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stalls.anyReading()) {
            if (read.isDone() || System.nanoTime() > deadline) {
                throw new TimeoutException("the read never started");
            }
            Thread.sleep(10);
        }
    }
}
