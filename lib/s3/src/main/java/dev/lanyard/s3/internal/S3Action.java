package dev.lanyard.s3.internal;

import static dev.lanyard.s3.internal.ConditionKey.ACL;
import static dev.lanyard.s3.internal.ConditionKey.AUTH_TYPE;
import static dev.lanyard.s3.internal.ConditionKey.CONTENT_SHA256;
import static dev.lanyard.s3.internal.ConditionKey.COPY_SOURCE;
import static dev.lanyard.s3.internal.ConditionKey.DELIMITER;
import static dev.lanyard.s3.internal.ConditionKey.EXISTING_OBJECT_TAGS;
import static dev.lanyard.s3.internal.ConditionKey.GRANT_FULL_CONTROL;
import static dev.lanyard.s3.internal.ConditionKey.GRANT_READ;
import static dev.lanyard.s3.internal.ConditionKey.GRANT_READ_ACP;
import static dev.lanyard.s3.internal.ConditionKey.GRANT_WRITE;
import static dev.lanyard.s3.internal.ConditionKey.GRANT_WRITE_ACP;
import static dev.lanyard.s3.internal.ConditionKey.IF_MATCH;
import static dev.lanyard.s3.internal.ConditionKey.IF_NONE_MATCH;
import static dev.lanyard.s3.internal.ConditionKey.LOCATION_CONSTRAINT;
import static dev.lanyard.s3.internal.ConditionKey.MAX_KEYS;
import static dev.lanyard.s3.internal.ConditionKey.METADATA_DIRECTIVE;
import static dev.lanyard.s3.internal.ConditionKey.OBJECT_LOCK_LEGAL_HOLD;
import static dev.lanyard.s3.internal.ConditionKey.OBJECT_LOCK_MODE;
import static dev.lanyard.s3.internal.ConditionKey.OBJECT_LOCK_RETAIN_UNTIL_DATE;
import static dev.lanyard.s3.internal.ConditionKey.OBJECT_OWNERSHIP;
import static dev.lanyard.s3.internal.ConditionKey.PREFIX;
import static dev.lanyard.s3.internal.ConditionKey.REQUEST_OBJECT_TAGS;
import static dev.lanyard.s3.internal.ConditionKey.RESOURCE_ACCOUNT;
import static dev.lanyard.s3.internal.ConditionKey.SERVER_SIDE_ENCRYPTION;
import static dev.lanyard.s3.internal.ConditionKey.SIGNATURE_VERSION;
import static dev.lanyard.s3.internal.ConditionKey.SSE_CUSTOMER_ALGORITHM;
import static dev.lanyard.s3.internal.ConditionKey.SSE_KMS_KEY_ID;
import static dev.lanyard.s3.internal.ConditionKey.STORAGE_CLASS;
import static dev.lanyard.s3.internal.ConditionKey.TLS_VERSION;
import static dev.lanyard.s3.internal.ConditionKey.VERSION_ID;
import static dev.lanyard.s3.internal.ConditionKey.WEBSITE_REDIRECT_LOCATION;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions the classifier asks for, each with the S3 condition keys the Service Authorization Reference lists
 * for it (list_amazons3.html, "Actions defined by Amazon S3", read 2026-08 through its machine-readable copy). Only
 * keys the classifier can set are kept: access-point, access-grant, {@code s3:signatureAge},
 * {@code s3:object-lock-remaining-retention-days} and the annotation keys are not modelled.
 */
