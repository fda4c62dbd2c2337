package dev.lanyard.authorizeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lanyard.authorizeapi.CorpusWorld.Realized;
import dev.lanyard.authorizer.AuthorizationQuestion;
import dev.lanyard.authorizer.LanyardAuthorizer;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code lanyard-authorizer} library as a front end of the corpus: a loopback HTTP listener hands what the
 * library sends to the case's real {@link AuthorizeEndpoint}, so the library's own signing, wire format, parsing and
 * cache stand between the case and its verdict. One listener for a whole test class; cases run one at a time.
 */
final class LibraryFrontEnd implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final AtomicReference<AuthorizeEndpoint> current = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();

    LibraryFrontEnd() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** A library client of the case's service, its clock at the case's instant. */
    LanyardAuthorizer authorizer(Realized realized, int cacheCapacity) {
        current.set(realized.endpoint());
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return LanyardAuthorizer.builder(uri, realized.serviceKey().id().value(), realized.serviceKey().secret(),
                InstantSource.fixed(realized.now())).region(CorpusWorld.LANYARD_REGION)
                .cache(cacheCapacity, Duration.ofMinutes(1)).build();
    }

    /** How many calls reached the endpoint (a cached answer does not). */
    int calls() {
        return calls.get();
    }

    /** The question the case's service asks, from the same parts the API's own call carries. */
    static AuthorizationQuestion question(Realized realized) {
        JsonNode call = read(realized.call().body());
        JsonNode request = call.get("Request");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.get("Headers").properties().forEach(e -> headers.put(e.getKey(), strings(e.getValue())));
        Map<String, List<String>> context = new LinkedHashMap<>();
        call.path("Context").properties().forEach(e -> context.put(e.getKey(), strings(e.getValue())));
        return new AuthorizationQuestion(request.get("Method").asText(), request.get("Path").asText(),
                request.get("Query").asText(), headers, request.get("PayloadHash").asText(),
                call.get("Action").asText(), call.get("Resource").asText(),
                Optional.ofNullable(call.get("ResourcePolicy")).map(JsonNode::asText), context,
                call.get("SourceIp").asText(), call.get("SecureTransport").asBoolean());
    }

    private static List<String> strings(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.asText());
        }
        return values;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpReply reply = current.get().handle(new HttpExchange(exchange.getRequestMethod(), uri.getRawPath(),
                    Optional.ofNullable(uri.getRawQuery()).orElse(""), headers, body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), false));
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
