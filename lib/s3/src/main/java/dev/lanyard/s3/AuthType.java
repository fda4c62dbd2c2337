package dev.lanyard.s3;

/** How the request carried its signature: the value of {@code s3:authType}. */
public enum AuthType {
    /** An {@code Authorization} header. */
    REST_HEADER("REST-HEADER"),
    /** A presigned URL ({@code X-Amz-Signature} in the query). */
    REST_QUERY_STRING("REST-QUERY-STRING"),
    /** No signature at all: an anonymous request, which has neither {@code s3:authType} nor a signature version. */
    ANONYMOUS("");

    private final String wireName;

    AuthType(String wireName) {
        this.wireName = wireName;
    }

    /** As S3 puts it into {@code s3:authType}; empty for an anonymous request, which has no such key. */
    public String wireName() {
        return wireName;
    }
}
