package dev.lanyard.policy.internal;

import java.util.List;

/**
 * The shapes an {@code AWS} principal value may take: {@code *}, a 12-digit account ID, an IAM or STS ARN, or an
 * IAM unique ID (what stored trust policies hold). IAM allows no partial wildcards in principals. Whether a named
 * user or role exists is the IAM store's question, not this module's.
 */
final class PrincipalFormat {
    private PrincipalFormat() {
    }

    static boolean isValidAws(String value) {
        if (value.equals("*")) {
            return true;
        }
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return false;
        }
        if (isDigits(value, 12) || isUniqueId(value)) {
            return true;
        }
        List<String> fields = ArnFields.split(value, false);
        return fields.size() == ArnFields.FIELDS && fields.get(0).equals("arn") && !fields.get(1).isEmpty()
                && (fields.get(2).equals("iam") || fields.get(2).equals("sts")) && !fields.get(5).isEmpty();
    }

    private static boolean isDigits(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** AIDA…/AROA… and the other prefixes: 'A', then upper-case letters and digits, 21 characters in all. */
    private static boolean isUniqueId(String value) {
        if (value.length() != 21 || value.charAt(0) != 'A') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
