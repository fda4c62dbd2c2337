package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The AWS SDK for Java v2 through the gateway onto s3proxy: S3Client with its default checksums (aws-chunked with a
 * trailing checksum over plain HTTP), S3AsyncClient's multipart upload, and the allow and deny cases of S3's
 * authorization: same account either side, cross account both sides, explicit deny, 404 against 403, DeleteObjects'
 * partial result, CopyObject's source and destination, versionId actions, bucket policies answered by the gateway.
 */
class S3GatewaySdkTest {
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static S3Client s3(AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(URI.create(gateway.s3Endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static S3Client s3(Credentials credentials) {
        return s3(Clients.session(credentials));
    }

    private static String errorCode(Throwable thrown) {
        return ((S3Exception) thrown).awsErrorDetails().errorCode();
    }

    private static int status(Throwable thrown) {
        return ((S3Exception) thrown).statusCode();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A bucket created by a role of the test account that may do anything with it. */
    private static S3Client ownBucket(String bucket) {
        S3Client owner = s3(gateway.assumeRole(bucket + "-owner", allow(bucket, "s3:*")));
        owner.createBucket(r -> r.bucket(bucket));
        return owner;
    }

    @Test
    void defaultChecksumsRoundTripAndPaginatedListing() {
        S3Client s3 = ownBucket("sdk-basics");
        byte[] data = randomBytes(300_000, 1);
        s3.putObject(r -> r.bucket("sdk-basics").key("dir/data.bin"), RequestBody.fromBytes(data));
        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(r -> r.bucket("sdk-basics").key("many/" + n), RequestBody.fromString("item " + n));
        }
        ResponseBytes<GetObjectResponse> back = s3.getObjectAsBytes(r -> r.bucket("sdk-basics").key("dir/data.bin"));
        assertThat(back.asByteArray()).isEqualTo(data);
        assertThat(s3.headObject(r -> r.bucket("sdk-basics").key("dir/data.bin")).contentLength())
                .isEqualTo(data.length);
        List<String> keys = s3.listObjectsV2Paginator(r -> r.bucket("sdk-basics").prefix("many/").maxKeys(2))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).containsExactly("many/0", "many/1", "many/2", "many/3", "many/4");
    }

    /**
     * The gateway's audit records (allowed, denied, with bodies, with checksums) never hold a secret: not the
     * callers' secret keys or session tokens, not the backend's key the gateway re-signs with.
     */
    @Test
    void theAuditTrailHoldsNoSecret() throws Exception {
        S3Client owner = ownBucket("sdk-secrets");
        owner.putObject(r -> r.bucket("sdk-secrets").key("k"), RequestBody.fromString("kept"));
        owner.getObjectAsBytes(r -> r.bucket("sdk-secrets").key("k"));
        S3Client stranger = s3(gateway.assumeRole("sdk-secrets-stranger", allow("other-bucket", "s3:*")));
        assertThatThrownBy(() -> stranger.getObjectAsBytes(r -> r.bucket("sdk-secrets").key("k")))
                .isInstanceOf(S3Exception.class);
        List<String> lines = gateway.auditLines();
        assertThat(lines).anyMatch(line -> line.contains("\"eventSource\":\"s3.amazonaws.com\""));
        List<String> secrets = gateway.secrets();
        assertThat(secrets).hasSizeGreaterThan(5);
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }

    @Test
    void eachCallIsAuditedAsS3() throws Exception {
        S3Client owner = ownBucket("sdk-audited");
        String putId = owner.putObject(r -> r.bucket("sdk-audited").key("a/b.txt"), RequestBody.fromString("x"))
                .responseMetadata().requestId();
        String getId = owner.getObjectAsBytes(r -> r.bucket("sdk-audited").key("a/b.txt")).response()
                .responseMetadata().requestId();
        S3Client stranger = s3(gateway.assumeRole("sdk-audited-stranger", allow("other-bucket", "s3:*")));
        S3Exception denied = (S3Exception) org.assertj.core.api.Assertions.catchThrowable(() ->
                stranger.getObjectAsBytes(r -> r.bucket("sdk-audited").key("a/b.txt")));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> records = new java.util.ArrayList<>();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        // the server writes records a few milliseconds after the answer: read until the denial's is there too
        while (records.stream().noneMatch(r -> r.path("requestID").asText().equals(denied.requestId()))
                && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            records.clear();
            try (var files = Files.list(gateway.server.dataDirectory.resolve("audit"))) {
                for (var file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        records.add(json.readTree(line));
                    }
                }
            }
        }
        java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> byId = id -> records.stream()
                .filter(r -> r.path("requestID").asText().equals(id)).findFirst().orElseThrow();
        var put = byId.apply(putId);
        assertThat(put.path("eventSource").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(put.path("eventName").asText()).isEqualTo("PutObject");
        assertThat(put.path("readOnly").asBoolean()).isFalse();
        assertThat(put.path("eventCategory").asText()).isEqualTo("Data");
        assertThat(put.path("requestParameters").toString())
                .isEqualTo("{\"bucketName\":\"sdk-audited\",\"key\":\"a/b.txt\"}");
        assertThat(put.at("/userIdentity/type").asText()).isEqualTo("AssumedRole");
        var get = byId.apply(getId);
        assertThat(get.path("eventName").asText()).isEqualTo("GetObject");
        assertThat(get.path("readOnly").asBoolean()).isTrue();
        var refusal = byId.apply(denied.requestId());
        assertThat(refusal.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(refusal.at("/userIdentity/arn").asText()).contains("sdk-audited-stranger");
        assertThat(refusal.at("/additionalEventData/lanyardDecidingStatements").asText()).isNotEmpty();
    }

    @Test
    void asyncMultipartUploadPartsAreAuthorizedAsPutObject() throws Exception {
        Credentials writer = gateway.assumeRole("sdk-multipart-owner", allow("sdk-multipart", "s3:*"));
        s3(writer).createBucket(r -> r.bucket("sdk-multipart"));
        byte[] data = randomBytes(17 * 1024 * 1024 + 5, 2);
        try (S3AsyncClient async = S3AsyncClient.builder().endpointOverride(URI.create(gateway.s3Endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true).multipartEnabled(true)
                .credentialsProvider(StaticCredentialsProvider.create(Clients.session(writer))).build()) {
            async.putObject(r -> r.bucket("sdk-multipart").key("big.bin"), AsyncRequestBody.fromBytes(data)).get();
        }
        // Read back whole: the async client's multipart download asks for one part, which s3proxy does not serve.
        assertThat(s3(writer).getObjectAsBytes(r -> r.bucket("sdk-multipart").key("big.bin")).asByteArray())
                .isEqualTo(data);
        // A role that may not s3:PutObject cannot upload a part either.
        Credentials reader = gateway.assumeRole("sdk-multipart-reader", allow("sdk-multipart", "s3:GetObject",
                "s3:ListBucketMultipartUploads", "s3:AbortMultipartUpload"));
        String upload = s3(writer).createMultipartUpload(r -> r.bucket("sdk-multipart").key("parts.bin")).uploadId();
        assertThatThrownBy(() -> s3(reader).uploadPart(r -> r.bucket("sdk-multipart").key("parts.bin")
                .uploadId(upload).partNumber(1), RequestBody.fromBytes(randomBytes(1024, 3))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        s3(reader).abortMultipartUpload(r -> r.bucket("sdk-multipart").key("parts.bin").uploadId(upload));
    }

    /**
     * s3proxy's store has no GetObjectTagging (501): a read decided by a policy that names s3:ExistingObjectTag fails
     * closed, while the same read by a role whose policies name no existing tag never asks the store for tags and
     * succeeds. (S3GatewayMotoTest decides by real tags on a store that has them.)
     */
    @Test
    void objectTagsAreFetchedOnlyWhenAPolicyNamesThem() {
        S3Client owner = ownBucket("sdk-lazy-tags");
        owner.putObject(r -> r.bucket("sdk-lazy-tags").key("doc.txt"), RequestBody.fromString("doc"));
        S3Client plain = s3(gateway.assumeRole("sdk-lazy-plain", allow("sdk-lazy-tags", "s3:GetObject")));
        assertThat(plain.getObjectAsBytes(r -> r.bucket("sdk-lazy-tags").key("doc.txt")).asUtf8String())
                .isEqualTo("doc");
        S3Client tagged = s3(gateway.assumeRole("sdk-lazy-tagged", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::sdk-lazy-tags/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/team\":\"web\"}}}]}"));
        assertThatThrownBy(() -> tagged.getObjectAsBytes(r -> r.bucket("sdk-lazy-tags").key("doc.txt")))
                .satisfies(e -> {
                    assertThat(status(e)).isEqualTo(500);
                    assertThat(errorCode(e)).isEqualTo("InternalError");
                });
    }

    @Test
    void aMissingKeyIs404OnlyForACallerWhoMayList() {
        ownBucket("sdk-missing");
        S3Client lister = s3(gateway.assumeRole("sdk-missing-lister", allow("sdk-missing", "s3:GetObject",
                "s3:ListBucket")));
        S3Client getter = s3(gateway.assumeRole("sdk-missing-getter", allow("sdk-missing", "s3:GetObject")));
        assertThatThrownBy(() -> lister.getObjectAsBytes(r -> r.bucket("sdk-missing").key("nothing")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> getter.getObjectAsBytes(r -> r.bucket("sdk-missing").key("nothing")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> getter.headObject(r -> r.bucket("sdk-missing").key("nothing")))
                .satisfies(e -> assertThat(status(e)).isEqualTo(403));
        assertThatThrownBy(() -> lister.headObject(r -> r.bucket("sdk-missing").key("nothing")))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
    }

    @Test
    void deleteObjectsDeletesTheAllowedKeysAndReportsTheOthers() {
        S3Client owner = ownBucket("sdk-delete");
        for (String key : List.of("tmp/a", "tmp/b", "keep/c")) {
            owner.putObject(r -> r.bucket("sdk-delete").key(key), RequestBody.fromString(key));
        }
        S3Client cleaner = s3(gateway.assumeRole("sdk-delete-cleaner", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::sdk-delete/tmp/*\"}]}"));
        DeleteObjectsResponse result = cleaner.deleteObjects(r -> r.bucket("sdk-delete").delete(d -> d.objects(
                ObjectIdentifier.builder().key("tmp/a").build(), ObjectIdentifier.builder().key("keep/c").build(),
                ObjectIdentifier.builder().key("tmp/b").build())));
        assertThat(result.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("tmp/a", "tmp/b");
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("keep/c");
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
        assertThat(gateway.backend.storage.resolve("sdk-delete/keep/c")).exists();
        assertThat(gateway.backend.storage.resolve("sdk-delete/tmp/a")).doesNotExist();
    }

    @Test
    void copyObjectNeedsGetObjectOnTheSourceAndPutObjectOnTheDestination() {
        S3Client owner = ownBucket("sdk-copy");
        owner.putObject(r -> r.bucket("sdk-copy").key("secret/s"), RequestBody.fromString("secret"));
        owner.putObject(r -> r.bucket("sdk-copy").key("public/p"), RequestBody.fromString("public"));
        S3Client copier = s3(gateway.assumeRole("sdk-copier", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::sdk-copy/public/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::sdk-copy/copies/*\"}]}"));
        copier.copyObject(r -> r.sourceBucket("sdk-copy").sourceKey("public/p").destinationBucket("sdk-copy")
                .destinationKey("copies/p"));
        assertThat(owner.getObjectAsBytes(r -> r.bucket("sdk-copy").key("copies/p")).asUtf8String())
                .isEqualTo("public");
        assertThatThrownBy(() -> copier.copyObject(r -> r.sourceBucket("sdk-copy").sourceKey("secret/s")
                .destinationBucket("sdk-copy").destinationKey("copies/s")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> copier.copyObject(r -> r.sourceBucket("sdk-copy").sourceKey("public/p")
                .destinationBucket("sdk-copy").destinationKey("elsewhere/p")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(gateway.backend.storage.resolve("sdk-copy/copies/s")).doesNotExist();
    }

    @Test
    void aVersionIdNeedsTheVersionAction() {
        S3Client owner = ownBucket("sdk-versions");
        owner.putObject(r -> r.bucket("sdk-versions").key("v"), RequestBody.fromString("v"));
        S3Client getter = s3(gateway.assumeRole("sdk-versions-getter", allow("sdk-versions", "s3:GetObject",
                "s3:DeleteObject")));
        assertThat(getter.getObjectAsBytes(r -> r.bucket("sdk-versions").key("v")).asUtf8String()).isEqualTo("v");
        assertThatThrownBy(() -> getter.getObjectAsBytes(r -> r.bucket("sdk-versions").key("v").versionId("v1")))
                .satisfies(e -> assertThat(((S3Exception) e).getMessage()).contains("s3:GetObjectVersion"));
        assertThatThrownBy(() -> getter.deleteObject(r -> r.bucket("sdk-versions").key("v").versionId("v1")))
                .satisfies(e -> assertThat(((S3Exception) e).getMessage()).contains("s3:DeleteObjectVersion"));
    }

    @Test
    void aBucketPolicyGrantsWithinTheAccountAndAnExplicitDenyWins() {
        S3Client owner = ownBucket("sdk-policy");
        owner.putObject(r -> r.bucket("sdk-policy").key("doc"), RequestBody.fromString("doc"));
        Credentials nobody = gateway.assumeRole("sdk-policy-reader", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}");
        S3Client reader = s3(nobody);
        assertThatThrownBy(() -> reader.getObjectAsBytes(r -> r.bucket("sdk-policy").key("doc")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        String roleArn = "arn:aws:iam::" + gateway.account + ":role/sdk-policy-reader";
        owner.putBucketPolicy(r -> r.bucket("sdk-policy").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + roleArn + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::sdk-policy/*\"}]}"));
        assertThat(reader.getObjectAsBytes(r -> r.bucket("sdk-policy").key("doc")).asUtf8String()).isEqualTo("doc");
        assertThat(owner.getBucketPolicy(r -> r.bucket("sdk-policy")).policy()).contains(roleArn);
        assertThat(owner.getBucketPolicyStatus(r -> r.bucket("sdk-policy")).policyStatus().isPublic()).isFalse();

        // The owner's own identity policy allows s3:*, but the bucket policy's Deny is explicit.
        owner.putBucketPolicy(r -> r.bucket("sdk-policy").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::sdk-policy/*\"}]}"));
        assertThatThrownBy(() -> owner.getObjectAsBytes(r -> r.bucket("sdk-policy").key("doc")))
                .satisfies(e -> assertThat(((S3Exception) e).getMessage())
                        .contains("explicit deny in a resource-based policy"));
        owner.deleteBucketPolicy(r -> r.bucket("sdk-policy"));
        assertThatThrownBy(() -> owner.getBucketPolicy(r -> r.bucket("sdk-policy")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchBucketPolicy"));
        assertThat(owner.getObjectAsBytes(r -> r.bucket("sdk-policy").key("doc")).asUtf8String()).isEqualTo("doc");
    }

    @Test
    void aMalformedBucketPolicyIsRefusedWithS3sCode() {
        S3Client owner = ownBucket("sdk-malformed");
        assertThatThrownBy(() -> owner.putBucketPolicy(r -> r.bucket("sdk-malformed").policy("{not json")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicy"));
        assertThatThrownBy(() -> owner.putBucketPolicy(r -> r.bucket("sdk-malformed").policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::another-bucket/*\"}]}")))
                .satisfies(e -> assertThat(((S3Exception) e).getMessage()).contains("Policy has invalid resource"));
        assertThatThrownBy(() -> owner.putBucketPolicy(r -> r.bucket("sdk-malformed").policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"iam:CreateUser\",\"Resource\":\"arn:aws:s3:::sdk-malformed/*\"}]}")))
                .satisfies(e -> assertThat(((S3Exception) e).getMessage()).contains("Policy has invalid action"));
        assertThatThrownBy(() -> owner.getBucketPolicy(r -> r.bucket("sdk-malformed")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchBucketPolicy"));
    }

    @Test
    void anotherAccountNeedsBothItsOwnPolicyAndTheBucketPolicy() {
        S3Client owner = ownBucket("sdk-shared");
        owner.putObject(r -> r.bucket("sdk-shared").key("report"), RequestBody.fromString("report"));
        String member = Clients.organizations(gateway.server, Clients.root(gateway.server))
                .createAccount(r -> r.accountName("Member").email("member@example.test"))
                .createAccountStatus().accountId();
        AwsCredentials memberAdmin = Clients.session(Clients.sts(gateway.server, gateway.assumerCredentials())
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole")
                        .roleSessionName("member-admin")).credentials());
        S3Client memberS3 = s3(memberAdmin);
        // The member's administrator may do anything in its own account, but the bucket is another account's.
        assertThatThrownBy(() -> memberS3.getObjectAsBytes(r -> r.bucket("sdk-shared").key("report")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(memberS3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("sdk-shared");
        assertThatThrownBy(() -> memberS3.createBucket(r -> r.bucket("sdk-shared")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("BucketAlreadyExists"));
        assertThatThrownBy(() -> owner.createBucket(r -> r.bucket("sdk-shared")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("BucketAlreadyOwnedByYou"));

        owner.putBucketPolicy(r -> r.bucket("sdk-shared").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + member + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::sdk-shared/*\"}]}"));
        assertThat(memberS3.getObjectAsBytes(r -> r.bucket("sdk-shared").key("report")).asUtf8String())
                .isEqualTo("report");
        // Both sides: a member role whose own policies allow nothing stays refused despite the bucket policy.
        var memberIam = Clients.iam(gateway.server, memberAdmin);
        memberIam.createRole(r -> r.roleName("idle").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + member + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        memberIam.putRolePolicy(r -> r.roleName("idle").policyName("nothing").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"));
        S3Client idle = s3(Clients.sts(gateway.server, memberAdmin).assumeRole(r -> r.roleArn("arn:aws:iam::"
                + member + ":role/idle").roleSessionName("idle")).credentials());
        assertThatThrownBy(() -> idle.getObjectAsBytes(r -> r.bucket("sdk-shared").key("report")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void aWebIdentitySessionWritesUnderItsOwnSubjectOnly() {
        ownBucket("sdk-ci");
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            String providerArn = gateway.rootIam.createOpenIDConnectProvider(r -> r.url(idp.issuer)
                    .clientIDList("ci-app")).openIDConnectProviderArn();
            String key = idp.hostAndPath();
            gateway.rootIam.createRole(r -> r.roleName("ci-uploader").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
                    + "\"StringEquals\":{\"" + key + ":aud\":\"ci-app\"}}}]}"));
            // A policy variable from the identity provider's claims in the S3 resource.
            gateway.rootIam.putRolePolicy(r -> r.roleName("ci-uploader").policyName("own-prefix").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::sdk-ci/${" + key + ":sub}/*\"}]}"));
            var anonymous = software.amazon.awssdk.services.sts.StsClient.builder()
                    .endpointOverride(URI.create(gateway.server.endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            Credentials alice = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::" + gateway.account
                    + ":role/ci-uploader").roleSessionName("build-7").webIdentityToken(idp.token("alice", "ci-app")))
                    .credentials();
            S3Client s3 = s3(alice);
            s3.putObject(r -> r.bucket("sdk-ci").key("alice/build.log"), RequestBody.fromString("ok"));
            assertThatThrownBy(() -> s3.putObject(r -> r.bucket("sdk-ci").key("bob/build.log"),
                    RequestBody.fromString("no"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
            assertThat(gateway.backend.storage.resolve("sdk-ci/alice/build.log")).exists();
            assertThat(gateway.backend.storage.resolve("sdk-ci/bob/build.log")).doesNotExist();
        }
    }

    @Test
    void federationTokenCredentialsWorkWithinTheirSessionPolicy() {
        ownBucket("sdk-federated");
        Credentials federated = gateway.federationToken("fed-user", allow("sdk-federated", "s3:PutObject",
                "s3:GetObject"));
        // The session is capped by the parent user's own policies too: give the user S3 rights on the bucket.
        gateway.rootIam.putUserPolicy(r -> r.userName("gateway-tester").policyName("s3-federated")
                .policyDocument(allow("sdk-federated", "s3:*")));
        S3Client s3 = s3(federated);
        s3.putObject(r -> r.bucket("sdk-federated").key("f"), RequestBody.fromString("fed"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("sdk-federated").key("f")).asUtf8String()).isEqualTo("fed");
        assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket("sdk-federated").key("f")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(Optional.of(gateway.backend.storage.resolve("sdk-federated/f"))).get()
                .satisfies(p -> assertThat(Files.exists(p)).isTrue());
    }

    /**
     * ADR 0017's token versions at the gateway, as S3 has them: a v1 session token (from STS's global endpoint) works
     * in a region enabled by default and is refused as an invalid token in an opt-in one (ap-east-1); a v2 token works
     * in both.
     */
    @Test
    void aV1SessionTokenWorksOnlyInRegionsEnabledByDefault() {
        ownBucket("sdk-token-versions").putObject(r -> r.bucket("sdk-token-versions").key("k"),
                RequestBody.fromString("v"));
        Credentials v2 = gateway.assumeRole("sdk-token-reader", allow("sdk-token-versions", "s3:GetObject"));
        Credentials v1 = StsClient.builder().endpointOverride(URI.create(gateway.server.endpoint()))
                .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(
                        gateway.assumerCredentials())).httpClient(UrlConnectionHttpClient.create()).build()
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + gateway.server.accountId() + ":role/sdk-token-reader")
                        .roleSessionName("global")).credentials();
        assertThat(read(v2, Region.AP_EAST_1)).isEqualTo("v");
        assertThat(read(v1, Region.US_EAST_1)).isEqualTo("v");
        assertThatThrownBy(() -> read(v1, Region.AP_EAST_1)).satisfies(e -> {
            assertThat(errorCode(e)).isEqualTo("InvalidToken");
            assertThat(status(e)).isEqualTo(400);
        });
    }

    private static String read(Credentials credentials, Region region) {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(gateway.s3Endpoint())).region(region)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(Clients.session(
                        credentials))).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            return s3.getObjectAsBytes(r -> r.bucket("sdk-token-versions").key("k")).asUtf8String();
        }
    }
}
