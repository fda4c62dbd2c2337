package dev.lanyard.s3gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.NegotiatedTls;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each connection finds its own TLS session and never another's: real Helidon listeners and real client sockets for
 * two listeners and a reconnect from the same address and port; engines made as Helidon's NIO listener makes them
 * (peer name and port) for a name several addresses share, and for the bound.
 */
class TlsSessionsTest {
    private static SSLContext server;
    private static SSLContext client;

    @BeforeAll
    static void keys() throws Exception {
        Path dir = Files.createTempDirectory("tls-sessions");
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "test-only", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "test-only".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "test-only".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        Files.delete(store);
        Files.delete(dir);
    }

    /** A listener answering each request with what its {@link TlsSessions} says of the request's connection. */
    private static WebServer listener(TlsSessions sessions) {
        WebServer webServer = WebServer.builder().host("127.0.0.1").port(0)
                .tls(sessions.recording(Tls.builder().sslContext(server).build()))
                .shutdownGracePeriod(Duration.ofMillis(200))
                .routing(r -> r.any((req, res) -> {
                    res.send(sessions.of(req.remotePeer().address()).map(t -> t.protocol() + " " + t.cipherSuite())
                            .orElse("none"));
                    // Helidon would wait for the client to close; the server closing first frees the client's port
                    if (req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
                        throw new CloseConnectionException("the request said Connection: close");
                    }
                }))
                .build();
        webServer.start();
        return webServer;
    }

