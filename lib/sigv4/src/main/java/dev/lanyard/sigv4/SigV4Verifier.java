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
import java.util.List;
import javax.crypto.Mac;

/**
 * Verifies SigV4 signatures (Authorization header and presigned URLs): credential scope, time window, payload hash
 * and, last, the signature itself in constant time. Thread-safe.
 *
 * <p>Only signed bytes may carry meaning, so the payload hash is always the SHA-256 of the body received
 * ({@link PayloadSigning#REQUIRED}, unless a verifier for an S3-style service opts in to {@code UNSIGNED-PAYLOAD}),
 * and a presigned request lives as long as {@link PresignedLifetime} says. A presigned URL whose X-Amz-Security-Token
 * was appended after signing (the form aws-c-auth produces with {@code omit_session_token}, used by IoT) is accepted:
 * the token is then unsigned, exactly as an unsigned X-Amz-Security-Token header is, and the caller validates it
 * against the access key either way.
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
    private final PayloadSigning payloadSigning;

    /** Skew window 15 minutes. */
    public SigV4Verifier(InstantSource clock) {
        this(clock, DEFAULT_ALLOWED_SKEW);
    }

    public SigV4Verifier(InstantSource clock, Duration allowedSkew) {
        this(clock, allowedSkew, new SigningKeys(DEFAULT_SIGNING_KEY_CACHE_SIZE), true);
    }

    /** @param normalizePath false only for S3-style services that sign the path without normalizing it */
    public SigV4Verifier(InstantSource clock, Duration allowedSkew, SigningKeys signingKeys, boolean normalizePath) {
        this(clock, allowedSkew, signingKeys, normalizePath, PayloadSigning.REQUIRED);
    }

    /**
     * @param normalizePath false only for S3-style services that sign the path without normalizing it
     * @param payloadSigning {@link PayloadSigning#UNSIGNED_ALLOWED} only for services where AWS accepts it
     */
    public SigV4Verifier(InstantSource clock, Duration allowedSkew, SigningKeys signingKeys, boolean normalizePath,
            PayloadSigning payloadSigning) {
        this.payloadSigning = requireNonNull(payloadSigning, "payloadSigning is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.allowedSkew = requireNonNull(allowedSkew, "allowedSkew is null");
        this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew is negative: " + allowedSkew);
        }
        this.normalizePath = normalizePath;
    }

    /**
     * Checks scope, time window and signature; a presigned request lives {@link PresignedLifetime#EXPIRES}.
     * {@code signed} must come from {@link SignedRequest#parse} of this very {@code request}.
     *
     * @throws dev.lanyard.aws.AwsException SignatureDoesNotMatch on any failure, RequestExpired for a presigned request
     *     past its X-Amz-Expires
     */
    public VerifiedSignature verify(SignedRequest signed, HttpRequestParts request, SecretAccessKey secret) {
        return verify(signed, request, secret, PresignedLifetime.EXPIRES);
    }

    /** As {@link #verify(SignedRequest, HttpRequestParts, SecretAccessKey)}, with a presigned request's lifetime. */
    public VerifiedSignature verify(SignedRequest signed, HttpRequestParts request, SecretAccessKey secret,
            PresignedLifetime lifetime) {
        requireNonNull(signed, "signed is null");
        requireNonNull(request, "request is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(lifetime, "lifetime is null");
        String amzDate = AmzDate.format(signed.requestTime());
        checkScope(signed, amzDate);
        checkTime(signed, lifetime);
        // One digest for the body and every canonical request: digest() leaves it reset for the next.
        MessageDigest sha256 = Crypto.sha256();
        return verifySignature(signed, request, secret, amzDate, sha256, payloadHash(request, sha256, payloadSigning));
    }

    /**
     * As {@link #verify(SignedRequest, HttpRequestParts, SecretAccessKey, PresignedLifetime)} for a request whose body
     * another party received and hashed: {@code bodySha256} (lowercase hex) stands for the body, and a declared
     * {@code x-amz-content-sha256} must equal it. The body of {@code request} is ignored.
     */
    public VerifiedSignature verifyHashed(SignedRequest signed, HttpRequestParts request, String bodySha256,
            SecretAccessKey secret, PresignedLifetime lifetime) {
        requireNonNull(signed, "signed is null");
        requireNonNull(request, "request is null");
        requireNonNull(bodySha256, "bodySha256 is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(lifetime, "lifetime is null");
        if (!isHexSha256(bodySha256)) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + bodySha256);
        }
        String amzDate = AmzDate.format(signed.requestTime());
        checkScope(signed, amzDate);
        checkTime(signed, lifetime);
        return verifySignature(signed, request, secret, amzDate, Crypto.sha256(),
                declaredOrGiven(request, bodySha256));
    }

    /** Whether {@code text} is a SHA-256 as SigV4 writes it: 64 lowercase hex digits. */
    public static boolean isHexSha256(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private String declaredOrGiven(HttpRequestParts request, String bodySha256) {
        List<String> declared = request.headerValues(CONTENT_SHA256);
        if (declared.isEmpty()) {
            return bodySha256;
        }
        if (declared.size() == 1 && declared.getFirst().equals(UNSIGNED_PAYLOAD)) {
            throw SigV4Errors.signatureMismatch("UNSIGNED-PAYLOAD is not accepted: this service verifies the"
                    + " SHA-256 of the body received");
        }
        if (declared.size() > 1 || !declared.getFirst().equalsIgnoreCase(bodySha256)) {
            throw SigV4Errors.payloadHashMismatch();
        }
        return declared.getFirst();
    }

    private VerifiedSignature verifySignature(SignedRequest signed, HttpRequestParts request, SecretAccessKey secret,
            String amzDate, MessageDigest sha256, String payloadHash) {
        SigningKey key = signingKeys.cached(secret, signed.scopeDate(), signed.region(), signed.service());
        Attempts attempts = new Attempts(sha256, key.mac(), stringToSignPrefix(amzDate, signed.credentialScope()),
                signed.signature().getBytes(StandardCharsets.UTF_8));
        if (attempts.matches(canonicalRequest(signed, request, payloadHash, false))) {
            return new VerifiedSignature(signed, payloadHash, key);
        }
        if (tokenMayBeUnsigned(signed, request)
                && attempts.matches(canonicalRequest(signed, request, payloadHash, true))) {
            return new VerifiedSignature(signed, payloadHash, key);
        }
        // S3 presigners sign UNSIGNED-PAYLOAD without declaring it anywhere.
        if (payloadSigning == PayloadSigning.UNSIGNED_ALLOWED && signed.presigned()
                && request.headerValues(CONTENT_SHA256).isEmpty()
                && attempts.matches(canonicalRequest(signed, request, UNSIGNED_PAYLOAD, false))) {
            return new VerifiedSignature(signed, UNSIGNED_PAYLOAD, key);
        }
        throw SigV4Errors.signatureMismatch("string to sign: " + attempts.firstStringToSign().replace('\n', '|'));
    }

    private void checkScope(SignedRequest signed, String amzDate) {
        if (!signed.terminator().equals(CanonicalRequest.TERMINATOR)) {
            throw SigV4Errors.badTerminator(signed.terminator());
        }
        String scopeDate = signed.scopeDate();
        if (scopeDate.length() != 8 || !amzDate.startsWith(scopeDate)) {
            throw SigV4Errors.scopeDateMismatch(signed.scopeDate(), amzDate);
        }
    }

    private void checkTime(SignedRequest signed, PresignedLifetime lifetime) {
        Instant requestTime = signed.requestTime();
        // AWS prints and compares whole seconds; X-Amz-Date has no fraction either.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (requestTime.isBefore(now.minus(allowedSkew))) {
            throw SigV4Errors.expired(requestTime, now, allowedSkew);
        }
        if (requestTime.isAfter(now.plus(allowedSkew))) {
            throw SigV4Errors.notYetCurrent(requestTime, now, allowedSkew);
        }
        if (signed.presigned() && lifetime == PresignedLifetime.EXPIRES && signed.expires().isPresent()
                && now.isAfter(requestTime.plus(signed.expires().get()))) {
            throw SigV4Errors.requestExpired(requestTime, signed.expires().get(), now);
        }
    }

    /**
     * The SHA-256 of the body, or the declared x-amz-content-sha256, which must then match the body: a signed
     * declared hash would otherwise let the body be swapped. UNSIGNED-PAYLOAD is taken at its word only where
     * {@code payloadSigning} allows it; elsewhere the verification fails as AWS's does (it hashes the body itself).
     */
    static String payloadHash(HttpRequestParts request, MessageDigest sha256, PayloadSigning payloadSigning) {
        List<String> declared = request.headerValues(CONTENT_SHA256);
        if (declared.isEmpty()) {
            return bodyHash(request.body(), sha256);
        }
        String value = declared.getFirst();
        if (declared.size() > 1) {
            throw SigV4Errors.payloadHashMismatch();
        }
        if (value.equals(UNSIGNED_PAYLOAD)) {
            if (payloadSigning == PayloadSigning.UNSIGNED_ALLOWED) {
                return value;
            }
            throw SigV4Errors.signatureMismatch("UNSIGNED-PAYLOAD is not accepted: this service verifies the"
                    + " SHA-256 of the body received");
        }
        if (!value.equalsIgnoreCase(bodyHash(request.body(), sha256))) {
            throw SigV4Errors.payloadHashMismatch();
        }
        return value;
    }

    private static String bodyHash(byte[] body, MessageDigest sha256) {
        return body.length == 0 ? Crypto.EMPTY_SHA256 : Crypto.hex(sha256.digest(body));
    }

    private String canonicalRequest(
            SignedRequest signed, HttpRequestParts request, String payloadHash, boolean excludeToken) {
        return CanonicalRequest.of(request, signed.signedHeaders(), payloadHash, normalizePath, excludeToken);
    }

    /** {@code AWS4-HMAC-SHA256\n<amz date>\n<scope>\n}: what every attempt's string to sign starts with. */
    static byte[] stringToSignPrefix(String amzDate, String scope) {
        return (CanonicalRequest.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n').getBytes(StandardCharsets.UTF_8);
    }

    private static boolean tokenMayBeUnsigned(SignedRequest signed, HttpRequestParts request) {
        return signed.presigned()
                && signed.securityToken().isPresent()
                && request.rawQuery().contains(QueryCanonicalizer.SECURITY_TOKEN_PARAM);
    }

    /**
     * The candidate canonical requests of one verification, each checked against the provided signature in constant
     * time; they share one digest and one Mac (both reset when they finish) and the string to sign up to its last
     * line.
     */
    private static final class Attempts {
        private final MessageDigest sha256;
        private final Mac mac;
        private final byte[] stringToSignPrefix;
        private final byte[] provided;
        private byte[] firstCanonicalHash;

        Attempts(MessageDigest sha256, Mac mac, byte[] stringToSignPrefix, byte[] provided) {
            this.sha256 = sha256;
            this.mac = mac;
            this.stringToSignPrefix = stringToSignPrefix;
            this.provided = provided;
        }

        boolean matches(String canonicalRequest) {
            byte[] canonicalBytes = canonicalRequest.getBytes(StandardCharsets.UTF_8);
            byte[] canonicalHash = Crypto.hexBytes(sha256.digest(canonicalBytes));
            if (firstCanonicalHash == null) {
                firstCanonicalHash = canonicalHash;
            }
            mac.update(stringToSignPrefix);
            byte[] expected = Crypto.hexBytes(mac.doFinal(canonicalHash));
            return MessageDigest.isEqual(expected, provided);
        }

        /** For the operator's log line when nothing matched. */
        String firstStringToSign() {
            return new String(stringToSignPrefix, StandardCharsets.UTF_8)
                    + new String(firstCanonicalHash, StandardCharsets.US_ASCII);
        }
    }
}
