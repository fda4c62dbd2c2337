package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A 40-character secret access key. Never prints its value; compares in constant time as the {@link SecretBytes} of its
 * UTF-8 text (the text is kept as well: signing reads it on every request).
 */
public final class SecretAccessKey {
    private final String value;
    private final SecretBytes utf8;

    private SecretAccessKey(String value) {
        this.value = requireNonNull(value, "value is null");
        this.utf8 = SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    public static SecretAccessKey of(String value) {
        if (value.isEmpty() || value.length() > 128) {
            throw new IllegalArgumentException("secret access key has a bad length");
        }
        return new SecretAccessKey(value);
    }

    /**
     * 40 characters of the Base64 alphabet, 240 bits of entropy: 30 random bytes, Base64-encoded (each character is
     * six uniform bits). One draw, not one per character: a SecureRandom call costs about 300 ns, and AssumeRole
     * mints a secret on every call.
     */
    public static SecretAccessKey generate(RandomGenerator random) {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return new SecretAccessKey(Base64.getEncoder().encodeToString(bytes));
    }

    /** The secret itself: only for signing-key derivation, sealing, and handing it to the owner once. */
    public String reveal() {
        return value;
    }

    public byte[] revealUtf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** A non-reversible fingerprint usable as a cache key. */
    public String fingerprint() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(revealUtf8()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretAccessKey that && utf8.equals(that.utf8);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
