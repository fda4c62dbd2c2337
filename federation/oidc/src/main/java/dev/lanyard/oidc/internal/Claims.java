package dev.lanyard.oidc.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, strict reads of a JWT claims object as parsed by nimbus (numbers arrive as Long or Double). A claim of the
 * wrong type is an error, never silently "absent".
 */
final class Claims {
    private final Map<String, Object> map;

    Claims(Map<String, Object> map) {
        this.map = map; // JSON null reads as absent: get() returns null either way
    }

    /** A claim present with the wrong type. */
    static final class MalformedClaimException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String claim;

        MalformedClaimException(String claim, String problem) {
            super(claim + ": " + problem, null, false, false);
            this.claim = claim;
        }

        String claim() {
            return claim;
        }
    }

    Optional<Object> raw(String name) {
        return Optional.ofNullable(map.get(name));
    }

    Optional<String> string(String name) throws MalformedClaimException {
        Object value = map.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new MalformedClaimException(name, "expected a string, got " + typeName(value));
    }

    /** A NumericDate: AWS requires an integer ("an integer or a long integer"), so fractions are refused. */
    Optional<Instant> epochSeconds(String name) throws MalformedClaimException {
        Object value = map.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long seconds)) {
            throw new MalformedClaimException(name, "expected integer seconds, got " + typeName(value));
        }
        try {
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (DateTimeException e) {
            throw new MalformedClaimException(name, "out of range: " + seconds);
        }
    }

    /** A string or an array of strings (as {@code aud} and {@code amr} may be); absent is an empty list. */
    List<String> stringOrArray(String name) throws MalformedClaimException {
        Object value = map.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        return strings(name, value);
    }

    static List<String> strings(String name, Object value) throws MalformedClaimException {
        if (!(value instanceof List<?> list)) {
            throw new MalformedClaimException(name, "expected a string array, got " + typeName(value));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw new MalformedClaimException(name, "array holds a " + typeName(element));
            }
            out.add(s);
        }
        return out;
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case List<?> l -> "array";
            case Map<?, ?> m -> "object";
            default -> value.getClass().getSimpleName();
        };
    }
}
