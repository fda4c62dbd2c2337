package dev.lanyard.query.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} bytes in one pass: segments are split, percent-decoded and
 * UTF-8-validated while the bytes are read, so no intermediate strings or regexes are needed. One decoder is used for
 * one request (URL query, then form body) so the parameter limit and the duplicate check span both sources.
 */
public final class FormDecoder {
    private final int maxParameters;
    private final LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] scratch = new byte[64];
    private int length;
    private int count;

    public FormDecoder(int maxParameters) {
        if (maxParameters < 0) {
            throw new IllegalArgumentException("maxParameters is negative");
        }
        this.maxParameters = maxParameters;
    }

    /** Decodes one source into this decoder's parameters. */
    public void decode(byte[] source) {
        requireNonNull(source, "source is null");
        int segmentStart = 0;
        String name = null;
        for (int i = 0; i < source.length; i++) {
            byte b = source[i];
            if (b == '&') {
                finishSegment(name, i > segmentStart);
                name = null;
                segmentStart = i + 1;
            } else if (b == '=' && name == null) {
                name = takeString();
            } else if (b == '%') {
                append(percentByte(source, i));
                i += 2;
            } else {
                append(b == '+' ? (byte) ' ' : b);
            }
        }
        finishSegment(name, source.length > segmentStart);
    }

    /** The parameters decoded so far, in order of first appearance. */
    public Map<String, String> parameters() {
        return parameters;
    }

    private void finishSegment(String decodedName, boolean nonEmpty) {
        if (!nonEmpty) {
            return;
        }
        // A segment without '=' is a name with an empty value ("Tags" == "Tags=").
        String name = decodedName == null ? takeString() : decodedName;
        String value = decodedName == null ? "" : takeString();
        if (++count > maxParameters) {
            throw QueryErrors.tooManyParameters(maxParameters);
        }
        if (name.isEmpty()) {
            return; // "=value" names nothing; ignored like any unknown parameter
        }
        String previous = parameters.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            throw QueryErrors.conflictingValues(name);
        }
    }

    private void append(byte b) {
        if (!utf8.accept(b)) {
            throw malformed("the decoded bytes are not valid UTF-8");
        }
        if (length == scratch.length) {
            scratch = Arrays.copyOf(scratch, length * 2);
        }
        scratch[length++] = b;
    }

    private String takeString() {
        if (!utf8.atBoundary()) {
            throw malformed("the decoded bytes are not valid UTF-8");
        }
        // Validated above, so the JDK's decoder never substitutes replacement characters here.
        String s = length == 0 ? "" : new String(scratch, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return s;
    }

    private static byte percentByte(byte[] source, int percentAt) {
        if (percentAt + 2 >= source.length) {
            throw malformed("a '%' is not followed by two hexadecimal digits");
        }
        byte high = source[percentAt + 1];
        byte low = source[percentAt + 2];
        if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
            throw malformed("a '%' is not followed by two hexadecimal digits");
        }
        return (byte) (HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
    }

    private static AwsException malformed(String why) {
        return QueryErrors.malformedQueryString(why);
    }
}