    /** A client socket from {@code localPort} (0: any) that offers {@code protocol} only. */
    private static SSLSocket connect(int localPort, int serverPort, String protocol) throws IOException {
        Socket plain = new Socket();
        plain.setReuseAddress(true);
        plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 10_000);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", serverPort, true);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    /** One request on the connection; {@code close} asks the server to close it first. */
    private static String ask(SSLSocket socket, boolean close) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: localhost\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readUntil(in, "\r\n\r\n");
        int length = Integer.parseInt(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).strip());
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }

    @Test
    void twoListenersNeverAnswerForEachOthersConnectionsFromTheSameAddressAndPort() throws Exception {
        WebServer query = listener(new TlsSessions());
        WebServer s3 = listener(new TlsSessions());
        try (SSLSocket first = connect(0, query.port(), "TLSv1.2");
                SSLSocket second = connect(first.getLocalPort(), s3.port(), "TLSv1.3")) {
            assertThat(second.getLocalPort()).isEqualTo(first.getLocalPort());
            assertThat(ask(first, false)).startsWith("TLSv1.2 TLS_ECDHE_ECDSA_");
            assertThat(ask(second, false)).startsWith("TLSv1.3 TLS_AES_");
            assertThat(ask(first, false)).startsWith("TLSv1.2 ");
        } finally {
            query.stop();
            s3.stop();
        }
    }

    @Test
    void aReconnectFromTheSameAddressAndPortFindsItsOwnSession() throws Exception {
        WebServer webServer = listener(new TlsSessions());
        try {
            int localPort;
            try (SSLSocket first = connect(0, webServer.port(), "TLSv1.2")) {
                localPort = first.getLocalPort();
                assertThat(ask(first, true)).startsWith("TLSv1.2 ");
                // the server closes first (Connection: close), so the port is free again on this side
                assertThat(first.getInputStream().read()).isEqualTo(-1);
            }
            try (SSLSocket second = reconnect(localPort, webServer.port())) {
                assertThat(ask(second, false)).startsWith("TLSv1.3 ");
            }
        } finally {
            webServer.stop();
        }
    }

    /** The kernel may need a moment before the same four-tuple connects again: retried until a deadline. */
    private static SSLSocket reconnect(int localPort, int serverPort) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return connect(localPort, serverPort, "TLSv1.3");
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    // ---- engines as Helidon's NIO listener makes them: createSSLEngine(peer host name, peer port) ----

    /** A server engine the recording context made for {@code name}:{@code port}, handshaken with a client. */
    private static SSLEngine handshaken(SSLContext recording, String name, int port, String protocol)
            throws Exception {
        SSLEngine serverEngine = recording.createSSLEngine(name, port);
        serverEngine.setUseClientMode(false);
        SSLEngine clientEngine = client.createSSLEngine("localhost", port);
        clientEngine.setUseClientMode(true);
        SSLParameters parameters = clientEngine.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        clientEngine.setSSLParameters(parameters);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer scratch = ByteBuffer.allocate(1 << 17);
        ByteBuffer empty = ByteBuffer.allocate(0);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int round = 0; round < 100 && (busy(clientEngine) || busy(serverEngine)); round++) {
            step(clientEngine, empty, toServer, toClient, scratch);
            step(serverEngine, empty, toClient, toServer, scratch);
        }
        assertThat(busy(serverEngine)).as("handshake finished").isFalse();
        return serverEngine;
    }

    private static boolean busy(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && status != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** Runs the engine's tasks, writes what it has to {@code out}, reads what the other side wrote to {@code in}. */
    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer scratch)
            throws Exception {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        engine.wrap(empty, out);
        in.flip();
        while (in.hasRemaining()) {
            int before = in.remaining();
            engine.unwrap(in, scratch);
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            if (in.remaining() == before) {
                break;
            }
        }
        in.compact();
        engine.wrap(empty, out);
    }

    /** Closes the engine as a connection's end does: close_notify sent, the outbound side done. */
    private static void closed(SSLEngine engine) throws Exception {
        engine.closeOutbound();
        ByteBuffer sink = ByteBuffer.allocate(1 << 17);
        for (int i = 0; i < 10 && !engine.isOutboundDone(); i++) {
            engine.wrap(ByteBuffer.allocate(0), sink);
        }
        assertThat(engine.isOutboundDone()).isTrue();
    }

    private static InetSocketAddress peer(String name, byte[] address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(name, address), port);
    }

    private static final byte[] V4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] V6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    @Test
    void aNameTwoOpenConnectionsShareAnswersForNeitherUntilOneCloses() throws Exception {
        TlsSessions sessions = new TlsSessions();
        SSLContext recording = sessions.recording(server);
        SSLEngine v4 = handshaken(recording, "localhost", 40_000, "TLSv1.2");
        assertThat(sessions.of(peer("localhost", V4_LOOPBACK, 40_000))).map(NegotiatedTls::protocol)
                .contains("TLSv1.2");
        SSLEngine v6 = handshaken(recording, "localhost", 40_000, "TLSv1.3");
        // 127.0.0.1 and ::1 both called localhost, from the same port: which one is which cannot be told
        assertThat(sessions.of(peer("localhost", V4_LOOPBACK, 40_000))).isEmpty();
        assertThat(sessions.of(peer("localhost", V6_LOOPBACK, 40_000))).isEmpty();
        closed(v4);
        assertThat(sessions.of(peer("localhost", V6_LOOPBACK, 40_000))).map(NegotiatedTls::protocol)
                .contains("TLSv1.3");
        closed(v6);
        assertThat(sessions.of(peer("localhost", V6_LOOPBACK, 40_000))).isEmpty();
    }

    @Test
    void aClosedConnectionAnswersForNothingAndAnotherPortIsAnotherConnection() throws Exception {
        TlsSessions sessions = new TlsSessions();
        SSLContext recording = sessions.recording(server);
        SSLEngine first = handshaken(recording, "127.0.0.1", 40_001, "TLSv1.2");
        handshaken(recording, "127.0.0.1", 40_002, "TLSv1.3");
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 40_001))).map(NegotiatedTls::protocol)
                .contains("TLSv1.2");
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 40_002))).map(NegotiatedTls::protocol)
                .contains("TLSv1.3");
        closed(first);
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 40_001))).isEmpty();
        handshaken(recording, "127.0.0.1", 40_001, "TLSv1.3");
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 40_001))).map(NegotiatedTls::protocol)
                .contains("TLSv1.3");
    }

    @Test
    void pastItsBoundANewConnectionGoesWithoutAndLeavesNoOtherToAnswerForIt() throws Exception {
        TlsSessions sessions = new TlsSessions(2);
        SSLContext recording = sessions.recording(server);
        handshaken(recording, "localhost", 40_010, "TLSv1.2");
        handshaken(recording, "127.0.0.1", 40_011, "TLSv1.2");
        // a third open connection, whose name and port are the first one's
        handshaken(recording, "localhost", 40_010, "TLSv1.3");
        assertThat(sessions.remembered()).isEqualTo(1);
        assertThat(sessions.of(peer("localhost", V4_LOOPBACK, 40_010))).isEmpty();
        assertThat(sessions.of(peer("localhost", V6_LOOPBACK, 40_010))).isEmpty();
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 40_011))).isPresent();
    }

    @Test
    void closedConnectionsAreDroppedAsNewOnesCome() throws Exception {
        TlsSessions sessions = new TlsSessions();
        SSLContext recording = sessions.recording(server);
        for (int port = 41_000; port < 41_000 + 600; port++) {
            closed(recording.createSSLEngine("127.0.0.1", port));
        }
        // swept each time as many again are remembered (from 256): never more than twice the open ones plus that
        assertThat(sessions.remembered()).isLessThanOrEqualTo(512);
        assertThat(sessions.of(peer("127.0.0.1", V4_LOOPBACK, 41_599))).isEmpty();
    }
}
