package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.pipeline.HttpEndpoint;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.authz.TrustedProxies;
import dev.lanyard.iam.spi.NegotiatedTls;
import dev.lanyard.s3gateway.TlsSessions;
import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Binds the engine-independent handler to Helidon SE's virtual-thread web server. */
final class HelidonHttpServer implements AutoCloseable {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final WebServer server;
    private final String host;
    private final int requestedPort;
    private final ConnectionWatchdog watchdog;
    private final HttpEndpoint api;
    private final int maxBodyBytes;
    private final TrustedProxies proxies;
    private final TlsSessions sessions = new TlsSessions();

    HelidonHttpServer(String host, int port, int maxBodyBytes, HttpLimits limits, HttpEndpoint api,
            Supplier<String> health, Function<String, Optional<String>> outboundDocuments) {
        this(host, port, maxBodyBytes, limits, api, health, outboundDocuments, Optional.empty(), Optional.empty(),
                TrustedProxies.NONE);
    }

    HelidonHttpServer(String host, int port, int maxBodyBytes, HttpLimits limits, HttpEndpoint api,
            Supplier<String> health, Function<String, Optional<String>> outboundDocuments,
            Optional<Supplier<String>> metrics, Optional<Tls> tls, TrustedProxies proxies) {
        this.api = requireNonNull(api, "api is null");
        this.proxies = requireNonNull(proxies, "proxies is null");
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.maxBodyBytes = maxBodyBytes;
        this.watchdog = ConnectionWatchdog.started(limits);
        WebServerConfig.Builder builder = WebServer.builder();
        // The same TLS, through a context that lets each request find its connection's session.
        tls.ifPresent(given -> builder.tls(sessions.recording(given)));
        this.server = builder
                .host(host)
                .port(port)
                // The handler answers oversize bodies itself in AWS's envelope; this is only a hard stop.
                .maxPayloadSize(4L * maxBodyBytes)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .shutdownHook(false)
                // Our selector is the listener's only one: every connection is watched and HTTP/1.0 is served.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(new HelidonConnections(watchdog))
                .routing(r -> {
                    metrics.ifPresent(scrape -> r.get("/metrics", (req, res) -> res.header("Content-Type",
                            PROMETHEUS_TEXT).send(scrape.get().getBytes(StandardCharsets.UTF_8)))
                            .any("/metrics", (req, res) -> methodNotAllowed(res)));
                    routing(r, health, outboundDocuments);
                })
                .build();
    }

    private void routing(HttpRouting.Builder routing, Supplier<String> health,
            Function<String, Optional<String>> outboundDocuments) {
        routing.addFilter((chain, req, res) -> {
            try {
                chain.proceed();
            } finally {
                watchdog.current().ifPresent(ConnectionWatchdog.Watch::answered);
            }
            // Helidon answers "Connection: close" but waits for the client to close; RFC 9112 section 9.6 has the
            // server close, and after an unreadable body the rest of the bytes must never be read as a request.
            if (req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
                    || res.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
                throw new CloseConnectionException("the answer said Connection: close");
            }
        })
                .get("/health", (req, res) -> res.header("Content-Type", JSON)
                        .send(health.get().getBytes(StandardCharsets.UTF_8)))
                .get("/health/live", (req, res) -> res.header("Content-Type", JSON).send(UP))
                .get("/health/ready", (req, res) -> res.header("Content-Type", JSON).send(UP))
                .get(LanyardServer.OUTBOUND_PATH + "*", (req, res) -> {
                    var document = outboundDocuments.apply(req.prologue().uriPath().path());
                    if (document.isPresent()) {
                        res.header("Content-Type", JSON).send(document.get().getBytes(StandardCharsets.UTF_8));
                    } else {
                        res.status(404).send();
                    }
                })
                // Routes match in order: what the GETs above did not take is another method.
                .any("/health", (req, res) -> methodNotAllowed(res))
                .any("/health/live", (req, res) -> methodNotAllowed(res))
                .any("/health/ready", (req, res) -> methodNotAllowed(res))
                .any(LanyardServer.OUTBOUND_PATH + "*", (req, res) -> methodNotAllowed(res))
                .any(this::serve);
    }

