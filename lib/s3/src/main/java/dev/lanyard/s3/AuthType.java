package dev.lanyard.s3;

/** How the request carried its signature: the value of {@code s3:authType}. */
public enum AuthType {
    /** An {@code Authorization} header. */
    REST_HEADER("REST-HEADER"),
    /** A presigned URL ({@code X-Amz-Signature} in the query). */
    REST_QUERY_STRING("REST-QUERY-STRING");

    private final String wireName;

    AuthType(String wireName) {
        this.wireName = wireName;
    }

    /** As S3 puts it into {@code s3:authType}. */
    public String wireName() {
        return wireName;
    }
}
