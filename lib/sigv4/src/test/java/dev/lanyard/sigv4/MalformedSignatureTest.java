package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SignedRequest.parse: every malformed form gets AWS's IncompleteSignature wording. */
class MalformedSignatureTest {
    private static final String CREDENTIAL = "Credential=AKIAIOSFODNN7EXAMPLE/20261123/us-east-1/sts/aws4_request";
    private static final String SIGNATURE = "Signature=" + "0".repeat(64);

    private static HttpRequestParts withAuthorization(String authorization, boolean withDate) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("sts.example.test"));
        if (withDate) {
            headers.put("X-Amz-Date", List.of("20261123T190005Z"));
        }
        headers.put("Authorization", List.of(authorization));
        return new HttpRequestParts("POST", "/", "", headers);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertIncomplete(HttpRequestParts request) {
        return assertThatThrownBy(() -> SignedRequest.parse(request))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE));
    }

    @Test
    void listsEveryMissingPartInAwsOrder() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
        assertIncomplete(withAuthorization(jwt, false)).hasMessage("Authorization header requires 'Credential'"
                + " parameter. Authorization header requires 'Signature' parameter. Authorization header requires"
                + " 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a"
                + " 'Date' header. Authorization=" + jwt);
    }

    @Test
    void listsOnlyTheMissingParts() {
        String header = "AWS4-HMAC-SHA256 " + CREDENTIAL;
        assertIncomplete(withAuthorization(header, true)).hasMessage("Authorization header requires 'Signature'"
                + " parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=" + header);
    }

    @Test
    void aPartWithoutEqualSign() {
        assertIncomplete(withAuthorization("Bearer token", true))
                .hasMessage("'token' not a valid key=value pair (missing equal-sign) in Authorization header:"
                        + " 'Bearer token'.");
    }

    /** Keys are case-sensitive, unknown ones are ignored, and the first of a repeated key is the one used. */
    @Test
    void theFirstOfARepeatedPartWinsAndUnknownPartsAreIgnored() {
        String header = "AWS4-HMAC-SHA256 credential=x/y, Credential=KEY1/20261123/us-east-1/sts/aws4_request,"
                + " Credential=KEY2/20261123/eu-west-1/iam/aws4_request, Foo=bar,\tSignedHeaders=host;x-amz-date,"
                + " SignedHeaders=host, Signature=abc, Signature=def,";
        SignedRequest signed = SignedRequest.parse(withAuthorization(header, true)).orElseThrow();
        assertThat(signed.accessKeyId()).isEqualTo("KEY1");
        assertThat(signed.region()).isEqualTo("us-east-1");
        assertThat(signed.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(signed.signature()).isEqualTo("abc");
        assertIncomplete(withAuthorization("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, Signature", true))
                .hasMessageStartingWith("'Signature' not a valid key=value pair (missing equal-sign)");
        assertIncomplete(withAuthorization(" ,\t", true))
                .hasMessageStartingWith("Authorization header requires 'Credential' parameter.");
    }

    @Test
    void aStraySpaceInTheCredentialAsAwsReportsIt() {
        String header = "AWS4-HMAC-SHA256 Credential=AKIAXXXXXXXXXX /20150620/us-east-1/cloudformation/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=240c93ba3610c73bde4e52dd5a93dd61a80b3ba2871208d7365c9cc7";
        assertIncomplete(withAuthorization(header, true))
                .hasMessage("'/20150620/us-east-1/cloudformation/aws4_request' not a valid key=value pair (missing"
                        + " equal-sign) in Authorization header: '" + header + "'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS4-HMAC-SHA512", "aws4-hmac-sha256", "AWS4-ECDSA-P256-SHA256", "AWS"})
    void anUnsupportedAlgorithm(String algorithm) {
        assertIncomplete(withAuthorization(
                algorithm + " " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE, true))
                .hasMessage("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo/bar/20210531/us-east-1/sts/aws4_request", "AKID/20210531/us-east-1/sts", "", "AKID"})
    void aCredentialWithoutFiveElements(String credential) {
        assertIncomplete(withAuthorization(
                "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host, " + SIGNATURE, true))
                .hasMessage("Credential must have exactly 5 slash-delimited elements, e.g."
                        + " keyid/date/region/service/term, got '" + credential + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-amz-date", "", "content-type;x-amz-date"})
    void hostMustBeSigned(String signedHeaders) {
        assertIncomplete(withAuthorization(
                "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=" + signedHeaders + ", " + SIGNATURE, true))
                .hasMessage("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 23 Nov 2014 04:07:43 GMT", "1442252505", "20261123T190005", "20261323T190005Z",
            "20261123T250005Z", "2026-11-23T19:00:05Z", "٢٠٢٦1123T190005Z"})
    void aMalformedXAmzDate(String date) {
        HttpRequestParts request = Fixtures.withHeader(withAuthorization(
                "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE, true),
                "X-Amz-Date", date);
        assertIncomplete(request).hasMessage("Date must be in ISO-8601 'basic format'. Got '" + date
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void theDateHeaderStandsInForXAmzDate() {
        HttpRequestParts request = Fixtures.withHeader(withAuthorization(
                "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=date;host, " + SIGNATURE, false),
                "Date", "Mon, 23 Nov 2026 19:00:05 GMT");
        assertThat(SignedRequest.parse(request).orElseThrow().requestTime())
                .isEqualTo(java.time.Instant.parse("2026-11-23T19:00:05Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "X-Amz-Algorithm=AWS4-HMAC-SHA256",
        "X-Amz-Signature=abc",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F20261123%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Date=20261123T190005Z&X-Amz-SignedHeaders=host"
    })
    void presignedWithoutEveryParameter(String query) {
        assertIncomplete(new HttpRequestParts("GET", "/", query, Map.of("Host", List.of("h"))))
                .hasMessage("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
                        + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string"
                        + " parameters.");
    }

    private static String presigned(String expires) {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F20261123%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Date=20261123T190005Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc" + expires;
    }

    /** S3's wording, the only one AWS has on record; for 0 (which SDKs never send) it is ours. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|X-Amz-Expires should be a number",
        "''|X-Amz-Expires should be a number",
        "1.5|X-Amz-Expires should be a number",
        "+5|X-Amz-Expires should be a number",
        "-|X-Amz-Expires should be a number",
        "-5|X-Amz-Expires must be non-negative",
        "0|X-Amz-Expires must be at least 1 second",
        "604801|X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less"
                + " than 604800 seconds",
        "99999999999999999999|X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
                + " must be less than 604800 seconds"
    })
    void anOutOfRangeExpires(String expires, String message) {
        assertIncomplete(new HttpRequestParts("GET", "/", presigned("&X-Amz-Expires=" + expires),
                Map.of("Host", List.of("h"))))
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"1,PT1S", "60,PT1M", "604800,PT168H", "0000060,PT1M"})
    void anInRangeExpires(String expires, java.time.Duration parsed) {
        HttpRequestParts request = new HttpRequestParts("GET", "/", presigned("&X-Amz-Expires=" + expires),
                Map.of("Host", List.of("h")));
        assertThat(SignedRequest.parse(request).orElseThrow().expires()).contains(parsed);
    }

    @Test
    void aRepeatedAuthenticationParameter() {
        assertIncomplete(new HttpRequestParts("GET", "/", presigned("&X-Amz-Date=20261123T190006Z"),
                Map.of("Host", List.of("h"))))
                .hasMessage("AWS query-string parameter 'X-Amz-Date' must appear only once. Re-examine the"
                        + " query-string parameters.");
    }

    @Test
    void headerAndQueryAuthenticationTogether() {
        HttpRequestParts request = withAuthorization(
                "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE, true)
                .withRawQuery(presigned(""));
        assertIncomplete(request).hasMessage("Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                + " parameter, Signature query string parameter or the Authorization header should be specified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Action=GetCallerIdentity", "X-Amz-Credential=A%2Fb", "X-Amz-Date=20261123T190005Z"})
    void noSignatureAtAll(String query) {
        assertThat(SignedRequest.parse(new HttpRequestParts("GET", "/", query, Map.of("Host", List.of("h")))))
                .isEmpty();
    }
}
