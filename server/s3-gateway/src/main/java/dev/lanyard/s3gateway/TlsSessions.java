package dev.lanyard.s3gateway;

import dev.lanyard.iam.spi.NegotiatedTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The TLS session of each connection to the gateway's listener, for {@code s3:TlsVersion} and the audit's
 * {@code tlsDetails}. Helidon 4.5.0 hands a handler the peer's certificates but not the session (its {@code TlsSocket}
 * and {@code TlsNioSocket} keep the {@code SSLSocket} or {@code SSLEngine} to themselves); what it does take is the
 * listener's {@link SSLContext}, from which it makes each connection's engine with
 * {@code createSSLEngine(peer host name, peer port)} (the NIO listener, its default) or its socket with
 * {@code SSLSocketFactory.createSocket(Socket, InputStream, boolean)}. The context {@link #recording} returns does
 * exactly what the given one does and also remembers each engine or socket by its peer's host and port, which the
 * handler knows ({@code remotePeer().address()}, the same address whose host name Helidon resolved): while a TCP
 * connection is open, its peer's address and port name it alone. Closed ones are dropped as new ones come, so memory
 * follows the open connections.
 */
final class TlsSessions {
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

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile int pruneAbove = PRUNE_FLOOR;

    /** A context that behaves as {@code delegate} and records every server socket it makes. */
    SSLContext recording(SSLContext delegate) {
        return new SSLContext(new RecordingSpi(delegate), delegate.getProvider(), delegate.getProtocol()) { };
    }

    /** The session of the open connection from {@code peer}, once its handshake is done. */
    Optional<NegotiatedTls> of(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress address)) {
            return Optional.empty();
        }
        Connection connection = connections.get(key(address.getHostString(), address.getPort()));
        if (connection == null || connection.closed()) {
            return Optional.empty();
        }
        SSLSession session = connection.session();
        if (session == null || !session.isValid() || session.getProtocol().equals("NONE")) {
            return Optional.empty();
        }
        return Optional.of(new NegotiatedTls(session.getProtocol(), session.getCipherSuite()));
    }

    private static String key(String host, int port) {
        return host + " " + port;
    }

    private void remember(String host, int port, Connection connection) {
        connections.put(key(host, port), connection);
        if (connections.size() > pruneAbove) {
            connections.values().removeIf(Connection::closed);
            pruneAbove = Math.max(PRUNE_FLOOR, 2 * connections.size());
        }
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
                remember(peer.getHostString(), peer.getPort(), new OfSocket(secure));
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
