package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object's tag set as a request states it, from the {@code x-amz-tagging} header (URL query encoding) or a
 * {@code <Tagging>} body, with S3's limits: at most 10 tags, keys of 1 to 128 characters, values of at most 256, no
 * key twice (AmazonS3/latest/userguide/object-tagging.html).
 */
public final class TagSet {
    public static final String HEADER = "x-amz-tagging";
    private static final int MAX_TAGS = 10;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    private static final String HEADER_MESSAGE = "The header 'x-amz-tagging' shall be encoded as UTF-8 then"
            + " URLEncoded URL query parameters without tag name duplicates.";

    private TagSet() {}

    /** The tags of an {@code x-amz-tagging} header, in order; empty for an empty header. */
    public static Map<String, String> fromHeader(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : value.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key;
            String tagValue;
            try {
                key = Percent.decode(equals < 0 ? pair : pair.substring(0, equals));
                tagValue = equals < 0 ? "" : Percent.decode(pair.substring(equals + 1));
            } catch (IllegalArgumentException e) {
                throw S3Exception.invalidArgument(HEADER_MESSAGE, HEADER, value);
            }
            if (tags.put(key, tagValue) != null) {
                throw S3Exception.invalidArgument(HEADER_MESSAGE, HEADER, value);
            }
        }
        return checked(tags);
    }

    /** Limits shared by the header and the body; returns the tags unmodifiable. */
    public static Map<String, String> checked(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalidTag("Object tags cannot be greater than " + MAX_TAGS);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().codePointCount(0, tag.getKey().length()) > MAX_KEY_LENGTH) {
                throw invalidTag("The TagKey you have provided is invalid");
            }
            if (tag.getValue().codePointCount(0, tag.getValue().length()) > MAX_VALUE_LENGTH) {
                throw invalidTag("The TagValue you have provided is invalid");
            }
        }
        return Collections.unmodifiableMap(tags);
    }

    static S3Exception invalidTag(String message) {
        return new S3Exception(S3ErrorCode.INVALID_TAG, message, List.of(), "");
    }
}
