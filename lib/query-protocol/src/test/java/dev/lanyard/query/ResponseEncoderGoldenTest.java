package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Byte-exact envelopes against src/test/resources/golden, in both formats; each is also parsed back. */
class ResponseEncoderGoldenTest {
    static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String REQUEST_ID = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";

    static Struct nestedResult() {
        Map<String, Value> summary = new LinkedHashMap<>();
        summary.put("Users", new Value.Int(3));
        summary.put("AccountMFAEnabled", new Value.Int(0));
        summary.put("Odd <key> & \"more\"", new Value.Text("x"));
        return Struct.builder()
                .put("SourceIdentity", "DevUser123")
                .put("Credentials", Struct.builder()
                        .put("SessionToken", "AQoDYXdzEPT//////////wEXAMPLE")
                        .put("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")
                        .put("Expiration", Instant.parse("2019-07-15T23:28:33.359Z"))
                        .put("AccessKeyId", "AKIAIOSFODNN7EXAMPLE")
                        .build())
                .put("AssumedRoleUser", Struct.builder()
                        .put("Arn", "arn:aws:sts::123456789012:assumed-role/demo/John")
                        .put("AssumedRoleId", "ARO123EXAMPLE123:John")
                        .build())
                .put("PackedPolicySize", 8)
                .put("Tags", new Value.ListOf(List.of(
                        Struct.builder().put("Key", "team & <ops>").put("Value", "\"quoted\" 'single'").build(),
                        Struct.builder().put("Key", "€uro").put("Value", "😀").build())))
                .put("ClientIDList", Value.ListOf.ofTexts(List.of("sts.amazonaws.com", "my-app")))
                .put("EmptyList", new Value.ListOf(List.of()))
                .put("SummaryMap", new Value.MapOf(summary))
                .put("IsTruncated", false)
                .put("CreateDate", Instant.parse("2019-11-01T20:26:47Z"))
                .putIfPresent("Absent", Optional.empty())
                .build();
    }

    @ParameterizedTest
    @EnumSource(ResponseFormat.class)
    void successWithNestedListsMapsAndTimestamps(ResponseFormat format) throws Exception {
        byte[] out = ResponseEncoder.success(format, "AssumeRole", STS_NS, Optional.of(nestedResult()), REQUEST_ID);
        assertGolden(format, "success-nested", out);
    }

    @ParameterizedTest
    @EnumSource(ResponseFormat.class)
    void emptyResultHasNoResultElement(ResponseFormat format) throws Exception {
        byte[] out = ResponseEncoder.success(format, "DeleteUser", IAM_NS, Optional.empty(), REQUEST_ID);
        assertGolden(format, "empty-result", out);
    }

    @ParameterizedTest
    @EnumSource(ResponseFormat.class)
    void error(ResponseFormat format) throws Exception {
        byte[] out = ResponseEncoder.error(format, STS_NS, ErrorCode.ACCESS_DENIED,
                "User: arn:aws:iam::123456789012:user/aws-user is not authorized to perform: sts:AssumeRole "
                        + "on resource: arn:aws:iam::210987654321:role/a&b <c>",
                "16fc956c-311e-4199-bee1-1680236e9698");
        assertGolden(format, "error", out);
    }

    private static void assertGolden(ResponseFormat format, String name, byte[] actual) throws Exception {
        String extension = switch (format) {
            case XML -> ".xml";
            case JSON -> ".json";
        };
        String expected = readGolden(name + extension);
        assertThat(new String(actual, UTF_8)).isEqualTo(expected);
        switch (format) {
            case XML -> XmlParsing.parse(actual);
            case JSON -> new ObjectMapper().readTree(actual);
        }
    }

    static String readGolden(String file) throws IOException {
        try (InputStream in = ResponseEncoderGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file " + file).isNotNull();
            // Golden files end with one newline for editors; the encoder writes none.
            return new String(in.readAllBytes(), UTF_8).stripTrailing();
        }
    }
}