    /** The bound port; {@link IllegalStateException} when the listener could not bind (Helidon only logs that). */
    int start() {
        server.start();
        int port = server.port();
        if (!server.isRunning() || port <= 0) {
            close();
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort
                    + ": the address is in use or not available (see the log above)");
        }
        return port;
    }

    private static void methodNotAllowed(ServerResponse res) {
        res.status(405).header("Allow", "GET").send();
    }

    private void serve(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name(), k -> new ArrayList<>()).addAll(header.allValues());
        }
        String method = req.prologue().method().text();
        String path = req.prologue().uriPath().rawPath();
        String query = req.prologue().query().rawValue();
        String peer = remoteAddress(req.remotePeer().address());
        TrustedProxies.ClientOrigin origin = proxies.origin(peer, req.isSecure(), headers);
        String remote = origin.sourceIp();
        // The connection's TLS is the client's own only when the client is the peer (not behind a trusted proxy).
        Optional<NegotiatedTls> negotiated = req.isSecure() && remote.equals(peer)
                ? sessions.of(req.remotePeer().address()) : Optional.empty();
        HttpReply reply;
        try {
            Body body = readBody(req, maxBodyBytes);
            watchdog.current().ifPresent(ConnectionWatchdog.Watch::requestReceived);
            reply = api.handle(new HttpExchange(method, path, query, headers, body.bytes(), remote,
                    origin.secureTransport(), negotiated));
            if (!body.complete()) {
                reply = reply.withHeader("Connection", "close");
            }
        } catch (BodyUnreadable e) {
            reply = api.unreadable(new HttpExchange(method, path, query, headers, new byte[0], remote,
                    origin.secureTransport(), negotiated), e.getMessage());
        }
        res.status(reply.status());
        res.header("Content-Type", reply.contentType());
        res.header("x-amzn-RequestId", reply.requestId());
        reply.headers().forEach(res::header);
        // A HEAD answer has no body (Helidon would send one and break the connection's framing).
        res.send(method.equals("HEAD") ? new byte[0] : reply.body());
    }

    /** The body as far as it was kept; not {@code complete} when bytes past the hard stop were left unread. */
    private record Body(byte[] bytes, boolean complete) {}

    /**
     * Keeps at most one byte past the limit, so the handler can refuse an oversize body without buffering it; the rest
     * is read and dropped up to Helidon's hard stop, so that a client still sending can read the refusal. A body whose
     * framing is broken (a malformed chunk size, a connection closed early) is the client's mistake, not ours.
     */
    private static Body readBody(ServerRequest req, int maxBodyBytes) {
        if (!req.content().hasEntity()) {
            return new Body(new byte[0], true);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return new Body(body, body.length <= maxBodyBytes || drained(in));
        } catch (IOException | UncheckedIOException e) {
            throw new BodyUnreadable("the connection failed while it was read", e);
        } catch (RuntimeException e) {
            throw new BodyUnreadable(reason(e), e);
        }
    }

    /** False past Helidon's hard stop: the rest stays unread, and the refusal closes the connection. */
    private static boolean drained(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Helidon's own reasons name the fault ("Chunk size is invalid"); a chunk size that is not hexadecimal escapes
     * Helidon 4.5.0 as a bare NumberFormatException (the 500 this used to give).
     */
    private static String reason(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestException && cause.getMessage() != null) {
                return cause.getMessage();
            }
            if (cause instanceof NumberFormatException) {
                return "a chunk size is not a hexadecimal number";
            }
        }
        System.getLogger("dev.lanyard.server").log(System.Logger.Level.DEBUG, "unreadable body", e);
        return "its framing is invalid";
    }

    private static String remoteAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "0.0.0.0";
    }

    @Override
    public void close() {
        server.stop();
        watchdog.close();
    }

    private static final class BodyUnreadable extends RuntimeException {
        BodyUnreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
