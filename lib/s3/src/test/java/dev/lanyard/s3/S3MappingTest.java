package dev.lanyard.s3;

import static dev.lanyard.s3.Requests.CLASSIFIER;
import static dev.lanyard.s3.Requests.OWNERS;
import static dev.lanyard.s3.Requests.render;
import static dev.lanyard.s3.Requests.request;
import static dev.lanyard.s3.S3Operation.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of docs/s3-mapping.md: a request for the operation and the authorizations AWS makes for it (action,
 * resource, the condition keys that differ from the ones every request carries). {@link #everyOperationHasARow}
 * fails when an operation is added without one.
 */
class S3MappingTest {
    private static final String O = "arn:aws:s3:::bkt/k";
    private static final String B = "arn:aws:s3:::bkt";

    record Row(S3Operation operation, String method, String target, Map<String, String> headers, String body,
            List<String> expected) {
        @Override
        public String toString() {
            return operation.awsName() + " " + method + " " + target + (headers.isEmpty() ? "" : " " + headers);
        }
    }

    private static Row row(S3Operation operation, String method, String target, String... expected) {
        return new Row(operation, method, target, Map.of(), null, List.of(expected));
    }

    private static Row row(S3Operation operation, String method, String target, Map<String, String> headers,
            String... expected) {
        return new Row(operation, method, target, headers, null, List.of(expected));
    }

    private static Row withBody(S3Operation operation, String method, String target, Map<String, String> headers,
            String body, String... expected) {
        return new Row(operation, method, target, headers, body, List.of(expected));
    }

    static Stream<Row> rows() {
        return Stream.of(
                row(LIST_BUCKETS, "GET", "/", "s3:ListAllMyBuckets *"),

                withBody(CREATE_BUCKET, "PUT", "/bkt", Map.of(), "", "s3:CreateBucket " + B),
                withBody(CREATE_BUCKET, "PUT", "/bkt", Map.of(), "<CreateBucketConfiguration xmlns=\""
                        + "http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>eu-west-1</LocationConstraint>"
                        + "</CreateBucketConfiguration>", "s3:CreateBucket " + B + " {s3:locationconstraint=eu-west-1}"),
                withBody(CREATE_BUCKET, "PUT", "/bkt", Map.of("x-amz-acl", "private"), "",
                        "s3:CreateBucket " + B + " {s3:x-amz-acl=private}"),
                withBody(CREATE_BUCKET, "PUT", "/bkt", Map.of("x-amz-acl", "public-read", "x-amz-object-ownership",
                        "ObjectWriter", "x-amz-bucket-object-lock-enabled", "true"), "",
                        "s3:CreateBucket " + B + " {s3:x-amz-acl=public-read, s3:x-amz-object-ownership=ObjectWriter}",
                        "s3:PutBucketAcl " + B + " {s3:x-amz-acl=public-read}",
                        "s3:PutBucketObjectLockConfiguration " + B,
                        "s3:PutBucketVersioning " + B,
                        "s3:PutBucketOwnershipControls " + B),
                withBody(CREATE_BUCKET, "PUT", "/bkt", Map.of("x-amz-grant-read", "id=\"abc\""), "",
                        "s3:CreateBucket " + B + " {s3:x-amz-grant-read=id=\"abc\"}",
                        "s3:PutBucketAcl " + B + " {s3:x-amz-grant-read=id=\"abc\"}"),
                row(DELETE_BUCKET, "DELETE", "/bkt", "s3:DeleteBucket " + B),
                row(HEAD_BUCKET, "HEAD", "/bkt", "s3:ListBucket " + B),
                row(HEAD_BUCKET, "HEAD", "/bkt?prefix=x", "s3:ListBucket " + B),
                row(LIST_OBJECTS, "GET", "/bkt?prefix=home%2Falice%2F&delimiter=%2F&max-keys=10",
                        "s3:ListBucket " + B + " {s3:delimiter=/, s3:max-keys=10, s3:prefix=home/alice/}"),
                row(LIST_OBJECTS, "GET", "/bkt?prefix=", "s3:ListBucket " + B + " {s3:prefix=}"),
                row(LIST_OBJECTS_V2, "GET", "/bkt?list-type=2&prefix=a+b&max-keys=0",
                        "s3:ListBucket " + B + " {s3:max-keys=0, s3:prefix=a b}"),
                row(LIST_OBJECT_VERSIONS, "GET", "/bkt?versions&prefix=logs%2F&delimiter=%2F",
                        "s3:ListBucketVersions " + B + " {s3:delimiter=/, s3:prefix=logs/}"),
                row(LIST_MULTIPART_UPLOADS, "GET", "/bkt?uploads&prefix=x&max-uploads=7",
                        "s3:ListBucketMultipartUploads " + B),
                withBody(DELETE_OBJECTS, "POST", "/bkt?delete", Map.of(),
                        "<Delete><Object><Key>k1</Key></Object><Object><Key>k2</Key><VersionId>v2</VersionId></Object>"
                                + "</Delete>",
                        "k1: s3:DeleteObject arn:aws:s3:::bkt/k1",
                        "k2?versionId=v2: s3:DeleteObjectVersion arn:aws:s3:::bkt/k2 {s3:versionid=v2}"),
                withBody(DELETE_OBJECTS, "POST", "/bkt?delete", Map.of("x-amz-bypass-governance-retention", "true"),
                        "<Delete><Object><Key>k</Key><VersionId>v</VersionId></Object></Delete>",
                        "k?versionId=v: s3:DeleteObjectVersion " + O + " {s3:versionid=v}"
                                + " + s3:BypassGovernanceRetention " + O),
                row(GET_BUCKET_LOCATION, "GET", "/bkt?location", "s3:GetBucketLocation " + B),
                row(GET_BUCKET_POLICY, "GET", "/bkt?policy", "s3:GetBucketPolicy " + B),
                row(PUT_BUCKET_POLICY, "PUT", "/bkt?policy", "s3:PutBucketPolicy " + B),
                row(DELETE_BUCKET_POLICY, "DELETE", "/bkt?policy", "s3:DeleteBucketPolicy " + B),
                row(GET_BUCKET_POLICY_STATUS, "GET", "/bkt?policyStatus", "s3:GetBucketPolicyStatus " + B),
                row(GET_BUCKET_VERSIONING, "GET", "/bkt?versioning", "s3:GetBucketVersioning " + B),
                row(PUT_BUCKET_VERSIONING, "PUT", "/bkt?versioning", "s3:PutBucketVersioning " + B),
                row(GET_BUCKET_ACL, "GET", "/bkt?acl", "s3:GetBucketAcl " + B),
                row(PUT_BUCKET_ACL, "PUT", "/bkt?acl", Map.of("x-amz-acl", "private"),
                        "s3:PutBucketAcl " + B + " {s3:x-amz-acl=private}"),
                row(GET_BUCKET_TAGGING, "GET", "/bkt?tagging", "s3:GetBucketTagging " + B),
                row(PUT_BUCKET_TAGGING, "PUT", "/bkt?tagging", "s3:PutBucketTagging " + B),
                row(DELETE_BUCKET_TAGGING, "DELETE", "/bkt?tagging", "s3:PutBucketTagging " + B),
                row(GET_BUCKET_CORS, "GET", "/bkt?cors", "s3:GetBucketCORS " + B),
                row(PUT_BUCKET_CORS, "PUT", "/bkt?cors", "s3:PutBucketCORS " + B),
                row(DELETE_BUCKET_CORS, "DELETE", "/bkt?cors", "s3:PutBucketCORS " + B),
                row(GET_BUCKET_LIFECYCLE_CONFIGURATION, "GET", "/bkt?lifecycle", "s3:GetLifecycleConfiguration " + B),
                row(PUT_BUCKET_LIFECYCLE_CONFIGURATION, "PUT", "/bkt?lifecycle", "s3:PutLifecycleConfiguration " + B),
                row(DELETE_BUCKET_LIFECYCLE, "DELETE", "/bkt?lifecycle", "s3:PutLifecycleConfiguration " + B),
                row(GET_BUCKET_ENCRYPTION, "GET", "/bkt?encryption", "s3:GetEncryptionConfiguration " + B),
                row(PUT_BUCKET_ENCRYPTION, "PUT", "/bkt?encryption", "s3:PutEncryptionConfiguration " + B),
                row(DELETE_BUCKET_ENCRYPTION, "DELETE", "/bkt?encryption", "s3:PutEncryptionConfiguration " + B),
                row(GET_OBJECT_LOCK_CONFIGURATION, "GET", "/bkt?object-lock",
                        "s3:GetBucketObjectLockConfiguration " + B),
                row(PUT_OBJECT_LOCK_CONFIGURATION, "PUT", "/bkt?object-lock",
                        "s3:PutBucketObjectLockConfiguration " + B),
                row(GET_BUCKET_OWNERSHIP_CONTROLS, "GET", "/bkt?ownershipControls",
                        "s3:GetBucketOwnershipControls " + B),
                row(PUT_BUCKET_OWNERSHIP_CONTROLS, "PUT", "/bkt?ownershipControls",
                        "s3:PutBucketOwnershipControls " + B),
                row(DELETE_BUCKET_OWNERSHIP_CONTROLS, "DELETE", "/bkt?ownershipControls",
                        "s3:PutBucketOwnershipControls " + B),
                row(GET_PUBLIC_ACCESS_BLOCK, "GET", "/bkt?publicAccessBlock", "s3:GetBucketPublicAccessBlock " + B),
                row(PUT_PUBLIC_ACCESS_BLOCK, "PUT", "/bkt?publicAccessBlock", "s3:PutBucketPublicAccessBlock " + B),
                row(DELETE_PUBLIC_ACCESS_BLOCK, "DELETE", "/bkt?publicAccessBlock",
                        "s3:PutBucketPublicAccessBlock " + B),
                row(GET_BUCKET_WEBSITE, "GET", "/bkt?website", "s3:GetBucketWebsite " + B),
                row(PUT_BUCKET_WEBSITE, "PUT", "/bkt?website", "s3:PutBucketWebsite " + B),
                row(DELETE_BUCKET_WEBSITE, "DELETE", "/bkt?website", "s3:DeleteBucketWebsite " + B),
                row(GET_BUCKET_LOGGING, "GET", "/bkt?logging", "s3:GetBucketLogging " + B),
                row(PUT_BUCKET_LOGGING, "PUT", "/bkt?logging", "s3:PutBucketLogging " + B),
                row(GET_BUCKET_NOTIFICATION_CONFIGURATION, "GET", "/bkt?notification",
                        "s3:GetBucketNotification " + B),
                row(PUT_BUCKET_NOTIFICATION_CONFIGURATION, "PUT", "/bkt?notification",
                        "s3:PutBucketNotification " + B),
                row(GET_BUCKET_REQUEST_PAYMENT, "GET", "/bkt?requestPayment", "s3:GetBucketRequestPayment " + B),
                row(PUT_BUCKET_REQUEST_PAYMENT, "PUT", "/bkt?requestPayment", "s3:PutBucketRequestPayment " + B),
                row(GET_BUCKET_ACCELERATE_CONFIGURATION, "GET", "/bkt?accelerate",
                        "s3:GetAccelerateConfiguration " + B),
                row(PUT_BUCKET_ACCELERATE_CONFIGURATION, "PUT", "/bkt?accelerate",
                        "s3:PutAccelerateConfiguration " + B),
                row(GET_BUCKET_REPLICATION, "GET", "/bkt?replication", "s3:GetReplicationConfiguration " + B),
                row(PUT_BUCKET_REPLICATION, "PUT", "/bkt?replication", "s3:PutReplicationConfiguration " + B),
                row(DELETE_BUCKET_REPLICATION, "DELETE", "/bkt?replication", "s3:PutReplicationConfiguration " + B),

                row(GET_OBJECT, "GET", "/bkt/k", "s3:GetObject " + O),
                row(GET_OBJECT, "GET", "/bkt/k?versionId=v1", "s3:GetObjectVersion " + O + " {s3:versionid=v1}"),
                row(GET_OBJECT, "GET", "/bkt/k?versionId=null", "s3:GetObjectVersion " + O + " {s3:versionid=null}"),
                row(GET_OBJECT, "GET", "/bkt/k?partNumber=3&response-content-type=text%2Fplain", "s3:GetObject " + O),
                row(HEAD_OBJECT, "HEAD", "/bkt/k", "s3:GetObject " + O),
                row(HEAD_OBJECT, "HEAD", "/bkt/k?versionId=v1", "s3:GetObjectVersion " + O + " {s3:versionid=v1}"),
                row(PUT_OBJECT, "PUT", "/bkt/k", "s3:PutObject " + O),
                row(PUT_OBJECT, "PUT", "/bkt/k?versionId=v1", "s3:PutObject " + O),
                row(PUT_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-server-side-encryption", "aws:kms",
                        "x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:111122223333:key/1",
                        "x-amz-storage-class", "STANDARD_IA", "x-amz-website-redirect-location", "/other",
                        "If-None-Match", "*"),
                        "s3:PutObject " + O + " {s3:if-none-match=*, s3:x-amz-server-side-encryption=aws:kms,"
                                + " s3:x-amz-server-side-encryption-aws-kms-key-id="
                                + "arn:aws:kms:us-east-1:111122223333:key/1, s3:x-amz-storage-class=STANDARD_IA,"
                                + " s3:x-amz-website-redirect-location=/other}"),
                row(PUT_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-acl", "bucket-owner-full-control",
                        "x-amz-tagging", "Project=blue&Team=a%20b"),
                        "s3:PutObject " + O + " {s3:requestobjecttag/project=blue, s3:requestobjecttag/team=a b,"
                                + " s3:requestobjecttagkeys=[Project, Team], s3:x-amz-acl=bucket-owner-full-control}",
                        "s3:PutObjectAcl " + O + " {s3:x-amz-acl=bucket-owner-full-control}",
                        "s3:PutObjectTagging " + O + " {s3:requestobjecttag/project=blue,"
                                + " s3:requestobjecttag/team=a b, s3:requestobjecttagkeys=[Project, Team]}"),
                row(PUT_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-object-lock-mode", "GOVERNANCE",
                        "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z",
                        "x-amz-object-lock-legal-hold", "ON"),
                        "s3:PutObject " + O + " {s3:object-lock-legal-hold=ON, s3:object-lock-mode=GOVERNANCE,"
                                + " s3:object-lock-retain-until-date=2030-01-01T00:00:00Z}",
                        "s3:PutObjectRetention " + O + " {s3:object-lock-mode=GOVERNANCE,"
                                + " s3:object-lock-retain-until-date=2030-01-01T00:00:00Z}",
                        "s3:PutObjectLegalHold " + O + " {s3:object-lock-legal-hold=ON}"),
                row(COPY_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-copy-source", "/src/dir/f%20g.txt?versionId=v9",
                        "x-amz-metadata-directive", "REPLACE"),
                        "s3:PutObject " + O + " {s3:x-amz-copy-source=src/dir/f g.txt,"
                                + " s3:x-amz-metadata-directive=REPLACE}",
                        "s3:GetObjectVersion arn:aws:s3:::src/dir/f g.txt {s3:versionid=v9}"),
                row(COPY_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-copy-source", "other/x"),
                        "s3:PutObject " + O + " {s3:x-amz-copy-source=other/x}",
                        "s3:GetObject arn:aws:s3:::other/x {s3:resourceaccount=444455556666}"),
                row(COPY_OBJECT, "PUT", "/bkt/k", Map.of("x-amz-copy-source", "src/s", "x-amz-acl", "private",
                        "x-amz-tagging-directive", "REPLACE", "x-amz-tagging", "t=1", "x-amz-object-lock-mode",
                        "COMPLIANCE", "x-amz-object-lock-legal-hold", "OFF"),
                        "s3:PutObject " + O + " {s3:object-lock-legal-hold=OFF, s3:object-lock-mode=COMPLIANCE,"
                                + " s3:requestobjecttag/t=1, s3:requestobjecttagkeys=[t], s3:x-amz-acl=private,"
                                + " s3:x-amz-copy-source=src/s}",
                        "s3:PutObjectAcl " + O + " {s3:x-amz-acl=private}",
                        "s3:PutObjectTagging " + O + " {s3:requestobjecttag/t=1, s3:requestobjecttagkeys=[t]}",
                        "s3:PutObjectRetention " + O + " {s3:object-lock-mode=COMPLIANCE}",
                        "s3:PutObjectLegalHold " + O + " {s3:object-lock-legal-hold=OFF}",
                        "s3:GetObject arn:aws:s3:::src/s"),
                row(DELETE_OBJECT, "DELETE", "/bkt/k", "s3:DeleteObject " + O),
                row(DELETE_OBJECT, "DELETE", "/bkt/k?versionId=v1",
                        "s3:DeleteObjectVersion " + O + " {s3:versionid=v1}"),
                row(DELETE_OBJECT, "DELETE", "/bkt/k?versionId=v1", Map.of("x-amz-bypass-governance-retention", "true"),
                        "s3:DeleteObjectVersion " + O + " {s3:versionid=v1}",
                        "s3:BypassGovernanceRetention " + O),
                row(CREATE_MULTIPART_UPLOAD, "POST", "/bkt/k?uploads", "s3:PutObject " + O),
                row(CREATE_MULTIPART_UPLOAD, "POST", "/bkt/k?uploads", Map.of("x-amz-tagging", "a=1"),
                        "s3:PutObject " + O + " {s3:requestobjecttag/a=1, s3:requestobjecttagkeys=[a]}",
                        "s3:PutObjectTagging " + O + " {s3:requestobjecttag/a=1, s3:requestobjecttagkeys=[a]}"),
                row(CREATE_MULTIPART_UPLOAD, "POST", "/bkt/k?uploads", Map.of("x-amz-grant-read", "id=\"r\"",
                        "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z",
                        "x-amz-object-lock-legal-hold", "ON"),
                        "s3:PutObject " + O + " {s3:object-lock-legal-hold=ON,"
                                + " s3:object-lock-retain-until-date=2030-01-01T00:00:00Z, s3:x-amz-grant-read=id=\"r\"}",
                        "s3:PutObjectAcl " + O + " {s3:x-amz-grant-read=id=\"r\"}",
                        "s3:PutObjectRetention " + O + " {s3:object-lock-retain-until-date=2030-01-01T00:00:00Z}",
                        "s3:PutObjectLegalHold " + O + " {s3:object-lock-legal-hold=ON}"),
                row(UPLOAD_PART, "PUT", "/bkt/k?partNumber=1&uploadId=u-1", "s3:PutObject " + O),
                row(UPLOAD_PART_COPY, "PUT", "/bkt/k?partNumber=2&uploadId=u-1", Map.of("x-amz-copy-source", "src/s"),
                        "s3:PutObject " + O + " {s3:x-amz-copy-source=src/s}", "s3:GetObject arn:aws:s3:::src/s"),
                row(UPLOAD_PART_COPY, "PUT", "/bkt/k?uploadId=u-1&partNumber=10000",
                        Map.of("x-amz-copy-source", "bkt/k?versionId=v0"),
                        "s3:PutObject " + O + " {s3:x-amz-copy-source=bkt/k}",
                        "s3:GetObjectVersion " + O + " {s3:versionid=v0}"),
                row(COMPLETE_MULTIPART_UPLOAD, "POST", "/bkt/k?uploadId=u-1", "s3:PutObject " + O),
                row(ABORT_MULTIPART_UPLOAD, "DELETE", "/bkt/k?uploadId=u-1", "s3:AbortMultipartUpload " + O),
                row(LIST_PARTS, "GET", "/bkt/k?uploadId=u-1&max-parts=5", "s3:ListMultipartUploadParts " + O),
                row(GET_OBJECT_TAGGING, "GET", "/bkt/k?tagging", "s3:GetObjectTagging " + O),
                row(GET_OBJECT_TAGGING, "GET", "/bkt/k?tagging&versionId=v1",
                        "s3:GetObjectVersionTagging " + O + " {s3:versionid=v1}"),
                withBody(PUT_OBJECT_TAGGING, "PUT", "/bkt/k?tagging", Map.of(),
                        "<Tagging><TagSet><Tag><Key>env</Key><Value>prod</Value></Tag></TagSet></Tagging>",
                        "s3:PutObjectTagging " + O + " {s3:requestobjecttag/env=prod, s3:requestobjecttagkeys=[env]}"),
                withBody(PUT_OBJECT_TAGGING, "PUT", "/bkt/k?versionId=v1&tagging", Map.of(),
                        "<Tagging><TagSet></TagSet></Tagging>",
                        "s3:PutObjectVersionTagging " + O + " {s3:versionid=v1}"),
                row(DELETE_OBJECT_TAGGING, "DELETE", "/bkt/k?tagging", "s3:DeleteObjectTagging " + O),
                row(DELETE_OBJECT_TAGGING, "DELETE", "/bkt/k?tagging&versionId=v1",
                        "s3:DeleteObjectVersionTagging " + O + " {s3:versionid=v1}"),
                row(GET_OBJECT_ACL, "GET", "/bkt/k?acl", "s3:GetObjectAcl " + O),
                row(GET_OBJECT_ACL, "GET", "/bkt/k?acl&versionId=v1",
                        "s3:GetObjectVersionAcl " + O + " {s3:versionid=v1}"),
                row(PUT_OBJECT_ACL, "PUT", "/bkt/k?acl", Map.of("x-amz-grant-full-control", "id=\"x\""),
                        "s3:PutObjectAcl " + O + " {s3:x-amz-grant-full-control=id=\"x\"}"),
                row(PUT_OBJECT_ACL, "PUT", "/bkt/k?acl&versionId=v1", Map.of("x-amz-acl", "public-read"),
                        "s3:PutObjectVersionAcl " + O + " {s3:versionid=v1, s3:x-amz-acl=public-read}"),
                row(GET_OBJECT_ATTRIBUTES, "GET", "/bkt/k?attributes",
                        "s3:GetObject " + O, "s3:GetObjectAttributes " + O),
                row(GET_OBJECT_ATTRIBUTES, "GET", "/bkt/k?attributes&versionId=v1",
                        "s3:GetObjectVersion " + O + " {s3:versionid=v1}",
                        "s3:GetObjectVersionAttributes " + O + " {s3:versionid=v1}"),
                row(GET_OBJECT_RETENTION, "GET", "/bkt/k?retention&versionId=v1", "s3:GetObjectRetention " + O),
                withBody(PUT_OBJECT_RETENTION, "PUT", "/bkt/k?retention", Map.of(),
                        "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate>"
                                + "</Retention>",
                        "s3:PutObjectRetention " + O + " {s3:object-lock-mode=GOVERNANCE,"
                                + " s3:object-lock-retain-until-date=2030-01-01T00:00:00Z}"),
                withBody(PUT_OBJECT_RETENTION, "PUT", "/bkt/k?retention&versionId=v1",
                        Map.of("x-amz-bypass-governance-retention", "True"), "<Retention/>",
                        "s3:PutObjectRetention " + O, "s3:BypassGovernanceRetention " + O),
                row(GET_OBJECT_LEGAL_HOLD, "GET", "/bkt/k?legal-hold", "s3:GetObjectLegalHold " + O),
                withBody(PUT_OBJECT_LEGAL_HOLD, "PUT", "/bkt/k?legal-hold", Map.of(),
                        "<LegalHold><Status>OFF</Status></LegalHold>",
                        "s3:PutObjectLegalHold " + O + " {s3:object-lock-legal-hold=OFF}"),
                row(RESTORE_OBJECT, "POST", "/bkt/k?restore", "s3:RestoreObject " + O),
                row(SELECT_OBJECT_CONTENT, "POST", "/bkt/k?select&select-type=2", "s3:GetObject " + O),
                row(GET_OBJECT_TORRENT, "GET", "/bkt/k?torrent", "s3:GetObjectTorrent " + O),
                row(GET_OBJECT_TORRENT, "GET", "/bkt/k?torrent&versionId=v1",
                        "s3:GetObjectVersionTorrent " + O + " {s3:versionid=v1}"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void classifiesAsAwsAuthorizes(Row row) {
        S3Classification classification = CLASSIFIER.classify(request(row.method(), row.target(), row.headers()),
                OWNERS);
        if (row.body() != null) {
            assertThat(classification.required()).isInstanceOf(RequiredAuthorizations.BodyNeeded.class);
            classification = classification.withBody(row.body().getBytes(UTF_8));
        }

        assertThat(classification.operation()).isEqualTo(row.operation());
        assertThat(rendered(classification.required())).containsExactlyElementsOf(row.expected());
    }

    /** The keys every S3 action takes (authType, signatureversion, TlsVersion, ResourceAccount) are on every row. */
    @ParameterizedTest
    @MethodSource("rows")
    void everyAuthorizationCarriesTheRequestWideKeys(Row row) {
        S3Classification classification = CLASSIFIER.classify(request(row.method(), row.target(), row.headers()),
                OWNERS);
        if (row.body() != null) {
            classification = classification.withBody(row.body().getBytes(UTF_8));
        }
        for (S3Authorization authorization : authorizations(classification.required())) {
            Set<String> keys = authorization.keys().keys();
            assertThat(keys).as(authorization.action()).contains("s3:authtype", "s3:signatureversion",
                    "s3:tlsversion");
            // the Service Authorization Reference lists no s3:x-amz-content-sha256 for these two actions
            boolean lockConfiguration = authorization.action().endsWith("BucketObjectLockConfiguration");
            assertThat(keys.contains("s3:x-amz-content-sha256")).as(authorization.action())
                    .isEqualTo(!lockConfiguration);
            assertThat(keys.contains("s3:resourceaccount")).as(authorization.action())
                    .isEqualTo(!authorization.resource().equals("*"));
        }
    }

    @Test
    void everyOperationHasARow() {
        Set<S3Operation> covered = EnumSet.noneOf(S3Operation.class);
        rows().forEach(row -> covered.add(row.operation()));

        assertThat(covered).containsExactlyInAnyOrder(S3Operation.values());
    }

    static List<String> rendered(RequiredAuthorizations required) {
        return switch (required) {
            case RequiredAuthorizations.AllOf allOf -> render(allOf.authorizations());
            case RequiredAuthorizations.EachEntry each -> {
                List<String> lines = new ArrayList<>();
                for (RequiredAuthorizations.EachEntry.Entry entry : each.entries()) {
                    lines.add(entry.object().key() + entry.object().versionId().map(v -> "?versionId=" + v).orElse("")
                            + ": " + String.join(" + ", render(entry.authorizations())));
                }
                yield lines;
            }
            case RequiredAuthorizations.BodyNeeded needed -> List.of("body needed: " + needed.kind());
        };
    }

    static List<S3Authorization> authorizations(RequiredAuthorizations required) {
        return switch (required) {
            case RequiredAuthorizations.AllOf allOf -> allOf.authorizations();
            case RequiredAuthorizations.EachEntry each -> each.entries().stream()
                    .flatMap(entry -> entry.authorizations().stream()).toList();
            case RequiredAuthorizations.BodyNeeded needed -> List.of();
        };
    }
}
