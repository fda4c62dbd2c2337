package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.internal.AmzDate;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.QueryCanonicalizer;
import dev.lanyard.sigv4.internal.SigV4Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies SigV4 signatures (Authorization header and presigned URLs): credential scope, time window, payload hash
 * and, last, the signature itself in constant time. Thread-safe.
 *
 * <p>Presigned URLs get the same skew window as headers and X-Amz-Expires is not enforced, as STS does (EKS-style
 * tokens rely on it). A presigned URL whose X-Amz-Security-Token was appended after signing (the form aws-c-auth
 * produces with {@code omit_session_token}, used by IoT) is accepted too: the token is then unsigned, exactly as an
 * unsigned X-Amz-Security-Token header is, and the caller validates it against the access key either way.
 */
public final class SigV4Verifier {
    public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofMinutes(15);
    public static final int DEFAULT_SIGNING_KEY_CACHE_SIZE = 10_000;
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final InstantSource clock;
    private final Duration allowedSkew;
    private final SigningKeys signingKeys;
    private final boolean normalizePath;

    /** Skew window 15 minutes. */
    public SigV4Verifier(InstantSource clock) {
        this(clock, DEFAULT_ALLOWED_SKEW);
    }

    public SigV4Verifier(InstantSource clock, Duration allowedSkew) {
        this(clock, allowedSkew, new SigningKeys(DEFAULT_SIGNING_KEY_CACHE_SIZE), true);
    }

    /** @param normalizePath false only for S3-style services that sign the path without normalizing it */
    public SigV4Verifier(InstantSource clock, Duration allowedSkew, SigningKeys signingKeys, boolean normalizePath) {
        this.clock = requireNonNull(clock, "clock is null");
        this.allowedSkew = requireNonNull(allowedSkew, "allowedSkew is null");
        this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew is negative: " + allowedSkew);
        }
        this.normalizePath = normalizePath;
    }

    /**
     * Checks scope, time window and signature. {@code signed} must come from {@link SignedRequest#parse} of this very
     * {@code request}.
     *
     * @throws dev.lanyard.aws.AwsException SignatureDoesNotMatch on any failure
     */
    public VerifiedSignature verify(SignedRequest signed, HttpRequestParts request, SecretAccessKey secret) {
        requireNonNull(signed, "signed is null");
        requireNonNull(request, "request is null");
        requireNonNull(secret, "secret is null");
        String amzDate = AmzDate.format(signed.requestTime());
        checkScope(signed, amzDate);
        checkTime(signed.requestTime());
        String payloadHash = payloadHash(request);
        SecretKeySpec key = signingKeys.signingKeySpec(secret, signed.scopeDate(), signed.region(), signed.service());
        String scope = signed.credentialScope();
        String stringToSign = stringToSign(signed, request, payloadHash, amzDate, scope, false);
        if (matches(key, stringToSign, signed.signature())) {
            return new VerifiedSignature(signed);
        }
        if (tokenMayBeUnsigned(signed, request)
                && matches(key, stringToSign(signed, request, payloadHash, amzDate, scope, true), signed.signature())) {
            return new VerifiedSignature(signed);
        }
        // botocore presigns every URL with UNSIGNED-PAYLOAD; with an empty body nothing is left unsigned by it.
        if (signed.presigned() && request.body().length == 0 && matches(key,
                stringToSign(signed, request, UNSIGNED_PAYLOAD, amzDate, scope, false), signed.signature())) {
            return new VerifiedSignature(signed);
        }
        throw SigV4Errors.signatureMismatch("string to sign: " + stringToSign.replace('\n', '|'));
    }

    private void checkScope(SignedRequest signed, String amzDate) {
        if (!signed.terminator().equals(CanonicalRequest.TERMINATOR)) {
            throw SigV4Errors.badTerminator(signed.terminator());
        }
        if (!signed.scopeDate().equals(amzDate.substring(0, 8))) {
            throw SigV4Errors.scopeDateMismatch(signed.scopeDate(), amzDate);
        }
    }

    private void checkTime(Instant requestTime) {
        // AWS prints and compares whole seconds; X-Amz-Date has no fraction either.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (requestTime.isBefore(now.minus(allowedSkew))) {
            throw SigV4Errors.expired(requestTime, now, allowedSkew);
        }
        if (requestTime.isAfter(now.plus(allowedSkew))) {
            throw SigV4Errors.notYetCurrent(requestTime, now, allowedSkew);
        }
    }

    /**
     * The body's hash, or the declared x-amz-content-sha256, which must then match the body: a signed declared hash
     * would otherwise let the body be swapped. UNSIGNED-PAYLOAD is taken at its word.
     */
    static String payloadHash(HttpRequestParts request) {
        Optional<String> declared = request.header(CONTENT_SHA256);
        if (declared.isEmpty()) {
            return Crypto.sha256Hex(request.body());
        }
        String value = declared.get();
        if (value.equals(UNSIGNED_PAYLOAD)) {
            return value;
        }
        if (!value.equalsIgnoreCase(Crypto.sha256Hex(request.body()))) {
            throw SigV4Errors.payloadHashMismatch();
        }
        return value;
    }

    private String stringToSign(SignedRequest signed, HttpRequestParts request, String payloadHash, String amzDate,
            String scope, boolean excludeToken) {
        String canonical = CanonicalRequest.of(request, signed.signedHeaders(), payloadHash, normalizePath, excludeToken);
        return CanonicalRequest.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + Crypto.sha256Hex(canonical);
    }

    private static boolean tokenMayBeUnsigned(SignedRequest signed, HttpRequestParts request) {
        return signed.presigned()
                && signed.securityToken().isPresent()
                && request.rawQuery().contains(QueryCanonicalizer.SECURITY_TOKEN_PARAM);
    }

    private static boolean matches(SecretKeySpec key, String stringToSign, String provided) {
        byte[] expected = Crypto.hex(Crypto.hmacSha256(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, provided.getBytes(StandardCharsets.UTF_8));
    }
}