public enum S3Action {
    LIST_ALL_MY_BUCKETS("s3:ListAllMyBuckets"),
    CREATE_BUCKET("s3:CreateBucket", ACL, GRANT_FULL_CONTROL, GRANT_READ, GRANT_READ_ACP, GRANT_WRITE,
            GRANT_WRITE_ACP, OBJECT_OWNERSHIP, LOCATION_CONSTRAINT),
    DELETE_BUCKET("s3:DeleteBucket"),
    LIST_BUCKET("s3:ListBucket", PREFIX, DELIMITER, MAX_KEYS),
    LIST_BUCKET_VERSIONS("s3:ListBucketVersions", PREFIX, DELIMITER, MAX_KEYS),
    LIST_BUCKET_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads"),
    GET_BUCKET_LOCATION("s3:GetBucketLocation"),
    GET_BUCKET_POLICY("s3:GetBucketPolicy"),
    PUT_BUCKET_POLICY("s3:PutBucketPolicy"),
    DELETE_BUCKET_POLICY("s3:DeleteBucketPolicy"),
    GET_BUCKET_POLICY_STATUS("s3:GetBucketPolicyStatus"),
    GET_BUCKET_VERSIONING("s3:GetBucketVersioning"),
    PUT_BUCKET_VERSIONING("s3:PutBucketVersioning"),
    GET_BUCKET_ACL("s3:GetBucketAcl"),
    PUT_BUCKET_ACL("s3:PutBucketAcl", ACL, GRANT_FULL_CONTROL, GRANT_READ, GRANT_READ_ACP, GRANT_WRITE,
            GRANT_WRITE_ACP),
    GET_BUCKET_TAGGING("s3:GetBucketTagging"),
    PUT_BUCKET_TAGGING("s3:PutBucketTagging"),
    GET_BUCKET_CORS("s3:GetBucketCORS"),
    PUT_BUCKET_CORS("s3:PutBucketCORS"),
    GET_LIFECYCLE_CONFIGURATION("s3:GetLifecycleConfiguration"),
    PUT_LIFECYCLE_CONFIGURATION("s3:PutLifecycleConfiguration"),
    GET_ENCRYPTION_CONFIGURATION("s3:GetEncryptionConfiguration"),
    PUT_ENCRYPTION_CONFIGURATION("s3:PutEncryptionConfiguration"),
    // The table lists no s3:x-amz-content-sha256 for the two object-lock configuration actions.
    GET_BUCKET_OBJECT_LOCK_CONFIGURATION(EnumSet.of(AUTH_TYPE, SIGNATURE_VERSION, TLS_VERSION, RESOURCE_ACCOUNT),
            "s3:GetBucketObjectLockConfiguration"),
    PUT_BUCKET_OBJECT_LOCK_CONFIGURATION(EnumSet.of(AUTH_TYPE, SIGNATURE_VERSION, TLS_VERSION, RESOURCE_ACCOUNT),
            "s3:PutBucketObjectLockConfiguration"),
    GET_BUCKET_OWNERSHIP_CONTROLS("s3:GetBucketOwnershipControls"),
    PUT_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls"),
    GET_BUCKET_PUBLIC_ACCESS_BLOCK("s3:GetBucketPublicAccessBlock"),
    PUT_BUCKET_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock"),
    GET_BUCKET_WEBSITE("s3:GetBucketWebsite"),
    PUT_BUCKET_WEBSITE("s3:PutBucketWebsite"),
    DELETE_BUCKET_WEBSITE("s3:DeleteBucketWebsite"),
    GET_BUCKET_LOGGING("s3:GetBucketLogging"),
    PUT_BUCKET_LOGGING("s3:PutBucketLogging"),
    GET_BUCKET_NOTIFICATION("s3:GetBucketNotification"),
    PUT_BUCKET_NOTIFICATION("s3:PutBucketNotification"),
    GET_BUCKET_REQUEST_PAYMENT("s3:GetBucketRequestPayment"),
    PUT_BUCKET_REQUEST_PAYMENT("s3:PutBucketRequestPayment"),
    GET_ACCELERATE_CONFIGURATION("s3:GetAccelerateConfiguration"),
    PUT_ACCELERATE_CONFIGURATION("s3:PutAccelerateConfiguration"),
    GET_REPLICATION_CONFIGURATION("s3:GetReplicationConfiguration"),
    PUT_REPLICATION_CONFIGURATION("s3:PutReplicationConfiguration"),

