package dev.lanyard.e2e;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built requests for what SDKs never send: bad bytes, odd methods, skewed clocks, forged tokens. */
final class RawHttpClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestServer server;

    RawHttpClient(TestServer server) {
        this.server = server;
    }

    HttpResponse<String> send(String method, String query, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"
                + (query.isEmpty() ? "" : "?" + query)));
        headers.forEach(builder::header);
        builder.method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form POST signed like botocore does, at the given time, with optional session token. */
    HttpResponse<String> signedPost(byte[] body, String keyId, String secret, Optional<String> token, Instant at,
            Map<String, String> extraHeaders) {
        return signedPost(body, keyId, secret, token, at, extraHeaders, "sts");
    }

    /** As above, with the credential scope of another service (iam). */
    HttpResponse<String> signedPost(byte[] body, String keyId, String secret, Optional<String> token, Instant at,
            Map<String, String> extraHeaders, String service) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:" + server.port()));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        HttpRequestParts parts = new HttpRequestParts("POST", "/", "", headers, body);
        Map<String, String> signed = new SigV4Signer(keyId, SecretAccessKey.of(secret), token)
                .signHeaders(parts, "us-east-1", service, at);
        Map<String, String> all = new LinkedHashMap<>(extraHeaders);
        all.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        all.putAll(signed);
        return send("POST", "", body, all);
    }

    HttpResponse<String> signedPost(String body, Instant at) {
        var creds = server.rootCredentials();
        return signedPost(body.getBytes(StandardCharsets.UTF_8), creds.get(0), creds.get(1), Optional.empty(), at,
                Map.of());
    }
}
