package dev.lanyard.s3.internal;

/**
 * The S3-specific condition keys the classifier sets, spelled as the Service Authorization Reference lists them
 * (list_amazons3.html, "Condition keys for Amazon S3"); policy keys are case-insensitive, so the spelling is for
 * people. The two per-tag families carry their tag key after the slash.
 */
public enum ConditionKey {
    AUTH_TYPE("s3:authType"),
    SIGNATURE_VERSION("s3:signatureversion"),
    CONTENT_SHA256("s3:x-amz-content-sha256"),
    TLS_VERSION("s3:TlsVersion"),
    RESOURCE_ACCOUNT("s3:ResourceAccount"),
    PREFIX("s3:prefix"),
    DELIMITER("s3:delimiter"),
    MAX_KEYS("s3:max-keys"),
    VERSION_ID("s3:VersionId"),
    ACL("s3:x-amz-acl"),
    GRANT_FULL_CONTROL("s3:x-amz-grant-full-control"),
    GRANT_READ("s3:x-amz-grant-read"),
    GRANT_READ_ACP("s3:x-amz-grant-read-acp"),
    GRANT_WRITE("s3:x-amz-grant-write"),
    GRANT_WRITE_ACP("s3:x-amz-grant-write-acp"),
    SERVER_SIDE_ENCRYPTION("s3:x-amz-server-side-encryption"),
    SSE_KMS_KEY_ID("s3:x-amz-server-side-encryption-aws-kms-key-id"),
    SSE_CUSTOMER_ALGORITHM("s3:x-amz-server-side-encryption-customer-algorithm"),
    STORAGE_CLASS("s3:x-amz-storage-class"),
    WEBSITE_REDIRECT_LOCATION("s3:x-amz-website-redirect-location"),
    METADATA_DIRECTIVE("s3:x-amz-metadata-directive"),
    COPY_SOURCE("s3:x-amz-copy-source"),
    OBJECT_LOCK_MODE("s3:object-lock-mode"),
    OBJECT_LOCK_RETAIN_UNTIL_DATE("s3:object-lock-retain-until-date"),
    OBJECT_LOCK_LEGAL_HOLD("s3:object-lock-legal-hold"),
    IF_MATCH("s3:if-match"),
    IF_NONE_MATCH("s3:if-none-match"),
    OBJECT_OWNERSHIP("s3:x-amz-object-ownership"),
    LOCATION_CONSTRAINT("s3:LocationConstraint"),
    /** {@code s3:RequestObjectTag/<key>} for each tag, with {@code s3:RequestObjectTagKeys} (multi-valued). */
    REQUEST_OBJECT_TAGS("s3:RequestObjectTag/"),
    /** {@code s3:ExistingObjectTag/<key>}: set by the gateway after a backend lookup, never from the request. */
    EXISTING_OBJECT_TAGS("s3:ExistingObjectTag/");

    public static final String REQUEST_OBJECT_TAG_KEYS = "s3:RequestObjectTagKeys";

    private final String keyName;

    ConditionKey(String keyName) {
        this.keyName = keyName;
    }

    /** The key, or for the two tag families the prefix before the tag key. */
    public String keyName() {
        return keyName;
    }
}
