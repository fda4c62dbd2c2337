package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests exactly as botocore 1.43 signed them (captured by {@code tools/capture_botocore.py} at its before-send
 * hook, clock pinned to {@link #SIGNED_AT}), so the benchmarks verify real client output rather than our own signer's.
 * The header set is the full one botocore sends, unsigned headers included, plus the Host header urllib3 adds.
 */
public final class BotocoreRequests {
    public static final Instant SIGNED_AT = Instant.parse("2025-11-23T12:00:00Z");
    public static final String HOST = "127.0.0.1:8955";
    public static final String GET_CALLER_IDENTITY = "Action=GetCallerIdentity&Version=2011-06-15";

    /** 225 seeded random bytes in Base64: 300 characters, the shape of a sealed plain session token. */
    public static final String SESSION_TOKEN = "pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p/tqg7ui5mX9cfCmZ/a/l"
            + "kyU81lSvTfrXFCegrrP+6SMvivIhH57kkcWxC+y1Vjv8Hm+TQn7LyP4pVeXNjkbcjtS3wnZNKlpNdncG+F2GkAJK1r2jQBvpyMvMyTX"
            + "2zR9hImrhUziuGjQATTO6DSRqwEyBsbryPjv57vX3nytJNK+H9VILablLDZguhbtVtnKocmN6zXRm/LYODo/xhGOw5LK6KXA0dPBk"
            + "rGj3APWwKz3GZvRb3qosyu3N";

    public static final String SESSION_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    public static final SecretAccessKey SESSION_SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    public static final String OTHER_SESSION_KEY_ID = "ASIAY34FZKBOKMUTVV7A";
    public static final SecretAccessKey OTHER_SESSION_SECRET =
            SecretAccessKey.of("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
    public static final String LONG_TERM_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final SecretAccessKey LONG_TERM_SECRET =
            SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static final String USER_AGENT = "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v657 md/arch#x86_64 "
            + "lang/python#3.11.7 md/pyimpl#CPython m/e,N,b,Z,D cfg/retry-mode#legacy";
    private static final String SCOPE = "/20251123/us-east-1/sts/aws4_request, SignedHeaders=";
    private static final String WITH_TOKEN = "content-type;host;x-amz-date;x-amz-security-token, Signature=";

    private BotocoreRequests() {}

    /** GetCallerIdentity signed with temporary credentials: the X-Amz-Security-Token header is signed. */
    public static HttpRequestParts sessionPost() {
        return post(SESSION_KEY_ID + SCOPE + WITH_TOKEN
                + "ff19364df91238e80fac6f78f40a5d52b31defb237b314268df7e6707e144a2a", true);
    }

    /** The same request under a second session key, so that two requests can miss a one-entry key cache in turn. */
    public static HttpRequestParts otherSessionPost() {
        return post(OTHER_SESSION_KEY_ID + SCOPE + WITH_TOKEN
                + "54fc2b27377d44f97cf8171136dc53cf6b0d023e6d7a16de198d93d90947f13e", true);
    }

    /** GetCallerIdentity signed with a long-term (AKIA) key: no token. */
    public static HttpRequestParts longTermPost() {
        return post(LONG_TERM_KEY_ID + SCOPE + "content-type;host;x-amz-date, Signature="
                + "4e54abf51a8598fdba161c188fbe9efa24220dfd8327b007cf872f88d0ee150c", false);
    }

    /** botocore's {@code generate_presigned_url('get_caller_identity', HttpMethod='GET', ExpiresIn=900)}. */
    public static HttpRequestParts presignedGet() {
        String query = GET_CALLER_IDENTITY + "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20251123%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Date=20251123T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=23627facfa00625d54b4d9ecd957d5ba3ed3ce6a8482c28b1fbcdcce917a4429";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(HOST));
        headers.put("User-Agent", List.of("wrk"));
        headers.put("Accept", List.of("*/*"));
        return new HttpRequestParts("GET", "/", query, headers);
    }

    /** The headers as an HTTP server hands them over, before the case-insensitive copy HttpRequestParts makes. */
    public static Map<String, List<String>> sessionPostWireHeaders() {
        return wireHeaders("AWS4-HMAC-SHA256 Credential=" + SESSION_KEY_ID + SCOPE + WITH_TOKEN
                + "ff19364df91238e80fac6f78f40a5d52b31defb237b314268df7e6707e144a2a", true);
    }

    public static byte[] getCallerIdentityBody() {
        return GET_CALLER_IDENTITY.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequestParts post(String credentialAndSignature, boolean withToken) {
        Map<String, List<String>> headers =
                wireHeaders("AWS4-HMAC-SHA256 Credential=" + credentialAndSignature, withToken);
        return new HttpRequestParts("POST", "/", "", headers, getCallerIdentityBody());
    }

    private static Map<String, List<String>> wireHeaders(String authorization, boolean withToken) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(HOST));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        headers.put("User-Agent", List.of(USER_AGENT));
        headers.put("X-Amz-Date", List.of("20251123T120000Z"));
        if (withToken) {
            headers.put("X-Amz-Security-Token", List.of(SESSION_TOKEN));
        }
        headers.put("Authorization", List.of(authorization));
        headers.put("amz-sdk-invocation-id", List.of("eae85977-f47f-412d-ac9e-d93105b64c81"));
        headers.put("amz-sdk-request", List.of("attempt=1"));
        headers.put("Content-Length", List.of("43"));
        return headers;
    }
}
