package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sends requests to the backend path-style, signed with the backend's own key for an unsigned payload (the gateway
 * verified the client's payload itself, and releases its last byte only once it passed), and hands back the answer
 * as a stream.
 */
final class BackendClient implements AutoCloseable {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Headers the JDK client sets itself from the URI and the body publisher. */
    private static final List<String> SET_BY_CLIENT = List.of("host", "content-length");

    private final URI base;
    private final String hostHeader;
    private final String region;
    private final SigV4Signer signer;
    private final Clock clock;
    private final HttpClient http;

    BackendClient(URI backend, BackendCredentials credentials, String region, Clock clock) {
        this.base = requireNonNull(backend, "backend is null");
        this.hostHeader = hostHeader(backend);
        this.region = requireNonNull(region, "region is null");
        this.signer = new SigV4Signer(credentials.accessKeyId(), credentials.secretAccessKey(), Optional.empty());
        this.clock = requireNonNull(clock, "clock is null");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param rawPath the canonical path-style path, already encoded
     * @param rawQuery the canonical query, already encoded; "" for none
     * @param headers what to forward (no Host, Content-Length or authentication headers)
     */
    HttpResponse<InputStream> send(String method, String rawPath, String rawQuery, Map<String, String> headers,
            HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
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
        Map<String, String> added = signer.signHeaders(new HttpRequestParts(method, rawPath, rawQuery, toSign),
                region, "s3", clock.instant(), SigningOptions.s3().withExtraSignedHeaders(signed.toArray(String[]::new)));
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + rawPath
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body)
                .timeout(Duration.ofMinutes(15));
        forwarded.forEach(request::header);
        added.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException e) {
            throw new IOException("the backend request is not valid: " + e.getMessage(), e);
        }
    }

    /** The Host header the JDK client sends for this URI: the port only when it is not the scheme's default. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || uri.getScheme().equalsIgnoreCase("http") && port == 80
                || uri.getScheme().equalsIgnoreCase("https") && port == 443;
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "BackendClient[" + base + "]";
    }
}
