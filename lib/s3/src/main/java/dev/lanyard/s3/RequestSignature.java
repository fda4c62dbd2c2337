package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The form of the SigV4 signature the gateway verified, for the keys S3 derives from it: {@code s3:authType},
 * {@code s3:signatureversion} and {@code s3:x-amz-content-sha256}.
 *
 * @param contentSha256 the {@code x-amz-content-sha256} header as sent; empty when absent (presigned URLs usually
 *     send none: their payload is unsigned)
 */
public record RequestSignature(AuthType authType, Optional<String> contentSha256) {
    /** {@code s3:signatureversion} for SigV4, the only signature Lanyard accepts (SigV2 would be {@code AWS}). */
    public static final String SIGNATURE_VERSION = "AWS4-HMAC-SHA256";

    public RequestSignature {
        requireNonNull(authType, "authType is null");
        requireNonNull(contentSha256, "contentSha256 is null");
    }

    public static RequestSignature header(String contentSha256) {
        return new RequestSignature(AuthType.REST_HEADER, Optional.of(contentSha256));
    }

    /** An unsigned request, with the {@code x-amz-content-sha256} it sent, if any. */
    public static RequestSignature anonymous(Optional<String> contentSha256) {
        return new RequestSignature(AuthType.ANONYMOUS, contentSha256);
    }

    public static RequestSignature presigned() {
        return new RequestSignature(AuthType.REST_QUERY_STRING, Optional.empty());
    }
}
