package dev.lanyard.sigv4;

import dev.lanyard.aws.SecretAccessKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests and credentials shared by the hand-written tests. */
final class Fixtures {
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SESSION_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    static final SecretAccessKey SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    static final String TOKEN = "FwoGZXIvYXdzEBYaDH+token/with=odd+chars";
    static final Instant NOW = Instant.parse("2026-11-23T19:00:05Z");
    static final String STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Fixtures() {}

    /** What botocore sends for an STS call. */
    static HttpRequestParts stsPost() {
        return new HttpRequestParts("POST", "/", "", Map.of(
                "Host", List.of("sts.example.test"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                STS_BODY.getBytes(StandardCharsets.UTF_8));
    }

    static SigV4Signer signer() {
        return new SigV4Signer(ACCESS_KEY_ID, SECRET, Optional.empty());
    }

    static SigV4Signer sessionSigner() {
        return new SigV4Signer(SESSION_KEY_ID, SECRET, Optional.of(TOKEN));
    }

    /** The request with the signer's headers added, as the server would receive it. */
    static HttpRequestParts withAdded(HttpRequestParts request, Map<String, String> added) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        added.forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    static HttpRequestParts signedStsPost(Instant time) {
        return withAdded(stsPost(), signer().signHeaders(stsPost(), "us-east-1", "sts", time));
    }

    static HttpRequestParts withHeader(HttpRequestParts request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    static HttpRequestParts withoutHeader(HttpRequestParts request, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name::equalsIgnoreCase);
        return new HttpRequestParts(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }
}
