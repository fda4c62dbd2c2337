package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.internal.AmzDate;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.S3Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Verifies the SigV4 signature of an S3 request, header or presigned, by S3's rules rather than those of the Query
 * services:
 *
 * <ul>
 *   <li>the path is signed encoded once and never normalized;
 *   <li>the signature covers the {@code x-amz-content-sha256} value as sent, which header-signed requests must carry
 *       and presigned ones may (else {@code UNSIGNED-PAYLOAD}); the body itself is <em>not</em> read here: the caller
 *       streams it through {@code dev.lanyard.sigv4.streaming.S3Payload}, which verifies it against that value;
 *   <li>a header-signed request is refused with {@code RequestTimeTooSkewed} outside the skew window; a presigned URL
 *       must carry {@code X-Amz-Expires} and is good from {@code X-Amz-Date} (less the skew, for clocks running
 *       behind) until {@code X-Amz-Date + X-Amz-Expires}, at most seven days;
 *   <li>every {@code x-amz-*} header present must be signed ({@code x-amz-content-sha256} excepted: its value is
 *       signed as the payload hash), else {@code AccessDenied}, as S3 answers.
 * </ul>
 *
 * Thread-safe.
 */
public final class S3SigV4Verifier {
    public static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final InstantSource clock;
    private final SigningKeys signingKeys;

    public S3SigV4Verifier(InstantSource clock, SigningKeys signingKeys) {
        this.clock = requireNonNull(clock, "clock is null");
        this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
    }

    /**
     * Checks scope, time, signed headers and signature. {@code signed} must come from {@link SignedRequest#parse} of
     * this very {@code request}, whose body is ignored (pass the headers, with an empty body).
     *
     * @throws dev.lanyard.aws.S3Exception with S3's code: SignatureDoesNotMatch, RequestTimeTooSkewed, AccessDenied
     *     (expired presigned URL, unsigned {@code x-amz-*} header), AuthorizationHeaderMalformed or
     *     AuthorizationQueryParametersError (credential scope, missing X-Amz-Expires), InvalidRequest or InvalidArgument
     *     (missing or malformed {@code x-amz-content-sha256})
     */
    public VerifiedSignature verify(SignedRequest signed, HttpRequestParts request, SecretAccessKey secret) {
        requireNonNull(signed, "signed is null");
        requireNonNull(request, "request is null");
        requireNonNull(secret, "secret is null");
        String amzDate = AmzDate.format(signed.requestTime());
        checkScope(signed, amzDate);
        checkTime(signed);
        String payloadHash = payloadHash(signed, request);
        requireSignedAmzHeaders(signed, request);
        SigningKey key = signingKeys.cached(secret, signed.scopeDate(), signed.region(), signed.service());
        String canonical = CanonicalRequest.s3(request, signed.signedHeaders(), payloadHash);
        byte[] prefix = SigV4Verifier.stringToSignPrefix(amzDate, signed.credentialScope());
        byte[] canonicalHash = Crypto.hexBytes(Crypto.sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Mac mac = key.mac();
        mac.update(prefix);
        byte[] expected = Crypto.hexBytes(mac.doFinal(canonicalHash));
        if (!MessageDigest.isEqual(expected, signed.signature().getBytes(StandardCharsets.UTF_8))) {
            throw S3Errors.signatureMismatch("string to sign: " + new String(prefix, StandardCharsets.UTF_8)
                    .replace('\n', '|') + new String(canonicalHash, StandardCharsets.US_ASCII));
        }
        return new VerifiedSignature(signed, payloadHash, key);
    }

    private static void checkScope(SignedRequest signed, String amzDate) {
        if (!signed.terminator().equals(CanonicalRequest.TERMINATOR)) {
            throw S3Errors.incorrectTerminal(signed.terminator(), signed.presigned());
        }
        String scopeDate = signed.scopeDate();
        if (scopeDate.length() != 8 || !amzDate.startsWith(scopeDate)) {
            throw S3Errors.credentialDateMismatch(scopeDate, amzDate, signed.presigned());
        }
    }

    private void checkTime(SignedRequest signed) {
        // S3 prints and compares whole seconds, as X-Amz-Date has no fraction.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant requestTime = signed.requestTime();
        if (!signed.presigned()) {
            if (requestTime.isBefore(now.minus(ALLOWED_SKEW)) || requestTime.isAfter(now.plus(ALLOWED_SKEW))) {
                throw S3Errors.requestTimeTooSkewed(requestTime, now, ALLOWED_SKEW);
            }
            return;
        }
        Duration expires = signed.expires().orElseThrow(S3Errors::presignedWithoutExpires);
        Instant expiry = requestTime.plus(expires);
        if (requestTime.isAfter(now.plus(ALLOWED_SKEW))) {
            throw S3Errors.presignedNotYetValid(requestTime, expiry, now);
        }
        if (now.isAfter(expiry)) {
            throw S3Errors.presignedExpired(expires, expiry, now);
        }
    }

    /** The value the signature covers; a header-signed S3 request must declare it, a presigned one may. */
    static String payloadHash(SignedRequest signed, HttpRequestParts request) {
        List<String> values = request.headerValues(CONTENT_SHA256);
        if (values.isEmpty()) {
            if (signed.presigned()) {
                return UNSIGNED_PAYLOAD;
            }
            throw S3Errors.missingContentSha256();
        }
        String value = String.join(",", values);
        if (!isValidContentSha256(value)) {
            throw S3Errors.invalidContentSha256(value);
        }
        return value;
    }

    static boolean isValidContentSha256(String value) {
        return switch (value) {
            case UNSIGNED_PAYLOAD,
                    "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" -> true;
            default -> isHexSha256(value);
        };
    }

    private static boolean isHexSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!HexFormat.isHexDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * S3 refuses an {@code x-amz-*} header left out of SignedHeaders: it could otherwise be added after signing
     * ({@code x-amz-copy-source}, {@code x-amz-acl}, {@code x-amz-tagging}...) and change what the request does.
     */
    private static void requireSignedAmzHeaders(SignedRequest signed, HttpRequestParts request) {
        List<String> unsigned = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-") && !name.equals(CONTENT_SHA256)
                    && !signed.signedHeaders().contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw S3Errors.headersNotSigned(unsigned);
        }
    }

    @Override
    public String toString() {
        return "S3SigV4Verifier[skew=" + ALLOWED_SKEW + "]";
    }
}
