package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.S3Exception;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.SecretAccessKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3's SigV4 rules. The vectors are the worked examples of AWS's S3 API reference: "Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk" (sig-v4-header-based-auth.html: GET Object, PUT
 * Object, GET Bucket Lifecycle, Get Bucket (List Objects)) and "Authenticating Requests: Using Query Parameters"
 * (sigv4-query-string-auth.html).
 */
class S3SigV4VerifierTest {
    private static final SecretAccessKey DOC_SECRET = SecretAccessKey.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant DOC_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String DOC_CREDENTIAL = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
            + "aws4_request,SignedHeaders=";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static S3SigV4Verifier verifierAt(Instant now) {
        return new S3SigV4Verifier(InstantSource.fixed(now), new SigningKeys(8));
    }

    private static VerifiedSignature verify(HttpRequestParts request, Instant now, SecretAccessKey secret) {
        return verifierAt(now).verify(SignedRequest.parse(request).orElseThrow(), request, secret);
    }

    private static HttpRequestParts docRequest(String method, String path, String query, Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Host", List.of("examplebucket.s3.amazonaws.com"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new HttpRequestParts(method, path, query, all);
    }

    @Test
    void docGetObjectWithRange() {
        HttpRequestParts request = docRequest("GET", "/test.txt", "", Map.of(
                "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "Authorization", DOC_CREDENTIAL + "host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));

        assertThat(verify(request, DOC_TIME, DOC_SECRET).payloadHash()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void docPutObjectWithAnEscapedKeyAndTheDateHeader() {
        // The key "test$file.text" travels as test%24file.text and is signed encoded once, not twice.
        HttpRequestParts request = docRequest("PUT", "/test%24file.text", "", Map.of(
                "Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "Authorization", DOC_CREDENTIAL + "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));

        assertThat(verify(request, DOC_TIME, DOC_SECRET).payloadHash())
                .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(CanonicalRequest.s3(request, List.of("host"), "h")).startsWith("PUT\n/test%24file.text\n");
        // The non-S3 rule (encode once more) would sign /test%2524file.text: a different request.
        assertThat(CanonicalRequest.of(request, List.of("host"), "h", false)).startsWith("PUT\n/test%2524file.text\n");
    }

    @Test
    void docGetBucketLifecycle() {
        HttpRequestParts request = docRequest("GET", "/", "lifecycle", Map.of(
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "Authorization", DOC_CREDENTIAL + "host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));

        verify(request, DOC_TIME, DOC_SECRET);
    }

    @Test
    void docListObjects() {
        HttpRequestParts request = docRequest("GET", "/", "max-keys=2&prefix=J", Map.of(
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "Authorization", DOC_CREDENTIAL + "host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));

        verify(request, DOC_TIME, DOC_SECRET);
    }

    private static final String DOC_PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    @Test
    void docPresignedGetIsGoodForItsWholeDay() {
        HttpRequestParts request = docRequest("GET", "/test.txt", DOC_PRESIGNED_QUERY, Map.of());

        VerifiedSignature verified = verify(request, DOC_TIME.plus(Duration.ofSeconds(86_400)), DOC_SECRET);
        assertThat(verified.payloadHash()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verified.request().expires()).contains(Duration.ofDays(1));
    }

    @Test
    void docPresignedGetExpiresAfterItsDay() {
        HttpRequestParts request = docRequest("GET", "/test.txt", DOC_PRESIGNED_QUERY, Map.of());

        assertThatThrownBy(() -> verify(request, DOC_TIME.plus(Duration.ofSeconds(86_401)), DOC_SECRET))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                });
    }

    @Test
    void aPresignedUrlMadeInTheFutureIsNotYetValid() {
        HttpRequestParts request = docRequest("GET", "/test.txt", DOC_PRESIGNED_QUERY, Map.of());

        verify(request, DOC_TIME.minus(Duration.ofMinutes(15)), DOC_SECRET);
        assertThatThrownBy(() -> verify(request, DOC_TIME.minus(Duration.ofMinutes(16)), DOC_SECRET))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("Request is not yet valid");
                });
    }

    @Test
    void aPresignedUrlWithoutExpiresIsRefused() {
        HttpRequestParts request = docRequest("GET", "/test.txt",
                DOC_PRESIGNED_QUERY.replace("&X-Amz-Expires=86400", ""), Map.of());

        assertThatThrownBy(() -> verify(request, DOC_TIME, DOC_SECRET))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.errorCode())
                        .isEqualTo(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR));
    }

    // ---- our signer with S3's options, the client side of the gateway's tests

