package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** One object, or one version of it, decoded: what the gateway asks the backend about (its tags, for instance). */
public record ObjectRef(String bucket, String key, Optional<String> versionId) {
    public ObjectRef {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(versionId, "versionId is null");
    }
}