    GET_OBJECT("s3:GetObject", EXISTING_OBJECT_TAGS),
    GET_OBJECT_VERSION("s3:GetObjectVersion", EXISTING_OBJECT_TAGS, VERSION_ID),
    PUT_OBJECT("s3:PutObject", REQUEST_OBJECT_TAGS, IF_MATCH, IF_NONE_MATCH, OBJECT_LOCK_LEGAL_HOLD, OBJECT_LOCK_MODE,
            OBJECT_LOCK_RETAIN_UNTIL_DATE, ACL, GRANT_FULL_CONTROL, GRANT_READ, GRANT_READ_ACP, GRANT_WRITE,
            GRANT_WRITE_ACP, COPY_SOURCE, METADATA_DIRECTIVE, SERVER_SIDE_ENCRYPTION, SSE_KMS_KEY_ID,
            SSE_CUSTOMER_ALGORITHM, STORAGE_CLASS, WEBSITE_REDIRECT_LOCATION),
    DELETE_OBJECT("s3:DeleteObject", IF_MATCH),
    DELETE_OBJECT_VERSION("s3:DeleteObjectVersion", VERSION_ID),
    ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload"),
    LIST_MULTIPART_UPLOAD_PARTS("s3:ListMultipartUploadParts"),
    GET_OBJECT_TAGGING("s3:GetObjectTagging", EXISTING_OBJECT_TAGS),
    GET_OBJECT_VERSION_TAGGING("s3:GetObjectVersionTagging", EXISTING_OBJECT_TAGS, VERSION_ID),
    PUT_OBJECT_TAGGING("s3:PutObjectTagging", EXISTING_OBJECT_TAGS, REQUEST_OBJECT_TAGS),
    PUT_OBJECT_VERSION_TAGGING("s3:PutObjectVersionTagging", EXISTING_OBJECT_TAGS, REQUEST_OBJECT_TAGS, VERSION_ID),
    DELETE_OBJECT_TAGGING("s3:DeleteObjectTagging", EXISTING_OBJECT_TAGS),
    DELETE_OBJECT_VERSION_TAGGING("s3:DeleteObjectVersionTagging", EXISTING_OBJECT_TAGS, VERSION_ID),
    GET_OBJECT_ACL("s3:GetObjectAcl", EXISTING_OBJECT_TAGS),
    GET_OBJECT_VERSION_ACL("s3:GetObjectVersionAcl", EXISTING_OBJECT_TAGS, VERSION_ID),
    PUT_OBJECT_ACL("s3:PutObjectAcl", EXISTING_OBJECT_TAGS, ACL, GRANT_FULL_CONTROL, GRANT_READ, GRANT_READ_ACP,
            GRANT_WRITE, GRANT_WRITE_ACP, STORAGE_CLASS),
    PUT_OBJECT_VERSION_ACL("s3:PutObjectVersionAcl", EXISTING_OBJECT_TAGS, ACL, GRANT_FULL_CONTROL, GRANT_READ,
            GRANT_READ_ACP, GRANT_WRITE, GRANT_WRITE_ACP, STORAGE_CLASS, VERSION_ID),
    GET_OBJECT_ATTRIBUTES("s3:GetObjectAttributes", EXISTING_OBJECT_TAGS),
    GET_OBJECT_VERSION_ATTRIBUTES("s3:GetObjectVersionAttributes", EXISTING_OBJECT_TAGS, VERSION_ID),
    GET_OBJECT_RETENTION("s3:GetObjectRetention"),
    PUT_OBJECT_RETENTION("s3:PutObjectRetention", OBJECT_LOCK_MODE, OBJECT_LOCK_RETAIN_UNTIL_DATE),
    GET_OBJECT_LEGAL_HOLD("s3:GetObjectLegalHold"),
    PUT_OBJECT_LEGAL_HOLD("s3:PutObjectLegalHold", OBJECT_LOCK_LEGAL_HOLD),
    BYPASS_GOVERNANCE_RETENTION("s3:BypassGovernanceRetention", REQUEST_OBJECT_TAGS, ACL, GRANT_FULL_CONTROL,
            GRANT_READ, GRANT_READ_ACP, GRANT_WRITE, GRANT_WRITE_ACP, COPY_SOURCE, METADATA_DIRECTIVE,
            SERVER_SIDE_ENCRYPTION, SSE_KMS_KEY_ID, SSE_CUSTOMER_ALGORITHM, STORAGE_CLASS, WEBSITE_REDIRECT_LOCATION),
    RESTORE_OBJECT("s3:RestoreObject"),
    GET_OBJECT_TORRENT("s3:GetObjectTorrent"),
    GET_OBJECT_VERSION_TORRENT("s3:GetObjectVersionTorrent", VERSION_ID);

    private final String actionName;
    private final Set<ConditionKey> keys;

    S3Action(String actionName, ConditionKey... specific) {
        this.actionName = actionName;
        EnumSet<ConditionKey> all = EnumSet.copyOf(Common.KEYS);
        all.addAll(List.of(specific));
        this.keys = Collections.unmodifiableSet(all);
    }

    S3Action(EnumSet<ConditionKey> keys, String actionName) {
        this.actionName = actionName;
        this.keys = Collections.unmodifiableSet(EnumSet.copyOf(keys));
    }

    /**
     * The keys the table lists for (nearly) every S3 action; a holder class because enum constants are constructed
     * before the enum's own static fields are assigned.
     */
    private static final class Common {
        static final Set<ConditionKey> KEYS = Collections.unmodifiableSet(
                EnumSet.of(AUTH_TYPE, SIGNATURE_VERSION, CONTENT_SHA256, TLS_VERSION, RESOURCE_ACCOUNT));
    }

    /** {@code s3:GetObject}, ... */
    public String actionName() {
        return actionName;
    }

    public boolean takes(ConditionKey key) {
        return keys.contains(key);
    }
}
