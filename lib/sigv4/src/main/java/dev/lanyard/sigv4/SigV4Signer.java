package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.internal.AmzDate;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.PathCanonicalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Client-side SigV4: for tests, the load generator and presigned URLs. Thread-safe. */
public final class SigV4Signer {
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    private final String accessKeyId;
    private final SecretAccessKey secret;
    private final Optional<String> sessionToken;
    private final SigningKeys signingKeys = new SigningKeys(64);

    public SigV4Signer(String accessKeyId, SecretAccessKey secret, Optional<String> sessionToken) {
        this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.sessionToken = requireNonNull(sessionToken, "sessionToken is null");
    }

    /**
     * The headers to add, in this order: X-Amz-Security-Token (if any), X-Amz-Date, Authorization. Signs host,
     * x-amz-date, content-type if present and x-amz-security-token. The request must carry a Host header. A request
     * that declares {@code x-amz-content-sha256} is signed for that value rather than for its body's hash.
     */
    public Map<String, String> signHeaders(HttpRequestParts request, String region, String service, Instant time) {
        return signHeaders(request, region, service, time, SigningOptions.defaults());
    }

    /** As {@link #signHeaders(HttpRequestParts, String, String, Instant)}, plus the options' headers. */
    public Map<String, String> signHeaders(
            HttpRequestParts request, String region, String service, Instant time, SigningOptions options) {
        requireHost(request);
        String amzDate = AmzDate.format(time);
        Map<String, String> added = new LinkedHashMap<>();
        TreeSet<String> signed = new TreeSet<>(options.extraSignedHeaders());
        signed.add("host");
        signed.add("x-amz-date");
        sessionToken.ifPresent(token -> added.put("X-Amz-Security-Token", token));
        if (sessionToken.isPresent() && options.signSessionToken()) {
            signed.add("x-amz-security-token");
        }
        added.put("X-Amz-Date", amzDate);
        Optional<String> declared = request.header(CONTENT_SHA256);
        String payloadHash = declared.orElseGet(() -> Crypto.sha256Hex(request.body()));
        if (options.addContentSha256Header()) {
            if (declared.isEmpty()) {
                added.put(CONTENT_SHA256, payloadHash);
            }
            signed.add(CONTENT_SHA256);
        }
        if (request.header("content-type").isPresent()) {
            signed.add("content-type");
        }
        List<String> signedHeaders = List.copyOf(signed);
        String scope = CanonicalRequest.scope(amzDate.substring(0, 8), region, service);
        String canonical = canonicalRequest(request.withHeaders(added), signedHeaders, payloadHash, options);
        String signature = sign(time, scope, canonical, region, service);
        added.put("Authorization", CanonicalRequest.ALGORITHM + " Credential=" + accessKeyId + '/' + scope
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
        return Collections.unmodifiableMap(added);
    }

    /** The full raw query of a presigned URL: the existing query, then X-Amz-* parameters ending in X-Amz-Signature. */
    public String presignQuery(
            HttpRequestParts request, String region, String service, Instant time, Duration expires) {
        return presignQuery(request, region, service, time, expires, SigningOptions.defaults());
    }

    /**
     * As {@link #presignQuery(HttpRequestParts, String, String, Instant, Duration)}; signs host and the options' extra
     * headers. {@code expires} must be whole seconds from 1 to 604800.
     */
    public String presignQuery(HttpRequestParts request, String region, String service, Instant time, Duration expires,
            SigningOptions options) {
        requireHost(request);
        long seconds = expiresSeconds(expires);
        String amzDate = AmzDate.format(time);
        String scope = CanonicalRequest.scope(amzDate.substring(0, 8), region, service);
        TreeSet<String> signed = new TreeSet<>(options.extraSignedHeaders());
        signed.add("host");
        List<String> signedHeaders = List.copyOf(signed);
        StringBuilder query = new StringBuilder(request.rawQuery());
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append("X-Amz-Algorithm=").append(CanonicalRequest.ALGORITHM)
                .append("&X-Amz-Credential=").append(PercentEncoding.encode(accessKeyId + '/' + scope, false))
                .append("&X-Amz-Date=").append(amzDate)
                .append("&X-Amz-SignedHeaders=").append(PercentEncoding.encode(String.join(";", signedHeaders), false))
                .append("&X-Amz-Expires=").append(seconds);
        String tokenParameter = sessionToken.map(t -> "&X-Amz-Security-Token=" + PercentEncoding.encode(t, false))
                .orElse("");
        String signedQuery = query + (options.signSessionToken() ? tokenParameter : "");
        String payloadHash = request.header(CONTENT_SHA256).orElseGet(() -> options.presignUnsignedPayload()
                ? UNSIGNED_PAYLOAD
                : Crypto.sha256Hex(request.body()));
        String canonical = canonicalRequest(request.withRawQuery(signedQuery), signedHeaders, payloadHash, options);
        String signature = sign(time, scope, canonical, region, service);
        return query.append(tokenParameter).append("&X-Amz-Signature=").append(signature).toString();
    }

    private static String canonicalRequest(
            HttpRequestParts request, List<String> signedHeaders, String payloadHash, SigningOptions options) {
        String path = PathCanonicalizer.canonicalPath(
                request.rawPath(), options.normalizePath(), options.doubleEncodePath());
        return CanonicalRequest.of(request, signedHeaders, payloadHash, path, false);
    }

    private String sign(Instant time, String scope, String canonical, String region, String service) {
        String stringToSign = CanonicalRequest.stringToSign(time, scope, canonical);
        String date = AmzDate.format(time).substring(0, 8);
        return Crypto.hex(Crypto.hmacSha256(signingKeys.signingKeySpec(secret, date, region, service), stringToSign));
    }

    private static void requireHost(HttpRequestParts request) {
        if (request.header("host").isEmpty() && request.header(":authority").isEmpty()) {
            throw new IllegalArgumentException("the request has no Host header to sign");
        }
    }

    private static long expiresSeconds(Duration expires) {
        long seconds = expires.getSeconds();
        if (expires.getNano() != 0 || seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires must be whole seconds from 1 to 604800: " + expires);
        }
        return seconds;
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + accessKeyId + ", secret=[REDACTED]]";
    }
}
