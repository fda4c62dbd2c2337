package dev.lanyard.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fuzzes the percent-decoder of policy documents and the XML/JSON text escaping. */
class EncodingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void policyDocumentDecode(FuzzedDataProvider data) {
        String encoded = data.consumeRemainingAsString();
        String decoded;
        try {
            decoded = PolicyDocumentEncoding.decode(encoded);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(PolicyDocumentEncoding.decode(PolicyDocumentEncoding.encode(decoded))).isEqualTo(decoded);
    }

    @FuzzTest(maxDuration = "30s")
    void responsesStayWellFormed(FuzzedDataProvider data) throws Exception {
        String text = data.consumeRemainingAsString();
        Struct result = Struct.builder()
                .put("Text", text)
                .put("List", Value.ListOf.ofTexts(List.of(text)))
                .put("Map", new Value.MapOf(Map.of(text, new Value.Text(text))))
                .build();
        byte[] xml = ResponseEncoder.success(ResponseFormat.XML, "Op", "urn:x", Optional.of(result), text);
        assertThat(XmlParsing.parse(xml).getElementsByTagName("Text").item(0).getTextContent())
                .isEqualTo(ResponseEncoderWellFormedTest.sanitisedForXml(text));
        byte[] json = ResponseEncoder.error(ResponseFormat.JSON, "urn:x", ErrorCode.ACCESS_DENIED, text, text);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("RequestId").asText())
                .isEqualTo(ResponseEncoderWellFormedTest.withoutLoneSurrogates(text));
    }
}
