package dev.lanyard.authz;

import dev.lanyard.query.ValidationErrors;
import java.util.Optional;

/** Shape constraints of the AWS models, reported in AWS's "1 validation error detected" wording. */
public final class Validators {
    public static final String NAME_PATTERN = "[\\w+=,.@-]+";
    public static final String SESSION_NAME_PATTERN = "[\\w+=,.@-]*";

    private Validators() {}

    public static String length(String member, String value, int min, int max) {
        if (value.length() > max) {
            throw ValidationErrors.single(member, value, ValidationErrors.lengthAtMost(max));
        }
        if (value.length() < min) {
            throw ValidationErrors.single(member, value, ValidationErrors.lengthAtLeast(min));
        }
        return value;
    }

    /** Length, then the characters of {@code [\w+=,.@-]}, the pattern shared by names and session names. */
    public static String name(String member, String value, int min, int max, String patternText) {
        length(member, value, min, max);
        if (!allMatch(value, "+=,.@-")) {
            throw ValidationErrors.single(member, value, ValidationErrors.pattern(patternText));
        }
        return value;
    }

    public static boolean allMatch(String value, String extra) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && extra.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static Optional<Integer> range(String member, Optional<Integer> value, long min, long max) {
        value.ifPresent(v -> {
            if (v < min) {
                throw ValidationErrors.single(member, v.toString(), ValidationErrors.valueAtLeast(min));
            }
            if (v > max) {
                throw ValidationErrors.single(member, v.toString(), ValidationErrors.valueAtMost(max));
            }
        });
        return value;
    }

    /** Policy documents may hold only TAB, LF, CR and U+0020..U+00FF. */
    public static String policyText(String member, String value, int maxLength) {
        if (value.isEmpty()) {
            throw ValidationErrors.single(member, value, ValidationErrors.lengthAtLeast(1));
        }
        if (value.length() > maxLength) {
            throw ValidationErrors.single(member, value, ValidationErrors.lengthAtMost(maxLength));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xff))) {
                throw ValidationErrors.single(member, value,
                        ValidationErrors.pattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"));
            }
        }
        return value;
    }
}
