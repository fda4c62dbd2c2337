package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseEncoderTest {
    private static final String NS = ResponseEncoderGoldenTest.STS_NS;

    private static String xml(Struct result) {
        return new String(ResponseEncoder.success(ResponseFormat.XML, "Op", NS, Optional.of(result), "r"), UTF_8);
    }

    private static String json(Struct result) {
        return new String(ResponseEncoder.success(ResponseFormat.JSON, "Op", NS, Optional.of(result), "r"), UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "2019-11-01T20:26:47Z, 2019-11-01T20:26:47Z",
        "2019-07-15T23:28:33.359Z, 2019-07-15T23:28:33.359Z",
        "2019-07-15T23:28:33.050Z, 2019-07-15T23:28:33.050Z",
        "2019-07-15T23:28:33.000999Z, 2019-07-15T23:28:33Z",
        "2019-07-15T23:28:33.123456789Z, 2019-07-15T23:28:33.123Z",
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00.001Z, 0001-01-01T00:00:00.001Z",
        "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z, +10000-01-01T00:00:00Z"
    })
    void xmlTimestamps(String instant, String expected) {
        assertThat(xml(Struct.builder().put("T", Instant.parse(instant)).build()))
                .contains("<T>" + expected + "</T>");
    }

    @Test
    void jsonTimestampsAreWholeEpochSeconds() {
        assertThat(json(Struct.builder().put("T", Instant.parse("2019-07-15T23:28:33.999Z")).build()))
                .contains("\"T\":1563233313}");
        assertThat(json(Struct.builder().put("T", Instant.parse("1969-12-31T23:59:59.5Z")).build()))
                .contains("\"T\":-1}");
    }

    @Test
    void numbersAndBooleans() {
        Struct s = Struct.builder().put("N", -42).put("L", Long.MAX_VALUE).put("B", true).build();
        assertThat(xml(s)).contains("<N>-42</N><L>9223372036854775807</L><B>true</B>");
        assertThat(json(s)).contains("{\"N\":-42,\"L\":9223372036854775807,\"B\":true}");
    }

    @Test
    void jsonEscapesControlsAsUnicodeEscapes() {
        assertThat(json(Struct.builder().put("S", "a\"b\\c\n\t\u0001\u001F\u2028/é").build()))
                .contains("\"S\":\"a\\\"b\\\\c\\u000A\\u0009\\u0001\\u001F\\u2028/é\"");
    }

    @Test
    void xmlKeepsCarriageReturnAsCharacterReferenceAndReplacesIllegalCharacters() {
        assertThat(xml(Struct.builder().put("S", "a\rb\tc\nd\u0000e\u0008f\uD800g\uFFFEh\u007F").build()))
                .contains("<S>a&#xD;b\tc\nd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\u007F</S>");
    }

    @Test
    void nestedListsOfStructsAndListsOfLists() {
        Struct s = Struct.builder()
                .put("Outer", new Value.ListOf(List.of(Value.ListOf.ofTexts(List.of("a", "b")), Struct.builder().build())))
                .build();
        assertThat(xml(s)).contains("<Outer><member><member>a</member><member>b</member></member><member></member></Outer>");
        assertThat(json(s)).contains("\"Outer\":[[\"a\",\"b\"],{}]");
    }

    @Test
    void serverFaultsAreReceiverErrors() {
        String xml = new String(ResponseEncoder.error(
                ResponseFormat.XML, NS, ErrorCode.INTERNAL_FAILURE, "boom", "r"), UTF_8);
        assertThat(xml).contains("<Type>Receiver</Type><Code>InternalFailure</Code>");
        String json = new String(ResponseEncoder.error(
                ResponseFormat.JSON, NS, ErrorCode.SERVICE_UNAVAILABLE, "busy", "r"), UTF_8);
        assertThat(json).contains("\"Type\":\"Receiver\"");
    }

    @Test
    void contentTypes() {
        assertThat(ResponseEncoder.contentType(ResponseFormat.XML)).isEqualTo("text/xml");
        assertThat(ResponseEncoder.contentType(ResponseFormat.JSON)).isEqualTo("application/json");
    }

    @Test
    void actionMustBeAnElementName() {
        assertThatThrownBy(() -> ResponseEncoder.success(ResponseFormat.XML, "Bad Action<", NS, Optional.empty(), "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseEncoder.success(ResponseFormat.XML, "", NS, Optional.empty(), "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namespaceIsEscapedAsAttribute() {
        String xml = new String(ResponseEncoder.success(
                ResponseFormat.XML, "Op", "urn:x\"&<", Optional.empty(), "r"), UTF_8);
        assertThat(xml).startsWith("<OpResponse xmlns=\"urn:x&quot;&amp;&lt;\">");
    }
}
