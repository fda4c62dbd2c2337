package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** BinaryEquals: base-64 policy values compared byte for byte with the base-64 request value. */
final class BinaryValues implements ValueSet {
    private final byte[][] values;

    private BinaryValues(byte[][] values) {
        this.values = values;
    }

    static ValueSet compile(List<String> values) {
        byte[][] decoded = new byte[values.size()][];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = decode(values.get(i));
        }
        return new BinaryValues(decoded);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        byte[] request = decode(requestValue);
        if (request == null) {
            return false;
        }
        for (byte[] value : values) {
            if (value != null && Arrays.equals(value, request)) {
                return true;
            }
        }
        return false;
    }
}
