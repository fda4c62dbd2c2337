package dev.lanyard.authorizeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON read strictly, for the catalogue and the API's requests alike: duplicate names, trailing content and unknown
 * fields are refused, so nothing a reader skipped can mean something to another. Errors are
 * {@link IllegalArgumentException}s naming the field at fault.
 */
final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}

    static JsonNode parse(String json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new NotJson("not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The request body as received: read from its bytes, with no copy into a String first (UTF-8 strictly). */
    static JsonNode parse(byte[] json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new NotJson("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotJson("not valid JSON: " + e.getMessage());
        }
    }

    private static JsonNode present(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("the document is empty");
        }
        return node;
    }

    /** A reply body: the UTF-8 bytes of {@code node}, written straight to bytes. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    /** The text is not JSON at all (as opposed to JSON of the wrong shape). */
    static final class NotJson extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotJson(String message) {
            super(message);
        }
    }

    /** An object whose field names must all be in {@code known}. */
    static Reader object(JsonNode node, String where, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field '" + name + "' (known: "
                        + new TreeSet<>(known) + ")");
            }
        }
        return new Reader(node, where);
    }

    /** The fields of one object, each checked for presence and type as it is read. */
    record Reader(JsonNode node, String where) {
        JsonNode required(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException(where + ": " + name + " is required");
            }
            return value;
        }

        Optional<JsonNode> optional(String name) {
            return Optional.ofNullable(node.get(name)).filter(value -> !value.isNull());
        }

        String requiredText(String name) {
            return text(name, required(name));
        }

        Optional<String> optionalText(String name) {
            return optional(name).map(value -> text(name, value));
        }

        Optional<Boolean> optionalBoolean(String name) {
            return optional(name).map(value -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException(where + "." + name + ": must be true or false");
                }
                return value.booleanValue();
            });
        }

        private String text(String name, JsonNode value) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException(where + "." + name + ": must be a string");
            }
            return value.textValue();
        }
    }
}
