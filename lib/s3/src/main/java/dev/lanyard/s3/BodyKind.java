package dev.lanyard.s3;

/**
 * Request bodies the classifier must read before it can say what to authorize, each with the most the gateway buffers
 * for it. A larger body is refused with S3's MaxMessageLengthExceeded before it is read.
 */
public enum BodyKind {
    /**
     * DeleteObjects' {@code <Delete>} document: the keys to authorize one by one. 1,000 keys of up to 1,024 bytes, with
     * their version IDs and XML markup, stay well under 4 MiB; AWS documents no limit of its own.
     */
    DELETE_OBJECTS(4 * 1024 * 1024),
    /** PutObjectTagging's {@code <Tagging>} document: {@code s3:RequestObjectTag/<key>} comes from it (10 tags). */
    OBJECT_TAGGING(64 * 1024),
    /** CreateBucket's optional {@code <CreateBucketConfiguration>}: {@code s3:LocationConstraint}. May be empty. */
    CREATE_BUCKET_CONFIGURATION(64 * 1024),
    /** PutObjectRetention's {@code <Retention>}: {@code s3:object-lock-mode}, {@code s3:object-lock-retain-until-date}. */
    OBJECT_RETENTION(64 * 1024),
    /** PutObjectLegalHold's {@code <LegalHold>}: {@code s3:object-lock-legal-hold}. */
    OBJECT_LEGAL_HOLD(64 * 1024);

    private final int maxBytes;

    BodyKind(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
