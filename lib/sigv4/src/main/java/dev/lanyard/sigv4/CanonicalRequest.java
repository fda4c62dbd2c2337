package dev.lanyard.sigv4;

import dev.lanyard.sigv4.internal.AmzDate;
import dev.lanyard.sigv4.internal.Crypto;
import dev.lanyard.sigv4.internal.HeaderCanonicalizer;
import dev.lanyard.sigv4.internal.PathCanonicalizer;
import dev.lanyard.sigv4.internal.QueryCanonicalizer;
import dev.lanyard.sigv4.internal.SignedHeaderList;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The SigV4 canonical request and string to sign; public for the test-suite vectors and for debugging. */
public final class CanonicalRequest {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";

    private CanonicalRequest() {}

    /**
     * The canonical request. {@code signedHeaders} are lower-cased and sorted here; a listed header the request lacks
     * canonicalizes with an empty value; {@code host} falls back to HTTP/2's {@code :authority}. The query string never
     * includes {@code X-Amz-Signature}.
     */
    public static String of(
            HttpRequestParts request, List<String> signedHeaders, String payloadHash, boolean normalizePath) {
        return of(request, signedHeaders, payloadHash, normalizePath, false);
    }

    /**
     * S3's canonical request: the path is neither normalized nor encoded a second time (escapes in it are normalized
     * and it is encoded once), and {@code payloadHash} is the request's {@code x-amz-content-sha256} value as sent
     * ({@code UNSIGNED-PAYLOAD} and the {@code STREAMING-*} values included).
     */
    public static String s3(HttpRequestParts request, List<String> signedHeaders, String payloadHash) {
        return of(request, signedHeaders, payloadHash, PathCanonicalizer.s3CanonicalPath(request.rawPath()), false);
    }

    static String of(
            HttpRequestParts request,
            List<String> signedHeaders,
            String payloadHash,
            boolean normalizePath,
            boolean excludeSecurityTokenParam) {
        return of(request, signedHeaders, payloadHash,
                PathCanonicalizer.canonicalPath(request.rawPath(), normalizePath), excludeSecurityTokenParam);
    }

    static String of(
            HttpRequestParts request,
            List<String> signedHeaders,
            String payloadHash,
            String canonicalPath,
            boolean excludeSecurityTokenParam) {
        List<String> names = lowerCaseSorted(signedHeaders);
        // Sized for a typical SDK request with a session token, so the builder rarely grows.
        StringBuilder out = new StringBuilder(1024 + request.rawPath().length() + request.rawQuery().length());
        out.append(request.method()).append('\n');
        out.append(canonicalPath).append('\n');
        out.append(QueryCanonicalizer.canonicalQuery(request.rawQuery(), excludeSecurityTokenParam)).append('\n');
        for (String name : names) {
            out.append(name).append(':');
            HeaderCanonicalizer.appendValues(out, headerValues(request, name));
            out.append('\n');
        }
        out.append('\n').append(String.join(";", names)).append('\n');
        return out.append(payloadHash).toString();
    }

    /** {@code AWS4-HMAC-SHA256\n<yyyyMMdd'T'HHmmss'Z'>\n<scope>\n<hex SHA-256 of the canonical request>}. */
    public static String stringToSign(Instant time, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + AmzDate.format(time) + '\n' + scope + '\n' + Crypto.sha256Hex(canonicalRequest);
    }

    /** {@code <yyyyMMdd>/<region>/<service>/aws4_request}. */
    public static String scope(String date, String region, String service) {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /** Verified requests already list lower-case names in order, so the common case allocates nothing. */
    private static List<String> lowerCaseSorted(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!SignedHeaderList.lowerCase(name).equals(name) || (i > 0 && names.get(i - 1).compareTo(name) > 0)) {
                return names.stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList();
            }
        }
        return names;
    }

    private static List<String> headerValues(HttpRequestParts request, String name) {
        List<String> values = request.headerValues(name);
        if (values.isEmpty() && name.equals("host")) {
            return request.headerValues(":authority");
        }
        return values;
    }
}
