package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.PercentEncoding.LoneSurrogate;
import dev.lanyard.query.internal.PercentDecoder;

/**
 * IAM returns policy documents URL-encoded (RFC 3986): every byte of the UTF-8 form except the unreserved
 * {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XX} with upper-case hex, so a space is {@code %20} and {@code *} is
 * {@code %2A}; output looks like {@code %7B%22Version%22%3A…}. botocore URL-decodes these before parsing the JSON.
 */
public final class PolicyDocumentEncoding {
    private PolicyDocumentEncoding() {}

    /** Encodes a document; an unpaired surrogate (not representable in UTF-8) is encoded as U+FFFD. */
    public static String encode(String json) {
        requireNonNull(json, "json is null");
        return PercentEncoding.encode(json, "", LoneSurrogate.REPLACEMENT_CHARACTER);
    }

    /**
     * Decodes {@code %XX} escapes (RFC 3986: {@code +} stays {@code +}).
     *
     * @throws IllegalArgumentException for a malformed escape or bytes that are not valid UTF-8
     */
    public static String decode(String encoded) {
        requireNonNull(encoded, "encoded is null");
        return PercentDecoder.decode(encoded);
    }
}
