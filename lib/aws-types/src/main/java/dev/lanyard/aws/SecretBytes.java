package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Secret key material: a token or master key, a TOTP seed. Equality is constant-time, {@link #toString()} never shows
 * the bytes, and the bytes only come out through {@link #reveal()}, so every place that touches raw key material is
 * greppable. The one constant-time secret type: the secrets of other shapes hold one ({@code TotpSeed}) rather than
 * compare bytes themselves.
 */
public final class SecretBytes {
    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SecretBytes random(int length, SecureRandom rnd) {
        requireNonNull(rnd, "rnd is null");
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive");
        }
        byte[] bytes = new byte[length];
        rnd.nextBytes(bytes);
        return new SecretBytes(bytes);
    }

    /** Copies {@code b}: the caller may wipe its array afterwards. */
    public static SecretBytes copyOf(byte[] b) {
        requireNonNull(b, "b is null");
        if (b.length == 0) {
            throw new IllegalArgumentException("secret bytes must not be empty");
        }
        return new SecretBytes(b.clone());
    }

    /** A fresh copy of the secret; wiping it does not affect this object. */
    public byte[] reveal() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretBytes that && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** Only the length, so a hash table does not become a timing oracle on the content. */
    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
