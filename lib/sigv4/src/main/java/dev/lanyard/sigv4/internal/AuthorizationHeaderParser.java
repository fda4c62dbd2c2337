package dev.lanyard.sigv4.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} the way AWS does: tokens are
 * separated by whitespace and commas, the first is the algorithm, each other must be {@code key=value}. One pass over
 * the header; only the values it keeps become strings.
 */
public final class AuthorizationHeaderParser {
    public static final String CREDENTIAL = "Credential";
    public static final String SIGNED_HEADERS = "SignedHeaders";
    public static final String SIGNATURE = "Signature";

    private AuthorizationHeaderParser() {}

    /** The algorithm ("" when the header is blank) and the three values, null when absent (first occurrence wins). */
    public record Parts(String algorithm, String credential, String signedHeaders, String signature) {}

    /** @throws dev.lanyard.aws.AwsException IncompleteSignature at the first token after the algorithm without '=' */
    public static Parts parse(String header) {
        String algorithm = null;
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && isSeparator(header.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            i = tokenEnd(header, start);
            if (algorithm == null) {
                algorithm = header.substring(start, i);
                continue;
            }
            int eq = header.indexOf('=', start);
            if (eq < 0 || eq >= i) {
                throw SigV4Errors.missingEqualSign(header.substring(start, i), header);
            }
            if (isKey(header, start, eq, CREDENTIAL)) {
                credential = credential != null ? credential : header.substring(eq + 1, i);
            } else if (isKey(header, start, eq, SIGNED_HEADERS)) {
                signedHeaders = signedHeaders != null ? signedHeaders : header.substring(eq + 1, i);
            } else if (isKey(header, start, eq, SIGNATURE)) {
                signature = signature != null ? signature : header.substring(eq + 1, i);
            }
        }
        return new Parts(algorithm == null ? "" : algorithm, credential, signedHeaders, signature);
    }

    /** AWS's "requires ..." messages for whatever is missing, in AWS's order; empty when nothing is. */
    public static List<String> missing(Parts parts, boolean hasDate) {
        if (parts.credential() != null && parts.signature() != null && parts.signedHeaders() != null && hasDate) {
            return List.of();
        }
        List<String> missing = new ArrayList<>(4);
        addIfMissing(missing, parts.credential(), CREDENTIAL);
        addIfMissing(missing, parts.signature(), SIGNATURE);
        addIfMissing(missing, parts.signedHeaders(), SIGNED_HEADERS);
        if (!hasDate) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return missing;
    }

    private static void addIfMissing(List<String> missing, String value, String key) {
        if (value == null) {
            missing.add("Authorization header requires '" + key + "' parameter.");
        }
    }

    private static boolean isKey(String header, int start, int eq, String key) {
        return eq - start == key.length() && header.startsWith(key, start);
    }

    /**
     * Where the token starting at {@code start} ends: at the first separator or the end. Tokens are long (the
     * credential and the signature) and String.indexOf is vectorized, so three bounded searches beat a loop.
     */
    private static int tokenEnd(String header, int start) {
        int end = header.length();
        int comma = header.indexOf(',', start, end);
        end = comma < 0 ? end : comma;
        int space = header.indexOf(' ', start, end);
        end = space < 0 ? end : space;
        int tab = header.indexOf('\t', start, end);
        return tab < 0 ? end : tab;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '\t';
    }
}
