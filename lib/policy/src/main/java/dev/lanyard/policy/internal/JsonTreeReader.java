package dev.lanyard.policy.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lanyard.policy.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads policy JSON with Jackson's streaming parser: strict JSON, duplicate keys rejected, and the line/column of
 * every object kept for statement positions.
 */
final class JsonTreeReader {
    /** Root, Statement array, statement, Condition, operator, value array, value: policies never nest deeper. */
    private static final int MAX_DEPTH = 8;

    // Immutable once built; shared by all parses.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonTreeReader() {
    }

    /** The document's root value, or empty when the text is not one well-formed JSON value. */
    static Optional<JsonValue> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonValue root = value(parser, first, 0);
            return parser.nextToken() == null ? Optional.of(root) : Optional.empty();
        } catch (IOException malformed) {
            return Optional.empty();
        }
    }

    private static JsonValue value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        if (depth > MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            parser.skipChildren();
            return new JsonValue.Opaque();
        }
        return switch (token) {
            case START_OBJECT -> object(parser, depth);
            case START_ARRAY -> array(parser, depth);
            case VALUE_STRING -> new JsonValue.Text(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> new JsonValue.Scalar(parser.getText());
            case VALUE_NULL, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE, END_OBJECT, END_ARRAY, FIELD_NAME ->
                    new JsonValue.Opaque();
        };
    }

    private static JsonValue object(JsonParser parser, int depth) throws IOException {
        SourcePosition start = position(parser.currentTokenLocation());
        Map<String, JsonValue> members = new LinkedHashMap<>();
        JsonToken token = parser.nextToken();
        while (token == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            members.put(name, value(parser, parser.nextToken(), depth + 1));
            token = parser.nextToken();
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
        return new JsonValue.ObjectValue(members, start, position(parser.currentLocation()));
    }

    private static JsonValue array(JsonParser parser, int depth) throws IOException {
        List<JsonValue> items = new ArrayList<>();
        JsonToken token = parser.nextToken();
        while (token != null && token != JsonToken.END_ARRAY) {
            items.add(value(parser, token, depth + 1));
            token = parser.nextToken();
        }
        if (token == null) {
            throw new IOException("unterminated array");
        }
        return new JsonValue.ArrayValue(items);
    }

    private static SourcePosition position(JsonLocation location) {
        return new SourcePosition(Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
    }
}
