package dev.lanyard.bench;

import dev.lanyard.sigv4.CanonicalRequest;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare cryptography each hot path cannot avoid, on byte arrays prepared in advance and with JCA instances reused
 * (no getInstance, no string building): the gap between a path and its floor is what our code adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class CryptoFloorBenchmark {
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Mac mac;
    private MessageDigest sha256;
    private byte[] secretKey;
    private byte[][] scopeParts;
    private SecretKeySpec signingKey;
    private byte[] canonicalRequest;
    private byte[] stringToSign;
    private SecureRandom secureRandom;

    @Setup
    public void setUp() throws GeneralSecurityException {
        mac = Mac.getInstance("HmacSHA256");
        sha256 = MessageDigest.getInstance("SHA-256");
        secretKey = ("AWS4" + BotocoreRequests.SESSION_SECRET.reveal()).getBytes(StandardCharsets.UTF_8);
        scopeParts = new byte[][] {ascii("20251123"), ascii("us-east-1"), ascii("sts"), ascii("aws4_request")};
        signingKey = new SecretKeySpec(deriveSigningKey(), "HmacSHA256");
        HttpRequestParts request = BotocoreRequests.sessionPost();
        SignedRequest signed = SignedRequest.parse(request).orElseThrow();
        String payloadHash = HexFormat.of().formatHex(sha256.digest(request.body()));
        String canonical = CanonicalRequest.of(request, signed.signedHeaders(), payloadHash, true);
        canonicalRequest = canonical.getBytes(StandardCharsets.UTF_8);
        stringToSign = ascii(CanonicalRequest.stringToSign(signed.requestTime(), signed.credentialScope(), canonical));
        secureRandom = new SecureRandom();
    }

    /** What verifying costs when the signing key is not cached: 4 HMACs, SHA-256 of the canonical request, 1 HMAC. */
    @Benchmark
    public byte[] sigv4FullChain() throws GeneralSecurityException {
        byte[] key = deriveSigningKey();
        putHexDigest(sha256.digest(canonicalRequest));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(stringToSign);
    }

    /** What verifying costs with the signing key cached: SHA-256 of the canonical request and one HMAC. */
    @Benchmark
    public byte[] sigv4CachedKey() throws GeneralSecurityException {
        putHexDigest(sha256.digest(canonicalRequest));
        mac.init(signingKey);
        return mac.doFinal(stringToSign);
    }

    /** AES-256-GCM encryption of a session body (a fresh counter nonce each call, as GCM requires). */
    @Benchmark
    public byte[] aesGcmEncrypt(Aes aes) throws GeneralSecurityException {
        return aes.encrypt();
    }

    /** AES-256-GCM decryption and tag check of a session body. */
    @Benchmark
    public byte[] aesGcmDecrypt(Aes aes) throws GeneralSecurityException {
        return aes.decrypt();
    }

    /** The 96-bit random nonce each seal draws from a default SecureRandom, as the server's codec does. */
    @Benchmark
    public byte[] secureRandomNonce() {
        byte[] fresh = new byte[Aes.NONCE_BYTES];
        secureRandom.nextBytes(fresh);
        return fresh;
    }

    /**
     * The string to sign ends in the hex SHA-256 of the canonical request: writing it in place keeps the HMAC's input
     * dependent on the digest (so neither can be skipped) at the cost of 64 byte stores.
     */
    private void putHexDigest(byte[] digest) {
        int at = stringToSign.length - 2 * digest.length;
        for (byte b : digest) {
            stringToSign[at++] = HEX_DIGITS[(b >>> 4) & 0xF];
            stringToSign[at++] = HEX_DIGITS[b & 0xF];
        }
    }

    byte[] deriveSigningKey() throws GeneralSecurityException {
        byte[] key = secretKey;
        for (byte[] part : scopeParts) {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(part);
        }
        return key;
    }

    /** For the fixture test: the hex signature the floor computes, which must equal botocore's. */
    String signatureHex() throws GeneralSecurityException {
        return HexFormat.of().formatHex(sigv4FullChain());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One reused Cipher per thread, keyed once; only init (nonce) and the data change per call. */
    @State(Scope.Thread)
    public static class Aes {
        /** The body of the plain AssumeRole session that TokenBenchmark seals (checked by TokenBenchmarkTest). */
        static final int PLAIN_SESSION_BODY_BYTES = 146;
        /** The token header (17 bytes) and a 20-character access key id, as SessionTokenCodec authenticates them. */
        static final int ASSOCIATED_DATA_BYTES = 37;
        static final int NONCE_BYTES = 12;
        private static final int GCM_TAG_BITS = 128;

        /** 146: this suite's plain session; 220: the plain-session size the design estimated (longer names). */
        @Param({"146", "220"})
        public int bodyBytes;

        private Cipher cipher;
        private SecretKeySpec key;
        private byte[] associatedData;
        private byte[] plainBody;
        private final byte[] nonce = new byte[NONCE_BYTES];
        private long nonceCounter;
        private byte[] sealedNonce;
        private byte[] sealedBody;

        @Setup
        public void setUp() throws GeneralSecurityException {
            SplittableRandom seeded = new SplittableRandom(42);
            key = new SecretKeySpec(seededBytes(seeded, 32), "AES");
            associatedData = seededBytes(seeded, ASSOCIATED_DATA_BYTES);
            plainBody = seededBytes(seeded, bodyBytes);
            sealedNonce = seededBytes(seeded, NONCE_BYTES);
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, sealedNonce));
            cipher.updateAAD(associatedData);
            sealedBody = cipher.doFinal(plainBody);
        }

        byte[] encrypt() throws GeneralSecurityException {
            long n = ++nonceCounter;
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[NONCE_BYTES - 1 - i] = (byte) (n >>> (8 * i));
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plainBody);
        }

        byte[] decrypt() throws GeneralSecurityException {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, sealedNonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealedBody);
        }

        byte[] plainBody() {
            return plainBody.clone();
        }

        private static byte[] seededBytes(SplittableRandom random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }
}
