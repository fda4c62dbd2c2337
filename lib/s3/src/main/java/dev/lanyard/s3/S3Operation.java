package dev.lanyard.s3;

/**
 * The S3 API operations the classifier recognises, by AWS's operation names (botocore's S3 model, 2006-03-01). Each
 * row of docs/s3-mapping.md is one constant; {@code S3MappingTest} holds a request for every constant.
 */
public enum S3Operation {
    LIST_BUCKETS("ListBuckets", Level.SERVICE),
    CREATE_BUCKET("CreateBucket", Level.BUCKET),
    DELETE_BUCKET("DeleteBucket", Level.BUCKET),
    HEAD_BUCKET("HeadBucket", Level.BUCKET),
    LIST_OBJECTS("ListObjects", Level.BUCKET),
    LIST_OBJECTS_V2("ListObjectsV2", Level.BUCKET),
    LIST_OBJECT_VERSIONS("ListObjectVersions", Level.BUCKET),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads", Level.BUCKET),
    DELETE_OBJECTS("DeleteObjects", Level.BUCKET),
    GET_BUCKET_LOCATION("GetBucketLocation", Level.BUCKET),
    GET_BUCKET_POLICY("GetBucketPolicy", Level.BUCKET),
    PUT_BUCKET_POLICY("PutBucketPolicy", Level.BUCKET),
    DELETE_BUCKET_POLICY("DeleteBucketPolicy", Level.BUCKET),
    GET_BUCKET_POLICY_STATUS("GetBucketPolicyStatus", Level.BUCKET),
    GET_BUCKET_VERSIONING("GetBucketVersioning", Level.BUCKET),
    PUT_BUCKET_VERSIONING("PutBucketVersioning", Level.BUCKET),
    GET_BUCKET_ACL("GetBucketAcl", Level.BUCKET),
    PUT_BUCKET_ACL("PutBucketAcl", Level.BUCKET),
    GET_BUCKET_TAGGING("GetBucketTagging", Level.BUCKET),
    PUT_BUCKET_TAGGING("PutBucketTagging", Level.BUCKET),
    DELETE_BUCKET_TAGGING("DeleteBucketTagging", Level.BUCKET),
    GET_BUCKET_CORS("GetBucketCors", Level.BUCKET),
    PUT_BUCKET_CORS("PutBucketCors", Level.BUCKET),
    DELETE_BUCKET_CORS("DeleteBucketCors", Level.BUCKET),
    GET_BUCKET_LIFECYCLE_CONFIGURATION("GetBucketLifecycleConfiguration", Level.BUCKET),
    PUT_BUCKET_LIFECYCLE_CONFIGURATION("PutBucketLifecycleConfiguration", Level.BUCKET),
    DELETE_BUCKET_LIFECYCLE("DeleteBucketLifecycle", Level.BUCKET),
    GET_BUCKET_ENCRYPTION("GetBucketEncryption", Level.BUCKET),
    PUT_BUCKET_ENCRYPTION("PutBucketEncryption", Level.BUCKET),
    DELETE_BUCKET_ENCRYPTION("DeleteBucketEncryption", Level.BUCKET),
    GET_OBJECT_LOCK_CONFIGURATION("GetObjectLockConfiguration", Level.BUCKET),
    PUT_OBJECT_LOCK_CONFIGURATION("PutObjectLockConfiguration", Level.BUCKET),
    GET_BUCKET_OWNERSHIP_CONTROLS("GetBucketOwnershipControls", Level.BUCKET),
    PUT_BUCKET_OWNERSHIP_CONTROLS("PutBucketOwnershipControls", Level.BUCKET),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DeleteBucketOwnershipControls", Level.BUCKET),
    GET_PUBLIC_ACCESS_BLOCK("GetPublicAccessBlock", Level.BUCKET),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock", Level.BUCKET),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock", Level.BUCKET),
    GET_BUCKET_WEBSITE("GetBucketWebsite", Level.BUCKET),
    PUT_BUCKET_WEBSITE("PutBucketWebsite", Level.BUCKET),
    DELETE_BUCKET_WEBSITE("DeleteBucketWebsite", Level.BUCKET),
    GET_BUCKET_LOGGING("GetBucketLogging", Level.BUCKET),
    PUT_BUCKET_LOGGING("PutBucketLogging", Level.BUCKET),
    GET_BUCKET_NOTIFICATION_CONFIGURATION("GetBucketNotificationConfiguration", Level.BUCKET),
    PUT_BUCKET_NOTIFICATION_CONFIGURATION("PutBucketNotificationConfiguration", Level.BUCKET),
    GET_BUCKET_REQUEST_PAYMENT("GetBucketRequestPayment", Level.BUCKET),
    PUT_BUCKET_REQUEST_PAYMENT("PutBucketRequestPayment", Level.BUCKET),
    GET_BUCKET_ACCELERATE_CONFIGURATION("GetBucketAccelerateConfiguration", Level.BUCKET),
    PUT_BUCKET_ACCELERATE_CONFIGURATION("PutBucketAccelerateConfiguration", Level.BUCKET),
    GET_BUCKET_REPLICATION("GetBucketReplication", Level.BUCKET),
    PUT_BUCKET_REPLICATION("PutBucketReplication", Level.BUCKET),
    DELETE_BUCKET_REPLICATION("DeleteBucketReplication", Level.BUCKET),
    GET_OBJECT("GetObject", Level.OBJECT),
    HEAD_OBJECT("HeadObject", Level.OBJECT),
    PUT_OBJECT("PutObject", Level.OBJECT),
    COPY_OBJECT("CopyObject", Level.OBJECT),
    DELETE_OBJECT("DeleteObject", Level.OBJECT),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", Level.OBJECT),
    UPLOAD_PART("UploadPart", Level.OBJECT),
    UPLOAD_PART_COPY("UploadPartCopy", Level.OBJECT),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", Level.OBJECT),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", Level.OBJECT),
    LIST_PARTS("ListParts", Level.OBJECT),
    GET_OBJECT_TAGGING("GetObjectTagging", Level.OBJECT),
    PUT_OBJECT_TAGGING("PutObjectTagging", Level.OBJECT),
    DELETE_OBJECT_TAGGING("DeleteObjectTagging", Level.OBJECT),
    GET_OBJECT_ACL("GetObjectAcl", Level.OBJECT),
    PUT_OBJECT_ACL("PutObjectAcl", Level.OBJECT),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes", Level.OBJECT),
    GET_OBJECT_RETENTION("GetObjectRetention", Level.OBJECT),
    PUT_OBJECT_RETENTION("PutObjectRetention", Level.OBJECT),
    GET_OBJECT_LEGAL_HOLD("GetObjectLegalHold", Level.OBJECT),
    PUT_OBJECT_LEGAL_HOLD("PutObjectLegalHold", Level.OBJECT),
    RESTORE_OBJECT("RestoreObject", Level.OBJECT),
    SELECT_OBJECT_CONTENT("SelectObjectContent", Level.OBJECT),
    GET_OBJECT_TORRENT("GetObjectTorrent", Level.OBJECT);

    /** What the request addresses, which decides the resource ARN and the {@code ResourceType} of MethodNotAllowed. */
    public enum Level {
        SERVICE,
        BUCKET,
        OBJECT
    }

    private final String awsName;
    private final Level level;

    S3Operation(String awsName, Level level) {
        this.awsName = awsName;
        this.level = level;
    }

    /** AWS's name for the operation, as in CloudTrail's {@code eventName} and the SDKs. */
    public String awsName() {
        return awsName;
    }

    public Level level() {
        return level;
    }
}
