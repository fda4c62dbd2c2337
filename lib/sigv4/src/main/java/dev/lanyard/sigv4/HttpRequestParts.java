package dev.lanyard.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The raw request as received: header names as sent (lookups case-insensitive; names differing only in case are
 * merged, values in the order given); {@code rawPath} and {@code rawQuery} exactly as on the wire (percent-escapes not
 * decoded; any non-ASCII character counts as its UTF-8 bytes); {@code rawQuery} without '?', "" if none.
 *
 * <p>The body array is not copied (requests are large and hot); callers must not modify it afterwards.
 */
public record HttpRequestParts(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public HttpRequestParts {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        headers = caseInsensitiveCopy(headers);
    }

    /** A request without a body. */
    public HttpRequestParts(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this(method, rawPath, rawQuery, headers, new byte[0]);
    }

    /** First value of the header, case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** All values of the header in the order received, case-insensitive; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** A copy with these headers set (replacing any of the same name), for signing. */
    public HttpRequestParts withHeaders(Map<String, String> replacements) {
        TreeMap<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(headers);
        replacements.forEach((name, value) -> {
            merged.remove(name);
            merged.put(name, List.of(value));
        });
        return new HttpRequestParts(method, rawPath, rawQuery, merged, body);
    }

    /** A copy with another raw query string. */
    public HttpRequestParts withRawQuery(String newRawQuery) {
        return new HttpRequestParts(method, rawPath, newRawQuery, headers, body);
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            requireNonNull(name, "header name is null");
            List<String> existing = copy.get(name);
            if (existing == null) {
                copy.put(name, List.copyOf(values));
            } else {
                List<String> joined = new ArrayList<>(existing);
                joined.addAll(values);
                copy.put(name, List.copyOf(joined));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequestParts that
                && method.equals(that.method)
                && rawPath.equals(that.rawPath)
                && rawQuery.equals(that.rawQuery)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return ((method.hashCode() * 31 + rawPath.hashCode()) * 31 + rawQuery.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HttpRequestParts[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
