package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing-key derivation ({@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service),
 * "aws4_request")}) with a bounded, thread-safe cache keyed by (secret, date, region, service), so the
 * four HMACs run once per key and day. The secret itself is never a cache key. When full, arbitrary entries are
 * evicted (old dates stop being asked for, so they go soon enough); concurrent writers may overshoot the bound by at
 * most their number for a moment.
 */
public final class SigningKeys {
    private final int maxEntries;
    private final ConcurrentHashMap<CacheKey, SigningKey> cache = new ConcurrentHashMap<>();

    public SigningKeys(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The 32-byte signing key (a copy). */
    public byte[] signingKey(SecretAccessKey secret, String date, String region, String service) {
        return signingKeySpec(secret, date, region, service).getEncoded();
    }

    /** Number of cached keys, for tests and metrics. */
    public int size() {
        return cache.size();
    }

    SecretKeySpec signingKeySpec(SecretAccessKey secret, String date, String region, String service) {
        return cached(secret, date, region, service).spec();
    }

    SigningKey cached(SecretAccessKey secret, String date, String region, String service) {
        requireNonNull(secret, "secret is null");
        // The secret itself keys the cache: it is already in memory, and unlike a digest it costs nothing per request.
        CacheKey key = new CacheKey(secret.reveal(), date, region, service);
        SigningKey cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] raw = derive(secret, date, region, service);
        SigningKey derived = new SigningKey(new SecretKeySpec(raw, Crypto.HMAC_SHA256));
        Arrays.fill(raw, (byte) 0);
        cache.put(key, derived);
        evictIfFull(key);
        return derived;
    }

    static byte[] derive(SecretAccessKey secret, String date, String region, String service) {
        byte[] secretBytes = ("AWS4" + secret.reveal()).getBytes(StandardCharsets.UTF_8);
        byte[] kDate = Crypto.hmacSha256(secretBytes, date);
        byte[] kRegion = Crypto.hmacSha256(kDate, region);
        byte[] kService = Crypto.hmacSha256(kRegion, service);
        byte[] kSigning = Crypto.hmacSha256(kService, CanonicalRequest.TERMINATOR);
        Arrays.fill(secretBytes, (byte) 0);
        Arrays.fill(kDate, (byte) 0);
        Arrays.fill(kRegion, (byte) 0);
        Arrays.fill(kService, (byte) 0);
        return kSigning;
    }

    private void evictIfFull(CacheKey keep) {
        Iterator<CacheKey> keys = cache.keySet().iterator();
        while (cache.size() > maxEntries && keys.hasNext()) {
            CacheKey candidate = keys.next();
            if (!candidate.equals(keep)) {
                keys.remove();
            }
        }
    }

    private record CacheKey(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "CacheKey[" + date + "/" + region + "/" + service + "]";
        }

        CacheKey {
            requireNonNull(secret, "secret is null");
            requireNonNull(date, "date is null");
            requireNonNull(region, "region is null");
            requireNonNull(service, "service is null");
        }
    }
}
