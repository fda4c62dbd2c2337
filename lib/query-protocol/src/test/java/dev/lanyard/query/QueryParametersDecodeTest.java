package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersDecodeTest {

    private static QueryParameters body(String form) {
        return QueryParameters.decode("", form.getBytes(UTF_8));
    }

    @Test
    void decodesBotocoreBody() {
        QueryParameters p = body("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=ss");
        assertThat(p.names()).containsExactly("Action", "Version", "RoleArn", "RoleSessionName");
        assertThat(p.required("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/r");
        assertThat(p.get("Version")).contains("2011-06-15");
    }

    @Test
    void namesCanBeLeftOut() {
        QueryParameters p = QueryParameters.decode("Action=ListUsers&X-Amz-Signature=abc&X-Amz-Date=d", new byte[0]);
        QueryParameters kept = p.without(java.util.Set.of("X-Amz-Signature", "X-Amz-Date", "X-Amz-Expires"));
        assertThat(kept.names()).containsExactly("Action");
        assertThat(p.names()).containsExactly("Action", "X-Amz-Signature", "X-Amz-Date");
        assertThat(kept.without(java.util.Set.of("Other"))).isSameAs(kept);
    }

    @Test
    void plusIsSpaceAndEncodedPlusIsPlus() {
        QueryParameters p = body("a=x+y&b=x%2By&c=%20");
        assertThat(p.get("a")).contains("x y");
        assertThat(p.get("b")).contains("x+y");
        assertThat(p.get("c")).contains(" ");
    }

    @Test
    void decodesMultiByteUtf8AndLowerCaseHex() {
        assertThat(body("n=%e2%82%ac%F0%9F%98%80").get("n")).contains("€😀");
    }

    @Test
    void rawNonAsciiBytesAreTakenAsUtf8() {
        assertThat(QueryParameters.decode("", "n=é".getBytes(UTF_8)).get("n")).contains("é");
        assertThat(QueryParameters.decode("n=é", new byte[0]).get("n")).contains("é");
    }

    @Test
    void segmentsWithoutEqualsOrNameOrContent() {
        QueryParameters p = body("&&Tags&=ignored&a=1=2&&b=&");
        assertThat(p.names()).containsExactly("Tags", "a", "b");
        assertThat(p.get("Tags")).contains("");
        assertThat(p.get("a")).contains("1=2");
        assertThat(p.get("b")).contains("");
    }

    @Test
    void emptyInputs() {
        assertThat(QueryParameters.decode("", new byte[0]).names()).isEmpty();
        assertThat(body("&").names()).isEmpty();
    }

    @Test
    void mergesQueryAndBody() {
        QueryParameters p = QueryParameters.decode("Action=GetCallerIdentity&Version=2011-06-15",
                "Version=2011-06-15&Extra=1".getBytes(UTF_8));
        assertThat(p.names()).containsExactly("Action", "Version", "Extra");
        assertThat(p.asMap()).containsEntry("Extra", "1");
    }

    @Test
    void sameNameWithEqualValuesIsAcceptedInOneSourceToo() {
        assertThat(body("a=1&a=%31").get("a")).contains("1");
    }

    @Test
    void conflictingValuesAreRejected() {
        assertThatThrownBy(() -> QueryParameters.decode("Action=A", "Action=B".getBytes(UTF_8)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).contains("Action").doesNotContain("=A").doesNotContain("B");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a=%", "a=%4", "a=%G1", "a=%1G", "a=%%41", "a=b%&c=d", "%zz=1", "a=%-1", "a=% 1"})
    void invalidPercentEscapes(String form) {
        assertThatThrownBy(() -> body(form))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_QUERY_STRING);
                    assertThat(e.getMessage()).startsWith("The query string contains a syntax error");
                });
        assertThatThrownBy(() -> QueryParameters.decode(form, new byte[0]))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_QUERY_STRING));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%C0%AF", // overlong '/'
        "%E0%80%AF", // overlong, 3 bytes
        "%F0%80%80%AF", // overlong, 4 bytes
        "%ED%A0%80", // UTF-16 surrogate D800
        "%ED%BF%BF", // surrogate DFFF
        "%F4%90%80%80", // above U+10FFFF
        "%F5%80%80%80",
        "%FF",
        "%80", // stray continuation
        "%E2%82", // truncated at end of value
        "%E2%82%2C", // truncated, followed by ASCII
        "%C2"
    })
    void invalidUtf8(String bytes) {
        for (String form : new String[] {"a=" + bytes, bytes + "=a", "a=" + bytes + "&b=c"}) {
            assertThatThrownBy(() -> body(form))
                    .as(form)
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_QUERY_STRING);
                        assertThat(e.getMessage()).contains("UTF-8");
                    });
        }
    }

    @Test
    void truncatedSequenceCannotBeCompletedAcrossTheSeparator() {
        // The '=' must not be swallowed as a continuation byte nor the sequence completed in the value.
        assertThatThrownBy(() -> body("%E2%82=%AC"))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_QUERY_STRING));
    }

    @Test
    void rawInvalidUtf8BytesInBodyAreRejected() {
        byte[] form = HexFormat.of().parseHex("613dff"); // "a=" 0xFF
        assertThatThrownBy(() -> QueryParameters.decode("", form))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_QUERY_STRING));
    }

    @Test
    void validBoundaryCodePointsAreAccepted() {
        assertThat(body("a=%F4%8F%BF%BF&b=%EE%80%80&c=%C2%80&d=%00").asMap())
                .containsEntry("a", "\uDBFF\uDFFF")
                .containsEntry("b", "\uE000")
                .containsEntry("c", "\u0080")
                .containsEntry("d", "\u0000");
    }

    @Test
    void atMostOneThousandParameters() {
        assertThat(body(pairs(0, 1000)).names()).hasSize(1000);
        assertThatThrownBy(() -> body(pairs(0, 1001)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETER);
                    assertThat(e.getMessage()).contains("1000");
                });
    }

    @Test
    void limitSpansQueryAndBodyAndCountsRepeats() {
        assertThatThrownBy(() -> QueryParameters.decode(pairs(0, 600), pairs(600, 1001).getBytes(UTF_8)))
                .isInstanceOf(AwsException.class);
        String repeated = "a=1&".repeat(1001);
        assertThatThrownBy(() -> body(repeated))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETER));
        assertThat(body("&".repeat(5000) + "a=1").names()).containsExactly("a");
    }

    @Test
    void namesAreCaseSensitiveAndExact() {
        QueryParameters p = body("RoleArn=x");
        assertThat(p.has("RoleArn")).isTrue();
        assertThat(p.has("rolearn")).isFalse();
        assertThat(p.get("RoleArn ")).isEmpty();
    }

    @Test
    void requiredUsesAwsMissingParameterWording() {
        assertThat(body("Empty=").required("Empty")).isEmpty();
        assertThatThrownBy(() -> body("a=1").required("RoleArn"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_PARAMETER);
                    assertThat(e.getMessage()).isEqualTo("The request must contain the parameter RoleArn");
                });
    }

    @Test
    void toStringHidesValues() {
        assertThat(body("WebIdentityToken=secret-jwt").toString())
                .contains("WebIdentityToken")
                .doesNotContain("secret-jwt");
    }

    private static String pairs(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : "&").append("p").append(i).append('=').append(i);
        }
        return sb.toString();
    }
}
