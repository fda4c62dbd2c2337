package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretBytes;
import java.nio.charset.StandardCharsets;

/**
 * A secret held as text (a server certificate's private key, a service-specific password): compares in constant time as
 * the {@link SecretBytes} of its UTF-8 text, never prints its value, and reaches the store only through its encrypted
 * column.
 */
public final class SecretText {
    private final String value;
    private final SecretBytes utf8;

    private SecretText(String value) {
        this.value = requireNonNull(value, "value is null");
        this.utf8 = SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    public static SecretText of(String value) {
        return new SecretText(value);
    }

    /** The secret itself: only for encrypting it at rest and handing it to its owner once. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretText that && utf8.equals(that.utf8);
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
