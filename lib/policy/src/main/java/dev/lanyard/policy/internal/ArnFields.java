package dev.lanyard.policy.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits ARN text into its fields at the first five colons; colons inside {@code ${...}} do not split. */
public final class ArnFields {
    public static final int FIELDS = 6;

    private ArnFields() {
    }

    /** Up to six fields; the last holds everything after the fifth colon. */
    public static List<String> split(String text, boolean variableAware) {
        List<String> fields = new ArrayList<>(FIELDS);
        int start = 0;
        int depth = 0;
        for (int i = 0; i < text.length() && fields.size() < FIELDS - 1; i++) {
            char c = text.charAt(i);
            if (variableAware && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth = 1;
            } else if (c == '}') {
                depth = 0;
            } else if (c == ':' && depth == 0) {
                fields.add(text.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(text.substring(start));
        return fields;
    }

    /**
     * Writes the end offsets (exclusive) of the six fields of {@code arn} into {@code ends}; returns false when the
     * text has fewer than five colons. Field i spans {@code [i == 0 ? 0 : ends[i-1] + 1, ends[i])}.
     */
    public static boolean fieldEnds(String arn, int[] ends) {
        int field = 0;
        for (int i = 0; i < arn.length() && field < FIELDS - 1; i++) {
            if (arn.charAt(i) == ':') {
                ends[field++] = i;
            }
        }
        if (field < FIELDS - 1) {
            return false;
        }
        ends[FIELDS - 1] = arn.length();
        return true;
    }
}
