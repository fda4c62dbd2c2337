package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Binds the engine-independent handler to Helidon SE's virtual-thread web server. */
final class HelidonHttpServer implements AutoCloseable {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final WebServer server;
    private final String host;
    private final int requestedPort;

    HelidonHttpServer(String host, int port, int maxBodyBytes, Function<HttpExchange, HttpReply> handler,
            java.util.function.Supplier<String> health,
            Function<String, java.util.Optional<String>> outboundDocuments) {
        requireNonNull(handler, "handler is null");
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                // The handler answers oversize bodies itself in AWS's envelope; this is only a hard stop.
                .maxPayloadSize(4L * maxBodyBytes)
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .shutdownHook(false)
                .routing(r -> r
                        .get("/health", (req, res) -> res.header("Content-Type", "application/json")
                                .send(health.get().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .get("/health/live", (req, res) -> res.header("Content-Type", "application/json").send(UP))
                        .get("/health/ready", (req, res) -> res.header("Content-Type", "application/json").send(UP))
                        .get(LanyardServer.OUTBOUND_PATH + "*", (req, res) -> {
                            var document = outboundDocuments.apply(req.prologue().uriPath().path());
                            if (document.isPresent()) {
                                res.header("Content-Type", "application/json")
                                        .send(document.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            } else {
                                res.status(404).send();
                            }
                        })
                        .any((req, res) -> serve(req, res, maxBodyBytes, handler)))
                .build();
    }

    /** The bound port; {@link IllegalStateException} when the listener could not bind (Helidon only logs that). */
    int start() {
        server.start();
        int port = server.port();
        if (!server.isRunning() || port <= 0) {
            server.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort
                    + ": the address is in use or not available (see the log above)");
        }
        return port;
    }

    private static void serve(ServerRequest req, ServerResponse res, int maxBodyBytes,
            Function<HttpExchange, HttpReply> handler) throws IOException {
        byte[] body = readBody(req, maxBodyBytes);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.computeIfAbsent(header.name(), k -> new ArrayList<>()).addAll(header.allValues());
        }
        HttpExchange exchange = new HttpExchange(req.prologue().method().text(), req.prologue().uriPath().rawPath(),
                req.prologue().query().rawValue(), headers, body, remoteAddress(req.remotePeer().address()),
                req.isSecure());
        HttpReply reply = handler.apply(exchange);
        res.status(reply.status());
        res.header("Content-Type", reply.contentType());
        res.header("x-amzn-RequestId", reply.requestId());
        res.send(reply.body());
    }

    /** Reads at most one byte past the limit, so the handler can refuse an oversize body without buffering it. */
    private static byte[] readBody(ServerRequest req, int maxBodyBytes) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return body;
        }
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
    }
}
