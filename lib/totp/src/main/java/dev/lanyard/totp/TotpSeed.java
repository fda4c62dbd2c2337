package dev.lanyard.totp;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Base32;
import dev.lanyard.aws.SecretBytes;
import dev.lanyard.totp.internal.StrictBase32;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The shared secret of one device: 20 random bytes (160 bits, as AWS) when generated. Held as {@link SecretBytes}, so
 * it compares in constant time and never prints its value.
 */
public final class TotpSeed {
    /** Bytes of a generated seed: RFC 4226 recommends 160 bits, and AWS's Base32StringSeed is 32 characters. */
    public static final int GENERATED_LENGTH = 20;
    /** RFC 4226 §4 R6: the shared secret must be at least 128 bits. */
    public static final int MIN_LENGTH = 16;
    /** Longer than any HMAC block (SHA-512: 128 bytes) adds nothing but would be hashed down first. */
    public static final int MAX_LENGTH = 128;

    private final SecretBytes secret;

    /** Takes {@code secret} over: it is copied and then wiped. */
    private TotpSeed(byte[] secret) {
        if (secret.length < MIN_LENGTH || secret.length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "a TOTP seed must be " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes, not " + secret.length);
        }
        this.secret = SecretBytes.copyOf(secret);
        Arrays.fill(secret, (byte) 0);
    }

    public static TotpSeed generate(SecureRandom random) {
        requireNonNull(random, "random is null");
        byte[] secret = new byte[GENERATED_LENGTH];
        random.nextBytes(secret);
        return new TotpSeed(secret);
    }

    /** A seed of the given bytes (copied), for example a key from a test vector or an imported hardware seed. */
    public static TotpSeed of(byte[] secret) {
        requireNonNull(secret, "secret is null");
        return new TotpSeed(secret.clone());
    }

    /**
     * The seed of canonical RFC 4648 Base32 text as {@link #toBase32()} writes it: A-Z2-7 only, no padding, no
     * whitespace, no lower case, zero unused trailing bits.
     *
     * @throws IllegalArgumentException if the text is malformed or decodes to a length outside
     *     [{@link #MIN_LENGTH}, {@link #MAX_LENGTH}]; the message never quotes the text
     */
    public static TotpSeed fromBase32(String base32) {
        requireNonNull(base32, "base32 is null");
        int length = StrictBase32.decodedLength(base32.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a TOTP seed must be at most " + MAX_LENGTH + " bytes");
        }
        return new TotpSeed(StrictBase32.decode(base32));
    }

    /** RFC 4648 Base32 without padding: what AWS returns as Base32StringSeed. */
    public String toBase32() {
        byte[] bytes = secret.reveal();
        try {
            return Base32.encode(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A copy of the secret bytes. */
    public byte[] reveal() {
        return secret.reveal();
    }

    public int length() {
        return secret.length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSeed that && secret.equals(that.secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    @Override
    public String toString() {
        return "TotpSeed[REDACTED]";
    }
}
