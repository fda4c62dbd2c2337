package dev.lanyard.s3;

import static dev.lanyard.s3.Requests.CLASSIFIER;
import static dev.lanyard.s3.Requests.OWNER;
import static dev.lanyard.s3.Requests.allOf;
import static dev.lanyard.s3.Requests.classify;
import static dev.lanyard.s3.Requests.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.policy.ContextKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where each S3 condition key comes from, and which authorizations carry it. */
class ConditionKeysTest {

    @Test
    void presignedRequestsAreRestQueryStringWithoutAPayloadHash() {
        S3Request presigned = new S3Request("GET", "s3.example.test", "/bkt/k", "X-Amz-Signature=ab", Map.of(),
                RequestSignature.presigned(), Optional.empty());

        ContextKeys keys = allOf(CLASSIFIER.classify(presigned, BucketOwners.unknown())).getFirst().keys();

        assertThat(keys.singleValue("s3:authType")).contains("REST-QUERY-STRING");
        assertThat(keys.singleValue("s3:signatureversion")).contains("AWS4-HMAC-SHA256");
        assertThat(keys.keys()).containsExactlyInAnyOrder("s3:authtype", "s3:signatureversion");
    }

    @Test
    void payloadHashTlsAndOwnerComeFromTheRequest() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        S3Request request = new S3Request("PUT", "s3.example.test", "/bkt/k", "", Map.of(),
                RequestSignature.header(sha), Optional.of("1.2"));

        S3Authorization authorization = allOf(CLASSIFIER.classify(request, b -> Optional.of(OWNER))).getFirst();

