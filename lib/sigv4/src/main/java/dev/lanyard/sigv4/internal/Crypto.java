package dev.lanyard.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 helpers. Every digest is a clone of one prototype that is never updated itself: a clone
 * skips {@link MessageDigest#getInstance}'s provider lookup, and unlike a ThreadLocal it also pays off on the virtual
 * thread each request runs on.
 */
public final class Crypto {
    public static final String HMAC_SHA256 = "HmacSHA256";
    /** Hex SHA-256 of the empty string, the payload hash of every body-less request. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final HexFormat HEX = HexFormat.of();
    /** Only ever cloned, never updated, so sharing it between threads is safe. */
    private static final MessageDigest SHA256_PROTOTYPE = newSha256();

    private Crypto() {}

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            // Checked when the prototype was made: every JDK provider's SHA-256 is cloneable.
            throw new IllegalStateException("SHA-256 cannot be cloned", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        if (data.length == 0) {
            return EMPTY_SHA256;
        }
        return HEX.formatHex(sha256().digest(data));
    }

    public static String sha256Hex(String data) {
        return HEX.formatHex(sha256().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] hmacSha256(byte[] key, String data) {
        return hmacSha256(new SecretKeySpec(key, HMAC_SHA256), data);
    }

    public static byte[] hmacSha256(SecretKeySpec key, String data) {
        return hmacSha256(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A Mac initialised with {@code key}. */
    public static Mac hmacSha256(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * A copy of an initialised Mac, ready for a new message: no provider lookup and no key setup. {@code prototype}
     * must not be used for anything else, so that concurrent copies only ever read it.
     */
    public static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lower-case hex as ASCII bytes, for hashing and constant-time comparison without a String in between. */
    public static byte[] hexBytes(byte[] bytes) {
        byte[] out = new byte[2 * bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = (byte) HEX.toHighHexDigit(bytes[i]);
            out[2 * i + 1] = (byte) HEX.toLowHexDigit(bytes[i]);
        }
        return out;
    }

    private static MessageDigest newSha256() {
        try {
            // The clone is the prototype: proof, before any request, that cloning works.
            return (MessageDigest) MessageDigest.getInstance("SHA-256").clone();
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is unavailable or cannot be cloned", e);
        }
    }
}
