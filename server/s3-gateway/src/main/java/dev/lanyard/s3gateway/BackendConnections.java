package dev.lanyard.s3gateway;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to the backend, plain or TLS (the JDK's default trust and host name verification), blocking:
 * the gateway runs each request on its own virtual thread, so a blocking socket costs no platform thread and no
 * hand-off between threads. The most recently used idle connection is reused first; one idle longer than
 * {@link #MAX_IDLE} is closed rather than reused, since backends close idle connections on their own schedule.
 */
final class BackendConnections implements Closeable {
    static final Duration MAX_IDLE = Duration.ofSeconds(4);
    static final int MAX_IDLE_CONNECTIONS = 128;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** A backend that sends nothing for this long during an answer is taken as gone. */
    static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final int BUFFER = 16 * 1024;

    private final String host;
    private final int port;
    private final boolean tls;
    private final InstantSource clock;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final BackendStalls stalls;

    BackendConnections(URI backend, InstantSource clock) {
        this(backend, clock, BackendStalls.started(READ_TIMEOUT, Duration.ofSeconds(1)));
    }

    /** With the given watch over stalled reads (tests tick theirs by hand). */
    BackendConnections(URI backend, InstantSource clock, BackendStalls stalls) {
        this.stalls = stalls;
        this.host = backend.getHost();
        this.tls = backend.getScheme().equalsIgnoreCase("https");
        this.port = backend.getPort() != -1 ? backend.getPort() : tls ? 443 : 80;
        this.clock = clock;
    }

    /** An idle connection that is fresh enough, else a new one. */
    Connection acquire() throws IOException {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (clock.millis() - connection.idleSince < MAX_IDLE.toMillis()) {
                connection.reused = true;
                return connection;
            }
            connection.close();
        }
        return open();
    }

    Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            // No SO_TIMEOUT: a timed read on a virtual thread schedules and cancels a timer per read (BackendStalls).
            if (tls) {
                SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                // The handshake's reads are not the watched ones: a timeout of their own, once per connection.
                secure.setSoTimeout((int) READ_TIMEOUT.toMillis());
                secure.startHandshake();
                secure.setSoTimeout(0);
                socket = secure;
            }
            return new Connection(socket, stalls);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ConnectException("connecting to the backend timed out");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    void release(Connection connection, boolean reusable) {
        if (!reusable || idleCount.get() >= MAX_IDLE_CONNECTIONS) {
            connection.close();
            return;
        }
        connection.idleSince = clock.millis();
        idleCount.incrementAndGet();
        idle.offerFirst(connection);
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
        stalls.close();
    }

    /** One connection: buffered streams over its socket (input without a lock: one request owns it at a time). */
    static final class Connection implements Closeable {
        final InputStream in;
        final OutputStream out;
        private final Socket socket;
        private final BackendStalls.Watch watch;
        private long idleSince;
        /** Whether it served an earlier request (so a failure before any answer may be a stale connection). */
        boolean reused;

        Connection(Socket socket, BackendStalls stalls) throws IOException {
            this.socket = socket;
            this.watch = stalls.watch(this::closeSocket);
            this.in = new ConnectionInput(socket.getInputStream(), BUFFER, watch);
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
        }

        @Override
        public void close() {
            watch.forget();
            closeSocket();
        }

        private void closeSocket() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already unusable; nothing else to do.
            }
        }
    }
}
