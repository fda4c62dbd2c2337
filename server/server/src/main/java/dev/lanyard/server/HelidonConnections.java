package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.PeerInfo;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.common.socket.HelidonSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Helidon's HTTP/1.1 connections, each given to the {@link ConnectionWatchdog} and reading its bytes through
 * {@link Http10Requests}. The only connection selector of the listener, so Helidon hands it every connection at once,
 * before any byte arrives (a client that never sends one is then idle, and closed as such).
 */
final class HelidonConnections implements ServerConnectionSelector {
    private final Http1Config http1;
    private final Http1ConnectionSelector selector;
    private final ConnectionWatchdog watchdog;
    private final InterimResponses interim;

    HelidonConnections(ConnectionWatchdog watchdog) {
        this(watchdog, Http1Config.create(), new InterimResponses());
    }

    HelidonConnections(ConnectionWatchdog watchdog, Http1Config http1, InterimResponses interim) {
        this.watchdog = requireNonNull(watchdog, "watchdog is null");
        this.http1 = requireNonNull(http1, "http1 is null");
        this.interim = requireNonNull(interim, "interim is null");
        this.selector = Http1ConnectionSelector.builder().config(http1).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return selector.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        HelidonSocket socket = ctx.serverSocket();
        ConnectionWatchdog.Watch watch = watchdog.watch(ctx.remotePeer().address().toString(), socket::close);
        Supplier<byte[]> bytes = () -> {
            watch.reading();
            byte[] chunk = read(ctx.dataReader());
            watch.bytesArrived(chunk == null ? 0 : chunk.length);
            return chunk;
        };
        DataReader reader = DataReader.create(new Http10Requests(bytes, 2 * http1.maxPrologueLength()));
        WatchedContext watched = new WatchedContext(ctx, reader, watch);
        return new WatchedConnection(selector.connection(watched), watch, watched.dataWriter(), interim);
    }

    /** Whatever the engine's reader holds or reads next from the socket; null at the end of the stream. */
    private static byte[] read(DataReader source) {
        try {
            if (source.available() == 0) {
                source.pullData();
            }
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
        return source.readBytes(source.available());
    }

    /** The engine's connection, bound to its watch for as long as it runs. */
    private record WatchedConnection(ServerConnection delegate, ConnectionWatchdog.Watch watch, DataWriter writer,
            InterimResponses interim) implements ServerConnection, InterruptableTask<Void> {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            watch.bind();
            interim.serve(writer);
            try {
                delegate.handle(limit);
            } finally {
                interim.release();
                watch.end();
            }
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }
    }

    /** The connection's context with the rewriting reader and a writer whose writes have a deadline. */
    private record WatchedContext(ConnectionContext delegate, DataReader reader, ConnectionWatchdog.Watch watch)
            implements ConnectionContext {
        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public DataWriter dataWriter() {
            return new WatchedWriter(delegate.dataWriter(), watch);
        }

        @Override
        public ListenerContext listenerContext() {
            return delegate.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return delegate.executor();
        }

        @Override
        public Router router() {
            return delegate.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return delegate.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return delegate.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return delegate.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return delegate.localPeer();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String socketId() {
            return delegate.socketId();
        }

        @Override
        public String childSocketId() {
            return delegate.childSocketId();
        }
    }

    private record WatchedWriter(DataWriter delegate, ConnectionWatchdog.Watch watch) implements DataWriter {
        @Override
        public void write(BufferData... buffers) {
            watch.writing();
            try {
                delegate.write(buffers);
            } finally {
                watch.written();
            }
        }

        @Override
        public void write(BufferData buffer) {
            watch.writing();
            try {
                delegate.write(buffer);
            } finally {
                watch.written();
            }
        }

        @Override
        public void writeNow(BufferData... buffers) {
            watch.writing();
            try {
                delegate.writeNow(buffers);
            } finally {
                watch.written();
            }
        }

        @Override
        public void writeNow(BufferData buffer) {
            watch.writing();
            try {
                delegate.writeNow(buffer);
            } finally {
                watch.written();
            }
        }

        @Override
        public void flush() {
            watch.writing();
            try {
                delegate.flush();
            } finally {
                watch.written();
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
