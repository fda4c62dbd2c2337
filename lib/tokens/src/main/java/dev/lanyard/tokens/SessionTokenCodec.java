package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.tokens.internal.ByteWriter;
import dev.lanyard.tokens.internal.CipherPool;
import dev.lanyard.tokens.internal.ClaimsEncoding;
import dev.lanyard.tokens.internal.MalformedDataException;
import dev.lanyard.tokens.internal.PolicyPacking;
import dev.lanyard.tokens.internal.StrictBase64;
import dev.lanyard.tokens.internal.TokenEnvelope;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Seals {@link SessionClaims} into a stateless session token and unseals them again. Thread-safe.
 *
 * <p>Token: standard Base64 (with padding) of {@code version (1) || keyId (4) || nonce (12) || AES-256-GCM(body) ||
 * tag (16)}, with the first 17 bytes and the access key id's ASCII bytes as associated data. The body is the compact
 * binary layout described in {@code internal.ClaimsFormat}.
 *
 * <p><b>Security guarantees.</b> Confidentiality and integrity of every claim (the session secret included) under
 * the keyset; a token only opens next to the access key id it was issued with; tokens sealed by a pruned or DISABLED
 * key are refused. Expiry is <em>not</em> checked here: the caller compares {@link SessionClaims#expiresAt()} with its
 * clock so that it can answer {@code ExpiredToken}. Every other failure is one {@link TokenRejectedException} whose
 * reason is for logs only.
 *
 * <p><b>Nonces and keys.</b> Each token is encrypted directly under the keyset key with a random 96-bit nonce; no
 * per-token key is derived. With n tokens sealed under one key, the chance that two share a nonce is about
 * n<sup>2</sup>/2<sup>97</sup>: below 2<sup>-32</sup> up to n = 2<sup>32</sup> tokens (NIST SP 800-38D's limit), and
 * about 4·10<sup>-11</sup> for 1,000 tokens per second sustained over a 30-day rotation period. Rotation bounds n, so
 * an HKDF step per token (two HMACs and a second key schedule on every authenticated request) would buy nothing at our
 * volume. Keep the rotation period at or under 30 days if issuance ever approaches 1,000 tokens per second.
 */
public final class SessionTokenCodec {
    public static final int MAX_TOKEN_LENGTH = 4096;
    /** The packed size (policy, policy ARNs, tags) that {@link #packedPolicyPercent} reports as 100%. */
    public static final int PACKED_POLICY_ALLOWANCE_BYTES = 2048;

    private final Supplier<TokenKeyset> keyset;
    private final SecureRandom rnd;
    /** Reused AES/GCM ciphers: a fresh one per token would double the cost of an unseal. */
    private final CipherPool ciphers = CipherPool.forAvailableProcessors();

    /** {@code keyset} is read on every call, so a rotated keyset takes effect at once. */
    public SessionTokenCodec(Supplier<TokenKeyset> keyset, SecureRandom rnd) {
        this.keyset = requireNonNull(keyset, "keyset is null");
        this.rnd = requireNonNull(rnd, "rnd is null");
    }

    /**
     * Seals {@code claims} under the keyset's primary key, bound to {@code accessKeyId}.
     *
     * @throws TokenTooLargeException if the token would exceed {@link #MAX_TOKEN_LENGTH} characters
     * @throws IllegalArgumentException if a string is not well-formed UTF-16 or the inline policy exceeds 64 KiB
     */
    public String seal(SessionClaims claims, AccessKeyId accessKeyId) {
        requireNonNull(claims, "claims is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        ByteWriter body = ClaimsEncoding.encode(claims);
        int tokenLength = StrictBase64.encodedLength(TokenEnvelope.sealedLength(body.size()));
        if (tokenLength > MAX_TOKEN_LENGTH) {
            throw new TokenTooLargeException(tokenLength);
        }
        byte[] token = TokenEnvelope.seal(keyset.get().primary(), body.array(), body.size(), accessKeyId, rnd,
                ciphers);
        return Base64.getEncoder().encodeToString(token);
    }

    /**
     * Opens a token presented with {@code accessKeyId}. Does not check expiry.
     *
     * @throws TokenRejectedException for any token that is not exactly one this keyset sealed for this access key id
     */
    public SessionClaims unseal(String token, AccessKeyId accessKeyId) {
        requireNonNull(token, "token is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException(TokenRejectionReason.MALFORMED);
        }
        byte[] bytes;
        try {
            bytes = StrictBase64.decode(token);
        } catch (MalformedDataException e) {
            throw new TokenRejectedException(TokenRejectionReason.MALFORMED);
        }
        byte[] body = TokenEnvelope.open(bytes, keyset.get(), accessKeyId, ciphers);
        try {
            return ClaimsEncoding.decode(body, 0, body.length);
        } catch (MalformedDataException e) {
            throw new TokenRejectedException(TokenRejectionReason.BODY_INVALID);
        }
    }

    /**
     * {@code PackedPolicySize}: the bytes the session policies and tags take in a token, as a percentage (rounded up)
     * of {@link #PACKED_POLICY_ALLOWANCE_BYTES}. Above 100 the caller answers {@code PackedPolicyTooLarge}. Whether a
     * tag is transitive does not change the size, as in AWS.
     */
    public static int packedPolicyPercent(Optional<String> inlinePolicy, List<String> policyArns,
                                          List<SessionTag> tags) {
        long bytes = packedPolicyBytes(inlinePolicy, policyArns, tags);
        return (int) Math.min(Integer.MAX_VALUE,
                (bytes * 100 + PACKED_POLICY_ALLOWANCE_BYTES - 1) / PACKED_POLICY_ALLOWANCE_BYTES);
    }

    /** The bytes the inline policy (compressed when that helps), the policy ARNs and the tags take in the body. */
    public static long packedPolicyBytes(Optional<String> inlinePolicy, List<String> policyArns,
                                         List<SessionTag> tags) {
        requireNonNull(inlinePolicy, "inlinePolicy is null");
        requireNonNull(policyArns, "policyArns is null");
        requireNonNull(tags, "tags is null");
        long bytes = inlinePolicy.map(PolicyPacking::encodedSize).orElse(0);
        for (String arn : policyArns) {
            bytes += stringSize(arn);
        }
        for (SessionTag tag : tags) {
            bytes += stringSize(tag.key()) + stringSize(tag.value());
        }
        return bytes;
    }

    private static int stringSize(String value) {
        int length = ByteWriter.utf8(value).length;
        return ByteWriter.varIntSize(length) + length;
    }
}
