package dev.lanyard.policy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A run of glob tokens between two stars: literal characters (lower-cased when matching ignores case) and ANY. */
final class Segment {
    private final int[] tokens;
    /** KMP failure function, or null when the segment contains ANY (then searched naively). */
    private final int[] failure;

    private Segment(int[] tokens) {
        this.tokens = tokens;
        this.failure = containsAny(tokens) ? null : failureFunction(tokens);
    }

    /** Splits unrestricted glob tokens on STAR; a pattern with k stars yields k + 1 (possibly empty) segments. */
    static Segment[] split(int[] tokens) {
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.length; i++) {
            if (i == tokens.length || tokens[i] == Glob.STAR) {
                segments.add(new Segment(Arrays.copyOfRange(tokens, start, i)));
                start = i + 1;
            }
        }
        return segments.toArray(Segment[]::new);
    }

    int length() {
        return tokens.length;
    }

    boolean matchesAt(CharSequence text, int offset, boolean caseInsensitive) {
        for (int i = 0; i < tokens.length; i++) {
            int token = tokens[i];
            if (token != Glob.ANY && !Glob.sameChar(token, text.charAt(offset + i), caseInsensitive)) {
                return false;
            }
        }
        return true;
    }

    /** Leftmost offset in {@code [from, limit - length]} where the segment matches, or -1. */
    int find(CharSequence text, int from, int limit, boolean caseInsensitive) {
        if (tokens.length == 0) {
            return from;
        }
        return failure == null ? findNaive(text, from, limit, caseInsensitive)
                : findKmp(text, from, limit, caseInsensitive);
    }

    private int findNaive(CharSequence text, int from, int limit, boolean caseInsensitive) {
        for (int offset = from; offset + tokens.length <= limit; offset++) {
            if (matchesAt(text, offset, caseInsensitive)) {
                return offset;
            }
        }
        return -1;
    }

    private int findKmp(CharSequence text, int from, int limit, boolean caseInsensitive) {
        int matched = 0;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            while (matched > 0 && !Glob.sameChar(tokens[matched], c, caseInsensitive)) {
                matched = failure[matched - 1];
            }
            if (Glob.sameChar(tokens[matched], c, caseInsensitive)) {
                matched++;
            }
            if (matched == tokens.length) {
                return i - tokens.length + 1;
            }
        }
        return -1;
    }

    private static int[] failureFunction(int[] tokens) {
        int[] failure = new int[tokens.length];
        int k = 0;
        for (int i = 1; i < tokens.length; i++) {
            while (k > 0 && tokens[i] != tokens[k]) {
                k = failure[k - 1];
            }
            if (tokens[i] == tokens[k]) {
                k++;
            }
            failure[i] = k;
        }
        return failure;
    }

    private static boolean containsAny(int[] tokens) {
        for (int token : tokens) {
            if (token == Glob.ANY) {
                return true;
            }
        }
        return false;
    }
}
