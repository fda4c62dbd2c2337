package dev.lanyard.s3.internal;

import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decoded query string. Strict where leniency would let the gateway and a backend read different requests: a
 * parameter given twice, a parameter spelled like one S3 knows but in another case ({@code VersionId}), or an
 * {@code x-amz-*} header smuggled into the query is refused rather than guessed at.
 */
public final class S3Query {
    /**
     * SigV4's presigned-URL parameters (and the user agent some SDKs add to them): consumed by signature verification,
     * never forwarded.
     */
    private static final Set<String> SIGNATURE_PARAMETERS = Set.of("x-amz-algorithm", "x-amz-credential",
            "x-amz-date", "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token",
            "x-amz-user-agent");

    private record Parameter(String value, boolean hasEquals) {}

    private final Map<String, Parameter> parameters;

    private S3Query(Map<String, Parameter> parameters) {
        this.parameters = parameters;
    }

    public static S3Query parse(String rawQuery) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                add(parameters, rawQuery.substring(start, end));
            }
            start = end + 1;
        }
        return new S3Query(Collections.unmodifiableMap(parameters));
    }

    private static void add(Map<String, Parameter> parameters, String pair) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-amz-") && !SIGNATURE_PARAMETERS.contains(lower)) {
            throw S3Exception.invalidArgument(
                    "Lanyard does not take x-amz-* headers as query parameters; send them as headers", name, value);
        }
        String known = QueryNames.canonical(lower);
        if (known != null && !known.equals(name)) {
            throw S3Exception.invalidArgument(
                    "Query parameter names are case-sensitive: use '" + known + "'", name, value);
        }
        if (parameters.putIfAbsent(name, new Parameter(value, equals >= 0)) != null) {
            throw S3Exception.invalidArgument("The query parameter appears more than once", name, value);
        }
    }

    private static String decode(String encoded) {
        try {
            return Percent.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3ErrorCode.INVALID_URI, S3ErrorCode.INVALID_URI.defaultMessage(), List.of(),
                    "query: " + e.getMessage());
        }
    }

    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    public Optional<String> get(String name) {
        Parameter parameter = parameters.get(name);
        return parameter == null ? Optional.empty() : Optional.of(parameter.value());
    }

    /** The names present, in the order sent. */
    public Set<String> names() {
        return parameters.keySet();
    }

    /**
     * The query to forward: every parameter but the signature's, percent-encoded canonically (RFC 3986, spaces as
     * %20), in the order sent; a parameter sent without '=' stays without it ({@code ?uploads}).
     */
    public String canonical() {
        List<String> parts = new ArrayList<>(parameters.size());
        parameters.forEach((name, parameter) -> {
            if (SIGNATURE_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
            String encodedName = PercentEncoding.encode(name, false);
            parts.add(parameter.hasEquals() ? encodedName + '=' + PercentEncoding.encode(parameter.value(), false)
                    : encodedName);
        });
        return String.join("&", parts);
    }
}
