package dev.lanyard.pipeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body of a JSON-protocol request (Organizations), read strictly: UTF-8, exactly one JSON object, no key given
 * twice (two readers of the same body must never disagree on a value), nothing but whitespace after it. An empty body
 * is the empty object, as for operations without input. Anything else is AWS's {@code SerializationException}.
 */
final class JsonProtocolInput {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try (JsonParser parser = mapper.createParser(utf8(body))) {
            JsonNode node = readValue(parser);
            if (!(node instanceof ObjectNode object)) {
                throw serialization("The request body must be a JSON object.");
            }
            if (!nothingAfter(parser)) {
                throw serialization("The request body must hold one JSON object and nothing after it"
                        + where(parser.currentTokenLocation()) + ".");
            }
            return object;
        } catch (IOException e) {
            // Parsing a String in memory does no I/O; Jackson declares it anyway.
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readValue(JsonParser parser) throws IOException {
        try {
            return mapper.readTree(parser);
        } catch (JacksonException e) {
            throw serialization("The request body is not valid JSON: " + e.getOriginalMessage()
                    + where(e.getLocation()) + ".");
        }
    }

    private static boolean nothingAfter(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Jackson would also guess UTF-16 or UTF-32 from the first bytes; the JSON protocol is UTF-8 only. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw serialization("The request body is not valid UTF-8.");
        }
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static AwsException serialization(String message) {
        return AwsErrors.serialization(message);
    }
}
