package dev.lanyard.query.internal;

/** Code-point iteration that maps unpaired surrogates to U+FFFD, since they have no UTF-8 encoding. */
public final class Unicode {
    public static final int REPLACEMENT = 0xFFFD;

    private Unicode() {}

    /** The code point at {@code i}; unpaired surrogates read as U+FFFD. Advance by {@code Character.charCount(cp)}. */
    public static int codePointAt(String s, int i) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return c;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(c, s.charAt(i + 1));
        }
        return REPLACEMENT;
    }
}
