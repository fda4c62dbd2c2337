package dev.lanyard.policy.internal;

import dev.lanyard.policy.SourcePosition;
import java.util.List;
import java.util.Map;

/** A minimal JSON tree that keeps object source positions, read by {@link JsonTreeReader}. */
sealed interface JsonValue {
    /** A JSON string. */
    record Text(String value) implements JsonValue {
    }

    /** A number or boolean, in its source text form ("Quotation marks are optional for numeric and Boolean values"). */
    record Scalar(String text) implements JsonValue {
    }

    /** {@code null}, or content nested deeper than any policy element, kept only to be rejected. */
    record Opaque() implements JsonValue {
    }

    record ArrayValue(List<JsonValue> items) implements JsonValue {
    }

    /** Members in document order; duplicate names are rejected while reading. */
    record ObjectValue(Map<String, JsonValue> members, SourcePosition start, SourcePosition end) implements JsonValue {
    }
}
