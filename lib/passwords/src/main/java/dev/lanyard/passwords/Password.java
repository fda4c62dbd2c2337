package dev.lanyard.passwords;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A password in the clear, only on its way to the hasher: never printed, logged or stored. */
public final class Password {
    private final String value;

    private Password(String value) {
        this.value = value;
    }

    public static Password of(String value) {
        return new Password(requireNonNull(value, "value is null"));
    }

    /** The characters, for the policy's checks (length, classes, equality with names). */
    public String reveal() {
        return value;
    }

    byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static void wipe(byte[] bytes) {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Password[REDACTED]";
    }
}
