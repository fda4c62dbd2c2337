package dev.lanyard.sigv4.streaming;

/** What a request's {@code x-amz-checksum-*} headers are checksums of, which depends on the operation. */
public enum HeaderChecksums {
    /** Of this request's body (PutObject, UploadPart, DeleteObjects and other bodies): verified against it. */
    OF_BODY,
    /**
     * Of the object being assembled (CompleteMultipartUpload, whose headers carry the whole object's checksum, possibly
     * composite): not this body's, so not verified here; the backend checks them against the parts it holds.
     */
    OF_COMPLETED_OBJECT
}
