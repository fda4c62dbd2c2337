package dev.lanyard.s3;

import static dev.lanyard.s3.Requests.CLASSIFIER;
import static dev.lanyard.s3.Requests.OWNERS;
import static dev.lanyard.s3.Requests.allOf;
import static dev.lanyard.s3.Requests.classify;
import static dev.lanyard.s3.Requests.render;
import static dev.lanyard.s3.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.Partition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hosts and paths: virtual-hosted and path-style addressing, and keys as S3 decodes them. */
class AddressingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bkt.s3.example.test|/k|VIRTUAL_HOSTED|bkt|k",
        "bkt.s3.example.test:9000|/dir/k|VIRTUAL_HOSTED|bkt|dir/k",
        "BKT.S3.Example.Test|/k|VIRTUAL_HOSTED|bkt|k",
        "bkt.s3.example.test.|/k|VIRTUAL_HOSTED|bkt|k",
        "my.dotted.bucket.s3.example.test|/k|VIRTUAL_HOSTED|my.dotted.bucket|k",
        "s3.example.test|/bkt/k|PATH|bkt|k",
        "s3.example.test:9000|/bkt/k|PATH|bkt|k",
        "127.0.0.1:9000|/bkt/k|PATH|bkt|k",
        "[::1]:9000|/bkt/k|PATH|bkt|k",
        "localhost|/bkt/k|PATH|bkt|k",
        "xs3.example.test|/bkt/k|PATH|bkt|k",
        "bkt.s3.example.test.evil.test|/bkt/k|PATH|bkt|k"})
    void virtualHostedAndPathStyle(String host, String path, AddressingStyle style, String bucket, String key) {
        S3Classification classification = CLASSIFIER.classify(request("GET", host, path, Map.of()), OWNERS);

        assertThat(classification.addressingStyle()).isEqualTo(style);
        assertThat(classification.operation()).isEqualTo(S3Operation.GET_OBJECT);
        assertThat(classification.object()).contains(new ObjectRef(bucket, key, Optional.empty()));
        assertThat(classification.backendPath()).isEqualTo("/" + bucket + "/" + key);
    }

    @Test
    void virtualHostedBucketOperations() {
        assertThat(CLASSIFIER.classify(request("GET", "bkt.s3.example.test", "/", Map.of()), OWNERS).operation())
                .isEqualTo(S3Operation.LIST_OBJECTS);
        assertThat(CLASSIFIER.classify(request("GET", "bkt.s3.example.test", "", Map.of()), OWNERS).operation())
                .isEqualTo(S3Operation.LIST_OBJECTS);
        assertThat(CLASSIFIER.classify(request("GET", "s3.example.test", "/", Map.of()), OWNERS).operation())
                .isEqualTo(S3Operation.LIST_BUCKETS);
        S3Classification versioning = CLASSIFIER.classify(request("GET", "versioning.s3.example.test",
                "/?versioning", Map.of()), OWNERS);
        assertThat(render(allOf(versioning))).containsExactly("s3:GetBucketVersioning arn:aws:s3:::versioning");
    }

    @Test
    void withoutBaseDomainsEveryRequestIsPathStyle() {
        S3Classifier pathOnly = new S3Classifier(S3Addressing.pathStyleOnly(), Partition.AWS);

        S3Classification classification = pathOnly.classify(request("GET", "bkt.s3.example.test", "/other/k",
                Map.of()), OWNERS);

        assertThat(classification.addressingStyle()).isEqualTo(AddressingStyle.PATH);
        assertThat(classification.object()).contains(new ObjectRef("other", "k", Optional.empty()));
    }

    @Test
    void resourcesAreNamedInTheServedPartition() {
        S3Classifier lanyard = new S3Classifier(S3Addressing.virtualHostedUnder(Requests.BASE_DOMAIN),
                Partition.of("lanyard"));
        S3Classification copy = lanyard.classify(request("PUT", "/bkt/new", Map.of("x-amz-copy-source",
                "/other/old")), OWNERS);
        assertThat(allOf(copy)).extracting(S3Authorization::resource)
                .contains("arn:lanyard:s3:::bkt/new", "arn:lanyard:s3:::other/old")
                .allMatch(arn -> arn.startsWith("arn:lanyard:s3:::"));
        assertThat(lanyard.classify(request("GET", "/bkt", Map.of()), OWNERS).listBucketCheck())
                .map(S3Authorization::resource).contains("arn:lanyard:s3:::bkt");
        S3Classification delete = lanyard.classify(request("POST", "/bkt?delete", Map.of()), OWNERS)
                .withBody("<Delete><Object><Key>k</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8));
        assertThat(((RequiredAuthorizations.EachEntry) delete.required()).entries())
                .flatExtracting(RequiredAuthorizations.EachEntry.Entry::authorizations)
                .extracting(S3Authorization::resource).containsOnly("arn:lanyard:s3:::bkt/k");
    }

    @Test
    void baseDomainsAreLowerCaseHostNames() {
        for (String domain : List.of("S3.example.test", ".s3.example.test", "s3.example.test:9000", "")) {
            assertThatThrownBy(() -> S3Addressing.virtualHostedUnder(domain))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Buckets named like subresources are buckets: position decides, not the name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET|/acl?acl|GET_BUCKET_ACL|s3:GetBucketAcl arn:aws:s3:::acl",
        "GET|/versions?versions|LIST_OBJECT_VERSIONS|s3:ListBucketVersions arn:aws:s3:::versions",
        "GET|/uploads|LIST_OBJECTS|s3:ListBucket arn:aws:s3:::uploads",
        "POST|/uploads/uploads?uploads|CREATE_MULTIPART_UPLOAD|s3:PutObject arn:aws:s3:::uploads/uploads",
        "GET|/tagging/acl|GET_OBJECT|s3:GetObject arn:aws:s3:::tagging/acl",
        "GET|/policy/?policy|GET_BUCKET_POLICY|s3:GetBucketPolicy arn:aws:s3:::policy"})
    void bucketsNamedLikeSubresources(String method, String target, S3Operation operation, String expected) {
        S3Classification classification = classify(method, target);

        assertThat(classification.operation()).isEqualTo(operation);
        assertThat(render(allOf(classification))).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/bkt/dir%2Fsub%2Ffile.txt|dir/sub/file.txt|/bkt/dir/sub/file.txt",
        "/bkt/a+b|a b|/bkt/a%20b",
        "/bkt/a%2Bb|a+b|/bkt/a%2Bb",
        "/bkt/a%20b|a b|/bkt/a%20b",
        "/bkt/%E2%82%AC%20%F0%9F%98%80.txt|€ 😀.txt|/bkt/%E2%82%AC%20%F0%9F%98%80.txt",
        "/bkt/日本語/ファイル|日本語/ファイル|/bkt/%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB",
        "/bkt/a/../b|a/../b|/bkt/a/../b",
        "/bkt//double|/double|/bkt//double",
        "/bkt/trailing/|trailing/|/bkt/trailing/",
        "/bkt/q%3Fx%3Dy%26z|q?x=y&z|/bkt/q%3Fx%3Dy%26z",
        "/bkt/%2A|*|/bkt/%2A"})
    void keysAreDecodedAsS3DecodesThemAndForwardedCanonically(String path, String key, String backendPath) {
        S3Classification classification = classify("GET", path);

        assertThat(classification.object().orElseThrow().key()).isEqualTo(key);
        assertThat(allOf(classification).getFirst().resource()).isEqualTo("arn:aws:s3:::bkt/" + key);
        assertThat(classification.backendPath()).isEqualTo(backendPath);
    }

    @Test
    void theForwardedQueryIsCanonicalAndUnsigned() {
        S3Classification classification = classify("GET", "/bkt?list-type=2&prefix=a+b%2Fc&X-Amz-Algorithm="
                + "AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="
                + "20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=ab&X-Amz-Security-Token"
                + "=tok&X-Amz-User-Agent=aws-sdk-js&start-after=%E2%82%AC&fetch-owner");

        assertThat(classification.backendQuery()).isEqualTo("list-type=2&prefix=a%20b%2Fc&start-after=%E2%82%AC"
                + "&fetch-owner");
        assertThat(classify("POST", "/bkt/k?uploads").backendQuery()).isEqualTo("uploads");
        assertThat(classify("GET", "/bkt/k?uploadId=a%2Bb").backendQuery()).isEqualTo("uploadId=a%2Bb");
    }

    @Test
    void theForwardedCopySourceIsExactlyTheAuthorizedOne() {
        S3Classification classification = classify("PUT", "/bkt/k",
                Map.of("x-amz-copy-source", "src/a+b/%E2%82%AC?versionId=v%2B1"));

        assertThat(classification.copySource()).contains(new ObjectRef("src", "a b/€", Optional.of("v+1")));
        assertThat(classification.backendCopySource()).contains("src/a%20b/%E2%82%AC?versionId=v%2B1");
        assertThat(render(allOf(classification)).getLast())
                .isEqualTo("s3:GetObjectVersion arn:aws:s3:::src/a b/€ {s3:versionid=v+1}");
    }
}
