package dev.lanyard.s3gateway;

import dev.lanyard.iam.spi.NegotiatedTls;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS session of each connection to one listener, for {@code s3:TlsVersion} and the audit's {@code tlsDetails}.
 * Helidon 4.5.0 hands a handler the peer's certificates but not the session (its {@code TlsSocket} and
 * {@code TlsNioSocket} keep the {@code SSLSocket} or {@code SSLEngine} to themselves); what it does take is the
 * listener's {@link SSLContext}, from which it makes each connection's engine with
 * {@code createSSLEngine(peer host name, peer port)} (the NIO listener, its default; the name is the one
 * {@code InetSocketAddress.getHostName()} resolved) or its socket with
 * {@code SSLSocketFactory.createSocket(Socket, InputStream, boolean)}. The context {@link #recording} returns does
 * exactly what the given one does and also remembers each engine or socket by its peer: the socket by its address and
 * port, the engine by the name and port Helidon gave, which is all it knows. The handler looks its connection up by
 * {@code remotePeer().address()} (the same address, with the name Helidon resolved).
 *
 * <p>Each listener has its own instance, so two listeners never share an entry. While a TCP connection is open, its
 * peer address and port name it alone; a name does not when several addresses resolve to it (127.0.0.1 and ::1 as
 * {@code localhost}): a peer whose name and port more than one open connection shares is answered with nothing rather
 * than with another connection's session. A closed connection no longer answers, so a reconnect from the same address
 * and port finds only its own; closed ones are dropped as new ones come (memory follows the open connections), and at
 * most {@code maxConnections} are remembered: past that, a new connection goes without (its peer's entry is dropped,
 * never left to answer for it).
 */
public final class TlsSessions {
    /** More open TLS connections than a listener is likely to hold; their requests would carry no TLS details. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    private static final int PRUNE_FLOOR = 256;

    /** One connection's TLS, by whichever of Helidon's two socket kinds carries it. */
    private interface Connection {
        SSLSession session();

        boolean closed();
    }

    private record OfSocket(SSLSocket socket) implements Connection {
        @Override
        public SSLSession session() {
            // Never starts a handshake: the request was read, so it is done.
            return socket.getHandshakeSession() == null ? socket.getSession() : null;
        }

        @Override
        public boolean closed() {
            return socket.isClosed();
        }
    }

    private record OfEngine(SSLEngine engine) implements Connection {
        @Override
        public SSLSession session() {
            return engine.getHandshakeSession() == null ? engine.getSession() : null;
        }

        @Override
        public boolean closed() {
            return engine.isOutboundDone();
        }
    }

    /** A peer as the connection was made: its address (or the name Helidon resolved for it) and port. */
    private record Peer(String host, int port) {}

    private final Map<Peer, List<Connection>> connections = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();
    private final int maxConnections;
    private volatile int pruneAbove = PRUNE_FLOOR;

    public TlsSessions() {
        this(DEFAULT_MAX_CONNECTIONS);
    }

    /** Remembering at most {@code maxConnections} open connections. */
    public TlsSessions(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        this.maxConnections = maxConnections;
    }

    /** The same TLS settings as {@code given}, through a context that records this listener's connections. */
    public Tls recording(Tls given) {
        // Built afresh: a copy of the given settings would keep their TLS manager, which hands Helidon the original.
        return Tls.builder().sslContext(recording(given.sslContext()))
                .enabledProtocols(given.prototype().enabledProtocols())
                .enabledCipherSuites(given.prototype().enabledCipherSuites())
                .clientAuth(given.prototype().clientAuth()).build();
    }

    /** A context that behaves as {@code delegate} and records every server socket and engine it makes. */
    public SSLContext recording(SSLContext delegate) {
        return new SSLContext(new RecordingSpi(delegate), delegate.getProvider(), delegate.getProtocol()) { };
    }

    /**
     * The session of the open connection from {@code peer}, once its handshake is done; empty when no connection, or
     * more than one, answers to it.
     */
    public Optional<NegotiatedTls> of(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress address) || address.getAddress() == null) {
            return Optional.empty();
        }
        String literal = address.getAddress().getHostAddress();
        Optional<Connection> connection = only(new Peer(literal, address.getPort()));
        if (connection.isEmpty() && !address.getHostString().equals(literal)) {
            connection = only(new Peer(address.getHostString(), address.getPort()));
        }
        return connection.flatMap(TlsSessions::negotiated);
    }

    /** How many connections are remembered now (closed ones included until they are dropped). */
    int remembered() {
        return remembered.get();
    }

    private Optional<Connection> only(Peer peer) {
        List<Connection> candidates = connections.get(peer);
        if (candidates == null) {
            return Optional.empty();
        }
        List<Connection> open = candidates.stream().filter(c -> !c.closed()).toList();
        return open.size() == 1 ? Optional.of(open.getFirst()) : Optional.empty();
    }

    private static Optional<NegotiatedTls> negotiated(Connection connection) {
        SSLSession session = connection.session();
        if (session == null || !session.isValid() || session.getProtocol().equals("NONE")) {
            return Optional.empty();
        }
        return Optional.of(new NegotiatedTls(session.getProtocol(), session.getCipherSuite()));
    }

    private void remember(String host, int port, Connection connection) {
        Peer peer = new Peer(host, port);
        if (remembered.get() >= pruneAbove) {
            prune();
        }
        if (remembered.get() >= maxConnections) {
            // Full: this connection goes unrecorded, and so that no other one answers for it, its peer's do too.
            List<Connection> dropped = connections.remove(peer);
            if (dropped != null) {
                remembered.addAndGet(-dropped.size());
            }
            return;
        }
        connections.compute(peer, (key, present) -> {
            List<Connection> kept = new ArrayList<>(present == null ? 1 : present.size() + 1);
            if (present != null) {
                present.stream().filter(c -> !c.closed()).forEach(kept::add);
            }
            kept.add(connection);
            remembered.addAndGet(kept.size() - (present == null ? 0 : present.size()));
            return List.copyOf(kept);
        });
    }

    /** Drops the closed connections; the next sweep comes when as many again are remembered. */
    private void prune() {
        for (Peer peer : connections.keySet()) {
            connections.computeIfPresent(peer, (key, present) -> {
                List<Connection> open = present.stream().filter(c -> !c.closed()).toList();
                remembered.addAndGet(open.size() - present.size());
                return open.isEmpty() ? null : open;
            });
        }
        pruneAbove = Math.max(PRUNE_FLOOR, 2 * remembered.get());
    }

    private final class RecordingSpi extends SSLContextSpi {
        private final SSLContext delegate;
        private final SSLSocketFactory sockets;

        RecordingSpi(SSLContext delegate) {
            this.delegate = delegate;
            this.sockets = new RecordingFactory(delegate.getSocketFactory());
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            delegate.init(km, tm, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return sockets;
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return delegate.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = delegate.createSSLEngine(host, port);
            if (host != null && port > 0) {
                remember(host, port, new OfEngine(engine));
            }
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    /** The listener's socket factory, remembering the server-side sockets it layers over accepted connections. */
    private final class RecordingFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        RecordingFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            Socket created = delegate.createSocket(socket, consumed, autoClose);
            if (created instanceof SSLSocket secure
                    && socket.getRemoteSocketAddress() instanceof InetSocketAddress peer) {
                remember(peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress(),
                        peer.getPort(), new OfSocket(secure));
            }
            return created;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return delegate.createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException {
            return delegate.createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return delegate.createSocket(address, port, localAddress, localPort);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
