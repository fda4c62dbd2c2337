package dev.lanyard.s3gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sends requests to the backend path-style over HTTP/1.1 keep-alive connections, signed with the backend's own key
 * for an unsigned payload (the gateway verified the client's payload itself, and releases its last byte only once it
 * passed), and hands back the answer as a stream. Written for this one job rather than on a general HTTP client:
 * the JDK's asynchronous client cost about a third of the gateway's CPU per small request in its thread hand-offs.
 */
final class BackendClient implements AutoCloseable {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Headers the client sets itself from the URI and the body. */
    private static final List<String> SET_BY_CLIENT = List.of("host", "content-length");

    private final URI base;
    private final String hostHeader;
    private final String region;
    private final SigV4Signer signer;
    private final Clock clock;
    private final BackendConnections connections;

    BackendClient(URI backend, BackendCredentials credentials, String region, Clock clock) {
        this.base = requireNonNull(backend, "backend is null");
        this.hostHeader = hostHeader(backend);
        this.region = requireNonNull(region, "region is null");
        this.signer = new SigV4Signer(credentials.accessKeyId(), credentials.secretAccessKey(), Optional.empty());
        this.clock = requireNonNull(clock, "clock is null");
        this.connections = new BackendConnections(backend, clock);
    }

    /**
     * @param rawPath the canonical path-style path, already encoded
     * @param rawQuery the canonical query, already encoded; "" for none
     * @param headers what to forward (no Host, Content-Length or authentication headers)
     */
    BackendResponse send(String method, String rawPath, String rawQuery, Map<String, String> headers, BackendBody body)
            throws IOException {
        Map<String, String> forwarded = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                forwarded.put(name, value);
            }
        });
        forwarded.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        Map<String, List<String>> toSign = new LinkedHashMap<>();
        forwarded.forEach((name, value) -> toSign.put(name, List.of(value)));
        toSign.put("host", List.of(hostHeader));
        TreeSet<String> signed = new TreeSet<>();
        for (String name : forwarded.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-") || lower.equals("content-md5") || lower.equals("content-type")) {
                signed.add(lower);
            }
        }
        forwarded.putAll(signer.signHeaders(new HttpRequestParts(method, rawPath, rawQuery, toSign), region, "s3",
                clock.instant(), SigningOptions.s3().withExtraSignedHeaders(signed.toArray(String[]::new))));
        byte[] head = requestHead(method, rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery), forwarded, body);
        BackendConnections.Connection connection = connections.acquire();
        try {
            return exchange(connection, method, head, body);
        } catch (ResponseHead.NoAnswerException | SocketException e) {
            if (!connection.reused || !body.replayable()) {
                throw e;
            }
            // The backend had closed this idle connection: once more on a new one.
            return exchange(connections.open(), method, head, body);
        }
    }

    private BackendResponse exchange(BackendConnections.Connection connection, String method, byte[] head,
            BackendBody body) throws IOException {
        try {
            connection.out.write(head);
            body.writeTo(connection.out);
            connection.out.flush();
            ResponseHead answer = ResponseHead.read(connection.in, method.equals("HEAD"));
            return new BackendResponse(answer.status(), answer.headers(), new BackendBodyStream(connection.in, answer,
                    reusable -> connections.release(connection, reusable)));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Request line and headers; a Content-Length whenever there is a body or the method usually has one. */
    private byte[] requestHead(String method, String target, Map<String, String> headers, BackendBody body)
            throws IOException {
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(checkedName(header.getKey())).append(": ").append(checkedValue(header.getValue()))
                    .append("\r\n");
        }
        if (body.length() > 0 || method.equals("PUT") || method.equals("POST")) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(ISO_8859_1);
    }

    private static String checkedName(String name) throws IOException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') {
                throw new IOException("a header name to forward is not a token");
            }
        }
        return name;
    }

    private static String checkedValue(String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f || c > 0xff) {
                throw new IOException("a header value to forward has a control character");
            }
        }
        return value;
    }

    /** The Host header for this URI: the port only when it is not the scheme's default. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || uri.getScheme().equalsIgnoreCase("http") && port == 80
                || uri.getScheme().equalsIgnoreCase("https") && port == 443;
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "BackendClient[" + base + "]";
    }
}
