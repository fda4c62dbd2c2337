package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An S3 REST request as the gateway holds it once its SigV4 signature is verified, before the body is read.
 *
 * @param method the HTTP method as sent ({@code GET}, {@code PUT}, ...)
 * @param host the {@code Host} header (or HTTP/2 {@code :authority}), port included if sent
 * @param rawPath the path exactly as on the wire, percent-escapes undecoded
 * @param rawQuery the query exactly as on the wire, without {@code '?'}; "" if none
 * @param headers header names as sent (lookups ignore case; names differing only in case are merged)
 * @param tlsVersion the TLS protocol version of the client's connection to the gateway, as {@code s3:TlsVersion}
 *     takes it ({@code "1.2"}, {@code "1.3"}); empty for plain HTTP
 */
public record S3Request(String method, String host, String rawPath, String rawQuery,
        Map<String, List<String>> headers, RequestSignature signature, Optional<String> tlsVersion) {

    public S3Request {
        requireNonNull(method, "method is null");
        requireNonNull(host, "host is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(tlsVersion, "tlsVersion is null");
        headers = caseInsensitiveCopy(headers);
    }

    /** First value of the header; empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of the header in the order received; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
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
}
