package dev.lanyard.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A real IdP endpoint on 127.0.0.1: discovery and JWKS over the JDK HttpServer (or HttpsServer). */
final class TestIdp implements AutoCloseable {
    enum Mode { NORMAL, GARBAGE, SERVER_ERROR, NOT_FOUND, REDIRECT, HANG, HUGE, NO_KEYS }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final String issuer;
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile String jwksJson;
    private volatile String jwksUriOverride;
    private volatile Mode mode = Mode.NORMAL;

    private TestIdp(HttpServer server, String scheme, JWKSet keys) {
        this.server = server;
        this.issuer = scheme + "://127.0.0.1:" + server.getAddress().getPort();
        publish(keys);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.setExecutor(executor);
        server.start();
    }

    static TestIdp http(JWKSet keys) {
        try {
            return new TestIdp(HttpServer.create(loopback(), 0), "http", keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestIdp https(JWKSet keys, SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new TestIdp(server, "https", keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    void publish(JWKSet keys) {
        jwksJson = keys.toString(true);
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Makes discovery name another JWKS location. */
    void jwksUri(String uri) {
        jwksUriOverride = uri;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        String jwksUri = jwksUriOverride != null ? jwksUriOverride : issuer + "/jwks";
        respond(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri
                + "\",\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        switch (mode) {
            case NORMAL -> respond(exchange, 200, jwksJson);
            case GARBAGE -> respond(exchange, 200, "<html>this is not the JWKS you are looking for</html>");
            case SERVER_ERROR -> respond(exchange, 503, "{\"error\":\"maintenance\"}");
            case NOT_FOUND -> respond(exchange, 404, "not found");
            case REDIRECT -> {
                exchange.getResponseHeaders().add("Location", "http://example.com/jwks");
                respond(exchange, 302, "");
            }
            case HANG -> {
                awaitRelease();
                respond(exchange, 200, jwksJson);
            }
            case HUGE -> respond(exchange, 200, "{\"keys\":[],\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
            case NO_KEYS -> respond(exchange, 200, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}");
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