        assertThat(authorization.keys().singleValue("s3:x-amz-content-sha256")).contains(sha);
        assertThat(authorization.keys().singleValue("s3:TlsVersion")).contains("1.2");
        assertThat(authorization.keys().singleValue("s3:ResourceAccount")).contains(OWNER.value());
        assertThat(authorization.resourceAccount()).contains(OWNER);
        assertThat(PayloadMode.fromHeader(sha)).contains(PayloadMode.SIGNED_PAYLOAD);
    }

    @Test
    void everyStreamingFormIsAPayloadMode() {
        assertThat(PayloadMode.fromHeader("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))
                .contains(PayloadMode.STREAMING_SIGNED_PAYLOAD);
        assertThat(PayloadMode.fromHeader("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"))
                .contains(PayloadMode.STREAMING_SIGNED_PAYLOAD_TRAILER);
        assertThat(PayloadMode.fromHeader("STREAMING-UNSIGNED-PAYLOAD-TRAILER"))
                .contains(PayloadMode.STREAMING_UNSIGNED_PAYLOAD_TRAILER);
        assertThat(PayloadMode.fromHeader("UNSIGNED-PAYLOAD")).contains(PayloadMode.UNSIGNED_PAYLOAD);
        String streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        S3Request upload = new S3Request("PUT", "s3.example.test", "/bkt/k", "", Map.of(),
                RequestSignature.header(streaming), Optional.empty());
        assertThat(allOf(CLASSIFIER.classify(upload, BucketOwners.unknown())).getFirst().keys()
                .singleValue("s3:x-amz-content-sha256")).contains(streaming);
    }

    @Test
    void anUnknownOwnerLeavesResourceAccountAbsent() {
        S3Request request = Requests.request("GET", "/unowned/k", Map.of());

        S3Authorization authorization = allOf(CLASSIFIER.classify(request, BucketOwners.unknown())).getFirst();

        assertThat(authorization.keys().values("s3:ResourceAccount")).isEmpty();
        assertThat(authorization.resourceAccount()).isEmpty();
    }

    /** A key an action does not list is not in its context, even when the request carries the parameter. */
    @Test
    void keysStayWithTheActionsThatTakeThem() {
        assertThat(render(allOf(classify("GET", "/bkt?uploads&prefix=a&delimiter=%2F"))))
                .containsExactly("s3:ListBucketMultipartUploads arn:aws:s3:::bkt");
        assertThat(render(allOf(classify("GET", "/bkt/k", Map.of("x-amz-acl", "public-read",
                "x-amz-server-side-encryption", "AES256")))))
                .containsExactly("s3:GetObject arn:aws:s3:::bkt/k");
        assertThat(render(allOf(classify("DELETE", "/bkt/k?versionId=v1", Map.of("If-Match", "\"e\"")))))
                .containsExactly("s3:DeleteObjectVersion arn:aws:s3:::bkt/k {s3:versionid=v1}");
        assertThat(render(allOf(classify("DELETE", "/bkt/k", Map.of("If-Match", "\"e\"")))))
                .containsExactly("s3:DeleteObject arn:aws:s3:::bkt/k {s3:if-match=\"e\"}");
        // the copy source's own version and owner, not the destination's
        assertThat(render(allOf(classify("PUT", "/bkt/k?partNumber=1&uploadId=u",
                Map.of("x-amz-copy-source", "other/s?versionId=7", "x-amz-acl", "private")))))
                .containsExactly("s3:PutObject arn:aws:s3:::bkt/k {s3:x-amz-acl=private,"
                        + " s3:x-amz-copy-source=other/s}",
                        "s3:GetObjectVersion arn:aws:s3:::other/s {s3:resourceaccount=444455556666,"
                                + " s3:versionid=7}");
    }

    @Test
    void requestObjectTagKeysIsMultiValued() {
        ContextKeys keys = allOf(classify("PUT", "/bkt/k", Map.of("x-amz-tagging", "b=2&a=1"))).getFirst().keys();

        assertThat(keys.isMultiValued("s3:RequestObjectTagKeys")).isTrue();
        assertThat(keys.values("s3:RequestObjectTagKeys")).contains(List.of("b", "a"));
        assertThat(keys.singleValue("s3:RequestObjectTag/b")).contains("2");
    }

    @Test
    void anEmptyTaggingHeaderSetsNoTags() {
        assertThat(render(allOf(classify("PUT", "/bkt/k", Map.of("x-amz-tagging", "")))))
                .containsExactly("s3:PutObject arn:aws:s3:::bkt/k");
    }

    @Test
    void existingObjectTagsAreMarkedForLookupOnlyWhereTheActionTakesThem() {
        S3Authorization get = allOf(classify("GET", "/bkt/k?versionId=v1")).getFirst();
        assertThat(get.existingObjectTagsOf()).contains(new ObjectRef("bkt", "k", Optional.of("v1")));

        S3Authorization withTags = get.withExistingObjectTags(Map.of("Classification", "public"));
        assertThat(withTags.keys().singleValue("s3:ExistingObjectTag/Classification")).contains("public");
        assertThat(withTags.keys().singleValue("s3:VersionId")).contains("v1");
        assertThat(withTags.existingObjectTagsOf()).isEmpty();

        S3Authorization source = allOf(classify("PUT", "/bkt/k", Map.of("x-amz-copy-source", "src/s"))).getLast();
        assertThat(source.existingObjectTagsOf()).contains(new ObjectRef("src", "s", Optional.empty()));

        for (S3Authorization none : List.of(allOf(classify("PUT", "/bkt/k")).getFirst(),
                allOf(classify("DELETE", "/bkt/k")).getFirst(), allOf(classify("GET", "/bkt")).getFirst(),
                allOf(classify("GET", "/bkt/k?retention")).getFirst())) {
            assertThat(none.existingObjectTagsOf()).as(none.action()).isEmpty();
            assertThatThrownBy(() -> none.withExistingObjectTags(Map.of())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void listBucketCheckDecidesBetween404And403() {
        S3Authorization check = classify("HEAD", "/bkt/missing?versionId=v1").listBucketCheck().orElseThrow();

        assertThat(render(check)).isEqualTo("s3:ListBucket arn:aws:s3:::bkt");
        assertThat(classify("GET", "/").listBucketCheck()).isEmpty();
    }
}
