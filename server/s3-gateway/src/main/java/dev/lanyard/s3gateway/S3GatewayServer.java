package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.TrustedProxies;
import dev.lanyard.iam.spi.NegotiatedTls;
import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The gateway's own listener (Helidon SE, virtual threads): bodies stream in both directions, never held whole; no
 * payload limit of its own, since objects are as large as S3 allows and memory does not grow with them. Slow clients
 * are the {@link ConnectionGuard}'s: a deadline for headers, a minimum rate for bodies.
 */
public final class S3GatewayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.s3gateway");
    static final int MAX_COPY_BUFFER = 64 * 1024;

    private final WebServer server;
    private final S3Gateway gateway;
    private final String host;
    private final int requestedPort;
    private final TrustedProxies proxies;
    private final ConnectionGuard guard;
    private final TlsSessions sessions = new TlsSessions();

    public S3GatewayServer(String host, int port, S3Gateway gateway, ConnectionGuard guard) {
        this(host, port, gateway, guard, Optional.empty(), TrustedProxies.NONE);
    }

    /** With TLS on the listener, and the proxies whose forwarding headers count. */
    public S3GatewayServer(String host, int port, S3Gateway gateway, ConnectionGuard guard, Optional<Tls> tls,
            TrustedProxies proxies) {
        this.proxies = requireNonNull(proxies, "proxies is null");
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.guard = requireNonNull(guard, "guard is null");
        WebServerConfig.Builder builder = WebServer.builder();
        // The same TLS, through a context that lets each request find its connection's session.
        tls.ifPresent(given -> builder.tls(sessions.recording(given)));
        this.server = builder
                .host(host)
                .port(port)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .shutdownHook(false)
                // S3 bodies carry Content-Encoding as the object's metadata (gzip stored as is) or as aws-chunked
                // framing the gateway decodes itself: the listener must decode nothing and refuse no encoding.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                // Presigned URLs with a session token run to a few KiB. The guard's selector is the listener's only
                // one, so that every connection is watched.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard.connections(Http1Config.builder().validateRequestHeaders(false)
                        .maxPrologueLength(16 * 1024).maxHeadersSize(64 * 1024).build()))
                .routing(r -> r.any(this::serve))
                .build();
    }

    /** The bound port; {@link IllegalStateException} when the listener could not bind. */
    public int start() {
        server.start();
        int port = server.port();
        if (!server.isRunning() || port <= 0) {
            server.stop();
            throw new IllegalStateException("cannot listen for S3 on " + host + ":" + requestedPort
                    + ": the address is in use or not available (see the log above)");
        }
        return port;
    }

    private void serve(ServerRequest req, ServerResponse res) {
        guard.headersReceived();
        if (!req.content().hasEntity() && req.headers().containsToken(HeaderValues.EXPECT_100)) {
            guard.sendContinue();
        }
        try {
            relay(req, res);
        } finally {
            guard.answered();
        }
    }

    private void relay(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name(), k -> new ArrayList<>()).addAll(header.allValues());
        }
        boolean hasBody = req.content().hasEntity();
        InputStream body = hasBody ? req.content().inputStream() : InputStream.nullInputStream();
        String method = req.prologue().method().text();
        String peer = remoteAddress(req.remotePeer().address());
        TrustedProxies.ClientOrigin origin = proxies.origin(peer, req.isSecure(), headers);
        // The connection's TLS is the client's own only when the client is the peer (not behind a trusted proxy).
        Optional<NegotiatedTls> tls = req.isSecure() && origin.sourceIp().equals(peer)
                ? sessions.of(req.remotePeer().address()) : Optional.empty();
        GatewayRequest request = new GatewayRequest(method, req.prologue().uriPath().rawPath(),
                req.prologue().query().rawValue(), headers, body, hasBody, origin.sourceIp(),
                origin.secureTransport(), tls);
        Reply reply = gateway.handle(request);
        res.status(reply.status());
        reply.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
        reply.length().ifPresent(length -> res.header("Content-Length", Long.toString(length)));
        try (InputStream in = reply.body()) {
            if (method.equals("HEAD")) {
                res.send();
                return;
            }
            if (reply.length().isPresent() && reply.length().getAsLong() <= MAX_COPY_BUFFER) {
                sendWhole(in, (int) reply.length().getAsLong(), res);
                return;
            }
            try (OutputStream out = res.outputStream()) {
                copy(in, out, reply.length());
            }
        } catch (IOException e) {
            // The answer was under way: nothing left to tell the client but a broken connection.
            LOG.log(System.Logger.Level.WARNING, "relaying an S3 answer failed: " + e);
        }
    }

    /**
     * The answer's body to the client through a buffer as large as the body, up to {@link #MAX_COPY_BUFFER}: a small
     * object costs no 16 KiB buffer ({@code transferTo}'s) and a large one four times fewer writes.
     */
    private static void copy(InputStream in, OutputStream out, OptionalLong length) throws IOException {
        byte[] buffer = new byte[(int) Math.clamp(length.orElse(MAX_COPY_BUFFER), 1, MAX_COPY_BUFFER)];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    /**
     * A small answer of known length in one write, head and body together: through the output stream Helidon writes
     * the head and the body in two system calls (two segments for the client to read). If the body fails part-way,
     * what arrived goes out as the stream would have sent it, and the failure ends the connection the same way.
     */
    private static void sendWhole(InputStream in, int length, ServerResponse res) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        try {
            int n;
            while (read < length && (n = in.read(body, read, length - read)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            try (OutputStream out = res.outputStream()) {
                out.write(body, 0, read);
                throw e;
            }
        }
        if (read < length) {
            try (OutputStream out = res.outputStream()) {
                out.write(body, 0, read);
            }
            return;
        }
        res.send(body);
    }

    private static String remoteAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "0.0.0.0";
    }

    @Override
    public void close() {
        try {
            server.stop();
            gateway.close();
        } finally {
            guard.close();
        }
    }
}