    private static final Instant NOW = Instant.parse("2026-11-23T19:00:05Z");
    private static final SecretAccessKey SECRET = Fixtures.SECRET;

    private static HttpRequestParts s3Put(String rawPath, Map<String, String> extra) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("bucket.s3.example.test"));
        headers.put("Content-Type", List.of("text/plain"));
        extra.forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpRequestParts("PUT", rawPath, "", headers);
    }

    private static HttpRequestParts signed(HttpRequestParts request, SigningOptions options) {
        return Fixtures.withAdded(request, Fixtures.signer().signHeaders(request, "us-east-1", "s3", NOW, options));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bucket/plain.txt", "/bucket/a%20b%2Bc.txt", "/bucket/caf%C3%A9/%E2%82%AC.bin",
            "/bucket/dir//x/./y/../z", "/bucket/100%25", "/bucket/a+b", "/bucket/%2F%2f", "/bucket/~tilde!*'()"})
    void keysOfEveryShapeRoundTripWithS3Options(String rawPath) {
        HttpRequestParts request = signed(s3Put(rawPath, Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());

        VerifiedSignature verified = verify(request, NOW, SECRET);
        assertThat(verified.payloadHash()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verified.request().signedHeaders()).contains("x-amz-content-sha256");
    }

    @Test
    void escapesAreSignedAsTheirCanonicalForm() {
        // %2f and %2F, %7E and ~ are the same key: both sides canonicalize them alike.
        HttpRequestParts lower = s3Put("/bucket/a%2fb%7e", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        assertThat(CanonicalRequest.s3(lower, List.of("host"), "h")).startsWith("PUT\n/bucket/a%2Fb~\n");
    }

    @Test
    void theBodysHashIsDeclaredAndSignedWhenTheRequestDoesNotSayOtherwise() {
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/bucket/k", "", Map.of(
                "Host", List.of("bucket.s3.example.test")), "hello".getBytes());
        HttpRequestParts request = signed(unsigned, SigningOptions.s3());

        assertThat(request.header("x-amz-content-sha256")).contains(
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(verify(request, NOW, SECRET).payloadHash()).isEqualTo(request.header("x-amz-content-sha256")
                .orElseThrow());
    }

    @Test
    void s3PresignedUrlsSignAnUnsignedPayload() {
        HttpRequestParts unsigned = new HttpRequestParts("PUT", "/bucket/upload%20me", "", Map.of(
                "Host", List.of("bucket.s3.example.test")), "whatever is sent later".getBytes());
        String query = Fixtures.signer().presignQuery(unsigned, "us-east-1", "s3", NOW, Duration.ofDays(7),
                SigningOptions.s3());
        HttpRequestParts request = unsigned.withRawQuery(query);

        assertThat(verify(request, NOW.plus(Duration.ofDays(7)), SECRET).payloadHash()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThatThrownBy(() -> verify(request, NOW.plus(Duration.ofDays(7)).plusSeconds(1), SECRET))
                .hasMessage("Request has expired");
    }

    @Test
    void aHeaderSignedRequestMustDeclareItsPayloadHash() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of()), SigningOptions.defaults()
                .withNormalizePath(false));

        assertThatThrownBy(() -> verify(request, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).isEqualTo("Missing required header for this request: x-amz-content-sha256");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"GARBAGE", "unsigned-payload", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILERS"})
    void anInvalidPayloadHashIsAnInvalidArgument(String value) {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", value)),
                SigningOptions.s3());

        assertThatThrownBy(() -> verify(request, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ");
        });
    }

    @Test
    void everyStreamingValueIsAcceptedAsTheSignedPayloadHash() {
        for (String value : List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD")) {
            HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", value)),
                    SigningOptions.s3());
            assertThat(verify(request, NOW, SECRET).payloadHash()).isEqualTo(value);
        }
    }

    @Test
    void aCredentialScopeThatDoesNotFitIsMalformedInS3Words() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());
        String authorization = request.header("Authorization").orElseThrow();
        HttpRequestParts otherDay = Fixtures.withHeader(request, "Authorization",
                authorization.replace("/20261123/", "/20261124/"));
        HttpRequestParts otherTerminal = Fixtures.withHeader(request, "Authorization",
                authorization.replace("aws4_request", "aws5_request"));

        assertThatThrownBy(() -> verify(otherDay, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("The authorization header is malformed; Invalid credential date."
                    + " Date is not the same as X-Amz-Date.");
        });
        assertThatThrownBy(() -> verify(otherTerminal, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e ->
                assertThat(e.getMessage()).isEqualTo("The authorization header is malformed; incorrect terminal"
                        + " \"aws5_request\". This endpoint uses \"aws4_request\"."));
    }

    @Test
    void aPresignedCredentialScopeThatDoesNotFitIsAQueryParametersError() {
        HttpRequestParts request = docRequest("GET", "/test.txt",
                DOC_PRESIGNED_QUERY.replace("%2F20130524%2F", "%2F20130525%2F"), Map.of());

        assertThatThrownBy(() -> verify(request, DOC_TIME, DOC_SECRET)).isInstanceOfSatisfying(S3Exception.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
                    assertThat(e.getMessage()).isEqualTo("Invalid credential date \"20130525\". This date is not the"
                            + " same as X-Amz-Date: \"20130524\".");
                });
    }

    @Test
    void theExpiredAnswerCarriesS3sElements() {
        HttpRequestParts request = docRequest("GET", "/test.txt", DOC_PRESIGNED_QUERY, Map.of());

        assertThatThrownBy(() -> verify(request, Instant.parse("2013-05-25T00:00:01Z"), DOC_SECRET))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.details()).containsExactly(
                        new S3Exception.Detail("X-Amz-Expires", "86400"),
                        new S3Exception.Detail("Expires", "2013-05-25T00:00:00Z"),
                        new S3Exception.Detail("ServerTime", "2013-05-25T00:00:01Z")));
    }

    @Test
    void aHeaderSignedRequestOutsideTheSkewWindowIsTooSkewed() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());

        verify(request, NOW.plus(Duration.ofMinutes(15)), SECRET);
        verify(request, NOW.minus(Duration.ofMinutes(15)), SECRET);
        for (Instant now : List.of(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1),
                NOW.minus(Duration.ofMinutes(15)).minusSeconds(1))) {
            assertThatThrownBy(() -> verify(request, now, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.errorCode()).isEqualTo(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
                assertThat(e.errorCode().httpStatus()).isEqualTo(403);
            });
        }
    }

    @Test
    void anAmzHeaderAddedAfterSigningIsRefused() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());
        HttpRequestParts tampered = Fixtures.withHeader(request, "X-Amz-Copy-Source", "/other-bucket/secret");

        assertThatThrownBy(() -> verify(tampered, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
            assertThat(e.getMessage()).isEqualTo("There were headers present in the request which were not signed");
            assertThat(e.details()).containsExactly(new S3Exception.Detail("HeadersNotSigned", "x-amz-copy-source"));
        });
    }

    @Test
    void otherUnsignedHeadersAndXAmznAreNotOurConcern() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());
        HttpRequestParts more = Fixtures.withHeader(Fixtures.withHeader(request, "User-Agent", "curl"),
                "X-Amzn-Trace-Id", "Root=1-abc");

        verify(more, NOW, SECRET);
    }

    @Test
    void aChangedPayloadHashIsASignatureMismatchInS3Words() {
        HttpRequestParts request = signed(s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3());
        HttpRequestParts tampered = Fixtures.withHeader(request, "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER");

        assertThatThrownBy(() -> verify(tampered, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
            assertThat(e.getMessage()).isEqualTo("The request signature we calculated does not match the signature"
                    + " you provided. Check your key and signing method.");
        });
    }

    @Test
    void aPathSignedTheNonS3WayDoesNotVerify() {
        HttpRequestParts request = signed(s3Put("/bucket/a%20b", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")),
                SigningOptions.s3().withNormalizePath(false).withExtraSignedHeaders());
        verify(request, NOW, SECRET);
        HttpRequestParts doubleEncoded = signed(s3Put("/bucket/a%20b",
                Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD")), SigningOptions.defaults()
                .withExtraSignedHeaders("x-amz-content-sha256"));

        assertThatThrownBy(() -> verify(doubleEncoded, NOW, SECRET)).isInstanceOf(S3Exception.class)
                .extracting(e -> ((S3Exception) e).errorCode()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void theSessionTokenMustBeSigned() {
        SigV4Signer session = new SigV4Signer(Fixtures.SESSION_KEY_ID, SECRET, Optional.of(Fixtures.TOKEN));
        HttpRequestParts unsigned = s3Put("/bucket/k", Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        HttpRequestParts request = Fixtures.withAdded(unsigned, session.signHeaders(unsigned, "us-east-1", "s3", NOW,
                SigningOptions.s3().withSessionTokenSigned(false)));

        assertThatThrownBy(() -> verify(request, NOW, SECRET)).isInstanceOfSatisfying(S3Exception.class, e ->
                assertThat(e.details()).containsExactly(
                        new S3Exception.Detail("HeadersNotSigned", "x-amz-security-token")));
    }
}
