package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names a master key without revealing it: the first 8 bytes of HMAC-SHA256 under the key, in hex. Sealed data
 * carries the id of the key that sealed it, so a node knows which key opens it, and an operator can see which key a
 * store or a backup still needs.
 */
public record MasterKeyId(String value) {
    static final int BYTES = 8;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

    public MasterKeyId {
        requireNonNull(value, "value is null");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a master key id is 16 lower-case hex digits");
        }
    }

    static MasterKeyId of(byte[] bytes, int offset) {
        return new MasterKeyId(HexFormat.of().formatHex(bytes, offset, offset + BYTES));
    }

    byte[] bytes() {
        return HexFormat.of().parseHex(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
