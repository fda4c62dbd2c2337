package dev.lanyard.s3;

import static dev.lanyard.s3.Requests.CLASSIFIER;
import static dev.lanyard.s3.Requests.OWNERS;
import static dev.lanyard.s3.Requests.classify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests S3 refuses, refused with S3's code, status, message and extra elements. */
class S3ErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/B/k", "/ab/k", "/a..b", "/-abc", "/abc-", "/192.168.1.1/k", "/a_b/k", "/abc%2Fdef",
            "/a-very-long-bucket-name-that-goes-on-and-on-beyond-sixty-three-c", "/bkt%C3%A9"})
    void invalidBucketNames(String target) {
        String bucket = target.substring(1).split("/")[0].replace("%2F", "/").replace("%C3%A9", "é");
        assertS3Error(() -> classify("GET", target), S3ErrorCode.INVALID_BUCKET_NAME, 400,
                "The specified bucket is not valid.", Map.of("BucketName", bucket));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn--abc", "sthree-abc", "amzn-s3-demo-bucket", "abc-s3alias", "abc--ol-s3", "abc.mrap",
            "abc--x-s3", "abc--table-s3"})
    void reservedNamesAreRefusedOnlyWhenCreating(String bucket) {
        assertS3Error(() -> classify("PUT", "/" + bucket), S3ErrorCode.INVALID_BUCKET_NAME, 400,
                "The specified bucket is not valid.", Map.of("BucketName", bucket));
        assertThat(classify("GET", "/" + bucket + "/k").operation()).isEqualTo(S3Operation.GET_OBJECT);
    }

    @Test
    void keysOfUpTo1024BytesOfUtf8() {
        assertThat(classify("GET", "/bkt/" + "a".repeat(1024)).object().orElseThrow().key()).hasSize(1024);
        assertThat(classify("GET", "/bkt/" + "%E2%82%AC".repeat(341)).object().orElseThrow().key()).hasSize(341);

        assertS3Error(() -> classify("GET", "/bkt/" + "a".repeat(1025)), S3ErrorCode.KEY_TOO_LONG, 400,
                "Your key is too long", Map.of("Size", "1025", "MaxSizeAllowed", "1024"));
        assertS3Error(() -> classify("PUT", "/bkt/" + "%E2%82%AC".repeat(342)), S3ErrorCode.KEY_TOO_LONG, 400,
                "Your key is too long", Map.of("Size", "1026", "MaxSizeAllowed", "1024"));
        assertS3Error(() -> classify("PUT", "/bkt/k", Map.of("x-amz-copy-source", "src/" + "b".repeat(1025))),
                S3ErrorCode.KEY_TOO_LONG, 400, "Your key is too long", Map.of("Size", "1025", "MaxSizeAllowed", "1024"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/bkt?max-keys=abc|Provided max-keys not an integer or within integer range|max-keys|abc",
        "/bkt?list-type=2&max-keys=99999999999|Provided max-keys not an integer or within integer range|max-keys"
                + "|99999999999",
        "/bkt?max-keys=-1|Argument maxKeys must be an integer between 0 and 2147483647|max-keys|-1",
        "/bkt?versions&max-keys=1.5|Provided max-keys not an integer or within integer range|max-keys|1.5",
        "/bkt?uploads&max-uploads=x|Provided max-uploads not an integer or within integer range|max-uploads|x",
        "/bkt/k?uploadId=u&max-parts=-3|Argument max-parts must be an integer between 0 and 2147483647|max-parts|-3",
        "/bkt/k?uploadId=u&part-number-marker=z|Argument partNumberMarker must be an integer.|part-number-marker|z",
        "/bkt/k?versionId=|Version id cannot be the empty string|versionId|",
        "/bkt/k?tagging&versionId=|Version id cannot be the empty string|versionId|",
        "/bkt/k?partNumber=0|Part number must be an integer between 1 and 10000, inclusive|partNumber|0",
        "/bkt?list-type=1|Invalid List Type specified|list-type|1"})
    void malformedQueryParametersAreInvalidArgument(String target, String message, String name, String value) {
        assertS3Error(() -> classify("GET", target), S3ErrorCode.INVALID_ARGUMENT, 400, message,
                Map.of("ArgumentName", name, "ArgumentValue", value == null ? "" : value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bkt/k?partNumber=10001&uploadId=u", "/bkt/k?uploadId=u", "/bkt/k?partNumber=x&uploadId=u"})
    void uploadPartNeedsAPartNumber(String target) {
        assertS3Error(() -> classify("PUT", target), S3ErrorCode.INVALID_ARGUMENT, 400,
                "Part number must be an integer between 1 and 10000, inclusive", null);
    }

    @ParameterizedTest
    @CsvSource({"GET,/bkt?analytics", "GET,/bkt?inventory&id=1", "PUT,/bkt?metrics&id=1", "GET,/bkt?session",
            "PUT,/bkt/k?renameObject", "PUT,/bkt/k?encryption", "POST,/bkt", "OPTIONS,/bkt/k"})
    void unsupportedOperationsAreNotImplemented(String method, String target) {
        assertS3Error(() -> classify(method, target), S3ErrorCode.NOT_IMPLEMENTED, 501,
                "A header you provided implies functionality that is not implemented", Map.of());
    }

    @ParameterizedTest
    @CsvSource({"POST,/bkt/k,OBJECT", "PATCH,/bkt/k,OBJECT", "PUT,/,SERVICE", "DELETE,/,SERVICE", "GET,/bkt?delete,BUCKET",
            "POST,/bkt?acl,BUCKET", "DELETE,/bkt?versioning,BUCKET", "GET,/bkt/k?restore,OBJECT",
            "GET,/bkt/k?uploads,OBJECT", "HEAD,/bkt/k?uploadId=u,OBJECT", "DELETE,/bkt/k?acl,OBJECT"})
    void methodsTheResourceDoesNotTakeAreMethodNotAllowed(String method, String target, String resourceType) {
        assertS3Error(() -> classify(method, target), S3ErrorCode.METHOD_NOT_ALLOWED, 405,
                "The specified method is not allowed against this resource.",
                Map.of("Method", method, "ResourceType", resourceType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bkt?acl&tagging", "/bkt/k?tagging&uploadId=u", "/bkt/k?acl&retention",
            "/bkt?versions&list-type=2", "/bkt?uploads&versioning"})
    void twoSubresourcesAreRefusedRatherThanGuessed(String target) {
        assertS3Error(() -> classify("GET", target), S3ErrorCode.INVALID_REQUEST, 400, null, Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/bkt?prefix=a&prefix=b|prefix|b",
        "/bkt/k?versionId=v1&versionId=v2|versionId|v2",
        "/bkt/k?VersionId=v1|VersionId|v1",
        "/bkt/k?UploadId=u&partNumber=1|UploadId|u",
        "/bkt/k?x-amz-acl=public-read|x-amz-acl|public-read",
        "/bkt/k?X-Amz-Tagging=a%3Db|X-Amz-Tagging|a=b"})
    void ambiguousQueryParametersAreRefused(String target, String name, String value) {
        assertS3Error(() -> classify("PUT", target), S3ErrorCode.INVALID_ARGUMENT, 400, null,
                Map.of("ArgumentName", name, "ArgumentValue", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bkt/%zz", "/bkt/a%2", "/bkt/%C3%28", "/bkt/%FF", "/bkt?prefix=%E2%82", "/bkt?pre%GGfix=a",
            "//k", "bkt/k"})
    void undecodablePathsAndQueriesAreInvalidUri(String target) {
        assertS3Error(() -> classify("GET", target), S3ErrorCode.INVALID_URI, 400, "Couldn't parse the specified URI.",
                Map.of());
    }

    @Test
    void aHeaderThatAuthorizationReadsMayAppearOnlyOnce() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-amz-acl", List.of("private"));
        headers.put("X-Amz-Acl", List.of("public-read"));
        S3Request request = new S3Request("PUT", "s3.example.test", "/bkt/k", "", headers,
                RequestSignature.header("UNSIGNED-PAYLOAD"), Optional.empty());

        assertS3Error(() -> CLASSIFIER.classify(request, OWNERS), S3ErrorCode.INVALID_ARGUMENT, 400,
                "The header may appear only once", Map.of("ArgumentName", "x-amz-acl",
                        "ArgumentValue", "private,public-read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "unsigned-payload",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"})
    void unknownPayloadHashesAreInvalidArgument(String contentSha256) {
        S3Request request = new S3Request("PUT", "s3.example.test", "/bkt/k", "", Map.of(),
                RequestSignature.header(contentSha256), Optional.empty());

        assertS3Error(() -> CLASSIFIER.classify(request, OWNERS), S3ErrorCode.INVALID_ARGUMENT, 400,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
                        + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid"
                        + " sha256 value.",
                Map.of("ArgumentName", "x-amz-content-sha256", "ArgumentValue", contentSha256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobucket", "src/", "/src", "src", "src/k?partNumber=1", "%zz/k", "src/k?versionId="})
    void malformedCopySources(String copySource) {
        assertThatThrownBy(() -> classify("PUT", "/bkt/k", Map.of("x-amz-copy-source", copySource)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details().getFirst().value()).isIn("x-amz-copy-source", "versionId");
                });
    }

    @Test
    void copySourceThroughAnAccessPointIsNotImplemented() {
        assertS3Error(() -> classify("PUT", "/bkt/k", Map.of("x-amz-copy-source",
                "arn%3Aaws%3As3%3Aus-west-2%3A123456789012%3Aaccesspoint%2Fap%2Fobject%2Fk")),
                S3ErrorCode.NOT_IMPLEMENTED, 501, null, Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a=1&a=2|InvalidArgument", "a=%zz|InvalidArgument",
            "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1&k=1|InvalidTag", "=v|InvalidTag"})
    void badTaggingHeaders(String tagging, String code) {
        assertThatThrownBy(() -> classify("PUT", "/bkt/k", Map.of("x-amz-tagging", tagging)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.errorCode().code()).isEqualTo(code));
    }

    @Test
    void selectNeedsSelectType2() {
        assertS3Error(() -> classify("POST", "/bkt/k?select"), S3ErrorCode.INVALID_ARGUMENT, 400,
                "Invalid select type specified", Map.of("ArgumentName", "select-type", "ArgumentValue", ""));
    }

    /** Asserts code, status, message (when not null) and the extra elements (when not null), in order. */
    static void assertS3Error(ThrowingCallable call, S3ErrorCode code, int status, String message,
            Map<String, String> details) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.errorCode().httpStatus()).isEqualTo(status);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
            if (details != null) {
                Map<String, String> actual = new LinkedHashMap<>();
                e.details().forEach(d -> actual.put(d.element(), d.value()));
                assertThat(actual).containsExactlyInAnyOrderEntriesOf(details);
            }
        });
    }
}
