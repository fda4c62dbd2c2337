package dev.lanyard.cli;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** A minimal signed AWS Query client for the commands that drive a running Lanyard through its public API. */
final class QueryClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final SigV4Signer signer;
    private final Clock clock;

    QueryClient(URI endpoint, String accessKeyId, String secret, Optional<String> sessionToken, Clock clock) {
        this.endpoint = endpoint;
        this.signer = new SigV4Signer(accessKeyId, SecretAccessKey.of(secret), sessionToken);
        this.clock = clock;
    }

    /** An AWS error answered by the server: its code and message. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        ApiError(String code, String message) {
            super(code + ": " + message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    String call(String service, String version, String action, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", version);
        all.putAll(params);
        StringJoiner body = new StringJoiner("&");
        all.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        Map<String, String> signed = signer.signHeaders(new HttpRequestParts("POST", "/", "", headers, bytes),
                "us-east-1", service, clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        signed.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ApiError(element(response.body(), "Code"), element(response.body(), "Message"));
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        if (start < 0) {
            return "";
        }
        start += name.length() + 2;
        return xml.substring(start, xml.indexOf("</" + name + ">", start));
    }
}
