package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Random text with control characters, lone surrogates, markup characters and non-BMP code points must always give
 * well-formed XML (checked with the JDK's parser) and valid JSON (checked with Jackson) that read back as the
 * documented sanitisation of the input.
 */
class ResponseEncoderWellFormedTest {
    private static final String NS = ResponseEncoderGoldenTest.STS_NS;

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void xmlIsWellFormedAndCarriesTheSanitisedText(long seed) throws Exception {
        String text = randomText(new Random(seed));
        Struct result = Struct.builder()
                .put("Text", text)
                .put("List", Value.ListOf.ofTexts(List.of(text)))
                .put("Map", new Value.MapOf(Map.of(text, new Value.Text(text))))
                .build();
        Document doc = XmlParsing.parse(ResponseEncoder.success(ResponseFormat.XML, "Op", NS, Optional.of(result), text));

        String expected = sanitisedForXml(text);
        assertThat(doc.getElementsByTagName("Text").item(0).getTextContent()).isEqualTo(expected);
        assertThat(doc.getElementsByTagName("member").item(0).getTextContent()).isEqualTo(expected);
        assertThat(doc.getElementsByTagName("key").item(0).getTextContent()).isEqualTo(expected);
        assertThat(doc.getElementsByTagName("RequestId").item(0).getTextContent()).isEqualTo(expected);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(NS);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void xmlErrorIsWellFormed(long seed) throws Exception {
        String text = randomText(new Random(seed));
        Document doc = XmlParsing.parse(ResponseEncoder.error(ResponseFormat.XML, NS, ErrorCode.VALIDATION_ERROR, text, "id"));
        assertThat(doc.getElementsByTagName("Message").item(0).getTextContent()).isEqualTo(sanitisedForXml(text));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jsonParsesBackToTheSameText(long seed) throws Exception {
        String text = randomText(new Random(seed));
        Struct result = Struct.builder().put("Text", text).put("Map", new Value.MapOf(Map.of(text, new Value.Int(1)))).build();
        byte[] out = ResponseEncoder.success(ResponseFormat.JSON, "Op", NS, Optional.of(result), "id");
        JsonNode parsed = new ObjectMapper().readTree(out);
        JsonNode r = parsed.get("OpResponse").get("OpResult");
        String expected = withoutLoneSurrogates(text);
        assertThat(r.get("Text").asText()).isEqualTo(expected);
        assertThat(r.get("Map").get(expected).asInt()).isEqualTo(1);

        JsonNode error = new ObjectMapper().readTree(
                ResponseEncoder.error(ResponseFormat.JSON, NS, ErrorCode.VALIDATION_ERROR, text, text));
        assertThat(error.get("Error").get("Message").asText()).isEqualTo(expected);
        assertThat(error.get("RequestId").asText()).isEqualTo(expected);
        assertThat(new String(out, UTF_8)).doesNotContainPattern("[\\x00-\\x1F]");
    }

    static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> sb.append((char) random.nextInt(0x20)); // C0 controls incl. tab, LF, CR
                case 1 -> sb.append("&<>\"'\\/]]>".charAt(random.nextInt(10)));
                case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // often a lone surrogate
                case 3 -> sb.append(random.nextBoolean() ? '\uFFFE' : '\uFFFF');
                case 4 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> sb.append((char) (0x20 + random.nextInt(0x300)));
            }
        }
        return sb.toString();
    }

    /** The documented XML rule: controls other than tab/LF/CR, U+FFFE/U+FFFF and lone surrogates become U+FFFD. */
    static String sanitisedForXml(String s) {
        StringBuilder sb = new StringBuilder();
        withoutLoneSurrogates(s).codePoints().forEach(cp -> {
            boolean legal = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF);
            sb.appendCodePoint(legal ? cp : 0xFFFD);
        });
        return sb.toString();
    }

    static String withoutLoneSurrogates(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
