package dev.lanyard.totp.internal;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 4226 HOTP keyed once, for computing several counters of one seed (a window) with one {@link Mac}. Not
 * thread-safe: make one per verification.
 */
public final class Hotp {
    private final Mac mac;
    private final byte[] digest;

    private Hotp(Mac mac) {
        this.mac = mac;
        this.digest = new byte[mac.getMacLength()];
    }

    /** @param algorithm a JCA Mac name (HmacSHA1, HmacSHA256, HmacSHA512) */
    public static Hotp keyed(String algorithm, byte[] key) {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(key, "key is null");
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return new Hotp(mac);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HOTP key", e);
        } catch (GeneralSecurityException e) {
            // every JDK ships the three HMACs TotpParameters allows
            throw new IllegalStateException("no " + algorithm + " in this JDK", e);
        }
    }

    /** The 31-bit dynamically truncated value of RFC 4226 §5.3 for {@code counter} (8 bytes, big-endian). */
    public int truncated(long counter) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            mac.update((byte) (counter >>> shift));
        }
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("digest buffer sized from the Mac itself", e);
        }
        int offset = digest[digest.length - 1] & 0x0f;
        return (digest[offset] & 0x7f) << 24
                | (digest[offset + 1] & 0xff) << 16
                | (digest[offset + 2] & 0xff) << 8
                | (digest[offset + 3] & 0xff);
    }
}
