package dev.lanyard.policy.internal;

import java.util.Arrays;

/**
 * A compiled wildcard pattern: {@code *} matches any run of characters (including none), {@code ?} exactly one.
 * Wildcards that came from a policy variable or an escape are literal characters, so the pattern is built from
 * tokens rather than parsed from raw text.
 *
 * <p>Matching never backtracks. Patterns whose stars may match anything are split into star-separated segments at
 * build time; a match checks the first segment as a prefix, the last as a suffix, and finds each middle segment at
 * its leftmost position (KMP for segments without {@code ?}), which is correct for globs and runs in O(n + m) for
 * the common case. Patterns with colon-restricted wildcards (the first ARN fields of a Resource element) are
 * matched by a bounded NFA simulation in O(n·m).
 */
public final class Glob {
    static final int ANY = -1;
    static final int STAR = -2;
    static final int ANY_NO_COLON = -3;
    static final int STAR_NO_COLON = -4;

    private final int[] tokens;
    private final boolean caseInsensitive;
    private final Segment[] segments;

    Glob(int[] tokens, boolean caseInsensitive) {
        this.tokens = tokens;
        this.caseInsensitive = caseInsensitive;
        this.segments = hasRestrictedTokens(tokens) ? null : Segment.split(tokens);
    }

    /** Compiles {@code pattern} with {@code *} and {@code ?} as wildcards that may match any character. */
    public static Glob compile(String pattern, boolean caseInsensitive) {
        return new GlobBuilder().pattern(pattern).build(caseInsensitive);
    }

    /** A pattern matching exactly {@code text}. */
    public static Glob literal(String text, boolean caseInsensitive) {
        return new GlobBuilder().literal(text).build(caseInsensitive);
    }

    public boolean matches(CharSequence text) {
        return matches(text, 0, text.length());
    }

    /** Matches the region {@code [from, to)} of {@code text}. */
    public boolean matches(CharSequence text, int from, int to) {
        if (segments != null) {
            return matchSegments(text, from, to);
        }
        return matchNfa(text, from, to);
    }

    /** True when the pattern contains no wildcard at all. */
    public boolean isLiteral() {
        for (int token : tokens) {
            if (token < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean matchSegments(CharSequence text, int from, int to) {
        if (segments.length == 1) {
            Segment only = segments[0];
            return to - from == only.length() && only.matchesAt(text, from, caseInsensitive);
        }
        Segment first = segments[0];
        Segment last = segments[segments.length - 1];
        if (to - from < first.length() + last.length()) {
            return false;
        }
        if (!first.matchesAt(text, from, caseInsensitive)
                || !last.matchesAt(text, to - last.length(), caseInsensitive)) {
            return false;
        }
        int position = from + first.length();
        int limit = to - last.length();
        for (int i = 1; i < segments.length - 1; i++) {
            int found = segments[i].find(text, position, limit, caseInsensitive);
            if (found < 0) {
                return false;
            }
            position = found + segments[i].length();
        }
        return true;
    }

    private boolean matchNfa(CharSequence text, int from, int to) {
        int states = tokens.length + 1;
        boolean[] current = new boolean[states];
        boolean[] next = new boolean[states];
        current[0] = true;
        closeOverStars(current);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            Arrays.fill(next, false);
            boolean any = false;
            for (int state = 0; state < tokens.length; state++) {
                if (current[state]) {
                    any |= step(state, c, next);
                }
            }
            if (!any) {
                return false;
            }
            closeOverStars(next);
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[tokens.length];
    }

    private boolean step(int state, char c, boolean[] next) {
        int token = tokens[state];
        switch (token) {
            case STAR -> next[state] = true;
            case STAR_NO_COLON -> next[state] |= c != ':';
            case ANY -> next[state + 1] = true;
            case ANY_NO_COLON -> next[state + 1] |= c != ':';
            default -> next[state + 1] |= sameChar(token, c, caseInsensitive);
        }
        return next[state] || next[state + 1];
    }

    private void closeOverStars(boolean[] set) {
        for (int state = 0; state < tokens.length; state++) {
            if (set[state] && (tokens[state] == STAR || tokens[state] == STAR_NO_COLON)) {
                set[state + 1] = true;
            }
        }
    }

    static boolean sameChar(int token, char c, boolean caseInsensitive) {
        return token == c || (caseInsensitive && token == Character.toLowerCase(c));
    }

    private static boolean hasRestrictedTokens(int[] tokens) {
        for (int token : tokens) {
            if (token == ANY_NO_COLON || token == STAR_NO_COLON) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int token : tokens) {
            switch (token) {
                case STAR, STAR_NO_COLON -> text.append('*');
                case ANY, ANY_NO_COLON -> text.append('?');
                default -> text.append((char) token);
            }
        }
        return text.toString();
    }
}
