package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** /metrics alone on a listener of its own (serve --metrics-port), so a firewall can keep it from API clients. */
final class MetricsListener implements AutoCloseable {
    private final WebServer server;
    private final String host;
    private final int requestedPort;

    MetricsListener(String host, int port, Supplier<String> scrape) {
        this.host = requireNonNull(host, "host is null");
        this.requestedPort = port;
        this.server = WebServer.builder().host(host).port(port).shutdownHook(false)
                .routing(r -> r.get("/metrics", (req, res) -> res.header("Content-Type",
                        HelidonHttpServer.PROMETHEUS_TEXT).send(scrape.get().getBytes(StandardCharsets.UTF_8)))
                        .any("/metrics", (req, res) -> res.status(405).header("Allow", "GET").send())
                        .any((req, res) -> res.status(404).send()))
                .build();
    }

    /** The bound port; {@link IllegalStateException} when it could not bind. */
    int start() {
        server.start();
        if (!server.isRunning() || server.port() <= 0) {
            close();
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + requestedPort
                    + ": the address is in use or not available (see the log above)");
        }
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
