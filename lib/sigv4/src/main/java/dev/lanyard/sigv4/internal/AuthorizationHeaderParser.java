package dev.lanyard.sigv4.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} the way AWS does: tokens are
 * separated by whitespace and commas, the first is the algorithm, each other must be {@code key=value}.
 */
public final class AuthorizationHeaderParser {
    public static final String CREDENTIAL = "Credential";
    public static final String SIGNED_HEADERS = "SignedHeaders";
    public static final String SIGNATURE = "Signature";

    private AuthorizationHeaderParser() {}

    /** The algorithm and the key=value parts (first occurrence of a key wins). */
    public record Parts(String algorithm, Map<String, String> values) {}

    public static Parts parse(String header) {
        List<String> tokens = tokens(header);
        String algorithm = tokens.isEmpty() ? "" : tokens.getFirst();
        Map<String, String> values = new HashMap<>(8);
        for (int i = 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw SigV4Errors.missingEqualSign(token, header);
            }
            values.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
        }
        return new Parts(algorithm, values);
    }

    /** AWS's "requires ..." messages for whatever is missing, in AWS's order; empty when nothing is. */
    public static List<String> missing(Parts parts, boolean hasDate) {
        List<String> missing = new ArrayList<>(4);
        for (String key : List.of(CREDENTIAL, SIGNATURE, SIGNED_HEADERS)) {
            if (!parts.values().containsKey(key)) {
                missing.add("Authorization header requires '" + key + "' parameter.");
            }
        }
        if (!hasDate) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return missing;
    }

    private static List<String> tokens(String header) {
        List<String> tokens = new ArrayList<>(4);
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && isSeparator(header.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(header.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(header.substring(start, i));
            }
        }
        return tokens;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '\t';
    }
}
