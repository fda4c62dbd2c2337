package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** S3's limit on object keys: at most 1,024 bytes of UTF-8 (AmazonS3/latest/userguide/object-keys.html). */
public final class ObjectKeys {
    public static final int MAX_BYTES = 1024;

    private ObjectKeys() {}

    public static void check(String key) {
        // A char is at most 3 UTF-8 bytes (a surrogate pair 4 for two chars): short keys need no encoding to judge.
        if (key.length() * 3 <= MAX_BYTES) {
            return;
        }
        int size = key.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG, List.of(
                    new S3Exception.Detail("Size", Integer.toString(size)),
                    new S3Exception.Detail("MaxSizeAllowed", Integer.toString(MAX_BYTES))));
        }
    }
}
