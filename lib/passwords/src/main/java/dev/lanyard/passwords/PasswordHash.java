package dev.lanyard.passwords;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A stored password verifier in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), which
 * carries its own parameters so that stronger ones apply to new passwords without breaking old ones. Not a secret in
 * the clear sense, but it lets an attacker guess offline: never printed or logged, and encrypted at rest.
 */
public final class PasswordHash {
    private final String encoded;

    private PasswordHash(String encoded) {
        this.encoded = encoded;
    }

    /** A hash read back from storage; {@link PasswordHasher#matches} refuses one it cannot parse. */
    public static PasswordHash of(String encoded) {
        return new PasswordHash(requireNonNull(encoded, "encoded is null"));
    }

    public String encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other && MessageDigest.isEqual(
                encoded.getBytes(StandardCharsets.US_ASCII),
                other.encoded.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "PasswordHash[REDACTED]";
    }
}
