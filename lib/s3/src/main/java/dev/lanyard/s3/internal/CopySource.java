package dev.lanyard.s3.internal;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.ObjectRef;
import java.util.Optional;

/**
 * The {@code x-amz-copy-source} header of CopyObject and UploadPartCopy: {@code bucket/key}, URL-encoded, an optional
 * leading '/', an optional {@code ?versionId=...} (API_CopyObject.html). Access-point ARNs are not supported.
 */
public final class CopySource {
    public static final String HEADER = "x-amz-copy-source";

    private CopySource() {}

    public static ObjectRef parse(String value) {
        String path = value.startsWith("/") ? value.substring(1) : value;
        Optional<String> versionId = Optional.empty();
        int question = path.indexOf('?');
        if (question >= 0) {
            String parameter = path.substring(question + 1);
            if (!parameter.startsWith("versionId=")) {
                throw malformed(value);
            }
            versionId = Optional.of(decode(parameter.substring("versionId=".length()), value));
            path = path.substring(0, question);
        }
        if (path.startsWith("arn:") || path.startsWith("arn%3A") || path.startsWith("arn%3a")) {
            throw OperationResolver.notImplemented("access-point ARNs in x-amz-copy-source");
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw malformed(value);
        }
        String bucket = decode(path.substring(0, slash), value);
        String key = decode(path.substring(slash + 1), value);
        BucketNames.check(bucket, false);
        ObjectKeys.check(key);
        if (versionId.isPresent() && versionId.get().isEmpty()) {
            throw S3Exception.invalidArgument("Version id cannot be the empty string", "versionId", "");
        }
        return new ObjectRef(bucket, key, versionId);
    }

    /** {@code s3:x-amz-copy-source}: {@code bucket/key}, decoded, as policies write it ("source-bucket/public/*"). */
    public static String conditionValue(ObjectRef source) {
        return source.bucket() + '/' + source.key();
    }

    /** The header value to forward: canonical encoding of exactly the object that was authorized. */
    public static String canonical(ObjectRef source) {
        return source.bucket() + '/' + PercentEncoding.encode(source.key(), true)
                + source.versionId().map(v -> "?versionId=" + PercentEncoding.encode(v, false)).orElse("");
    }

    private static String decode(String encoded, String value) {
        try {
            return Percent.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed(value);
        }
    }

    private static S3Exception malformed(String value) {
        return S3Exception.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                HEADER, value);
    }
}
