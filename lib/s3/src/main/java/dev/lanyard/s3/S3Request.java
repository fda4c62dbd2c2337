package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An S3 REST request as the gateway holds it once its SigV4 signature is verified, before the body is read.
 *
 * @param method the HTTP method as sent ({@code GET}, {@code PUT}, ...)
 * @param host the {@code Host} header (or HTTP/2 {@code :authority}), port included if sent
 * @param rawPath the path exactly as on the wire, percent-escapes undecoded
 * @param rawQuery the query exactly as on the wire, without {@code '?'}; "" if none
 * @param headers the headers; names are kept in lower case (HTTP header names ignore case), values of names that
 *     differ only in case merged in the order given
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
        headers = lowerCaseCopy(headers);
    }

    /** First value of the header, whatever the case of {@code name}; empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of the header in the order received, whatever the case of {@code name}; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : values;
    }

    private static Map<String, List<String>> lowerCaseCopy(Map<String, List<String>> headers) {
        // a hash map on lower-case names: every lookup is one toLowerCase (free when already lower case) and a hash
        Map<String, List<String>> copy = HashMap.newHashMap(headers.size());
        headers.forEach((name, values) -> {
            requireNonNull(name, "header name is null");
            copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (first, more) -> {
                List<String> joined = new ArrayList<>(first);
                joined.addAll(more);
                return List.copyOf(joined);
            });
        });
        return Collections.unmodifiableMap(copy);
    }
}
