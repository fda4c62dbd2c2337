package dev.lanyard.policy.internal;

import java.util.Arrays;

/** Builds a {@link Glob} from literal text and wildcards; literal text never acts as a wildcard. */
public final class GlobBuilder {
    private int[] tokens = new int[16];
    private int size;

    /** Appends text in which {@code *} and {@code ?} are wildcards matching any character. */
    public GlobBuilder pattern(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            add(c == '*' ? Glob.STAR : c == '?' ? Glob.ANY : c);
        }
        return this;
    }

    /** Appends text matched character for character. */
    public GlobBuilder literal(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            add(text.charAt(i));
        }
        return this;
    }

    /** Appends a star; one that may not cross {@code ':'} when {@code crossesColon} is false. */
    public GlobBuilder star(boolean crossesColon) {
        add(crossesColon ? Glob.STAR : Glob.STAR_NO_COLON);
        return this;
    }

    /** Appends a single-character wildcard; one that may not match {@code ':'} when {@code crossesColon} is false. */
    public GlobBuilder single(boolean crossesColon) {
        add(crossesColon ? Glob.ANY : Glob.ANY_NO_COLON);
        return this;
    }

    public Glob build(boolean caseInsensitive) {
        int[] result = Arrays.copyOf(tokens, size);
        if (caseInsensitive) {
            for (int i = 0; i < result.length; i++) {
                if (result[i] >= 0) {
                    result[i] = Character.toLowerCase(result[i]);
                }
            }
        }
        return new Glob(collapseStars(result), caseInsensitive);
    }

    private void add(int token) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size++] = token;
    }

    /** Adjacent unrestricted stars are equivalent to one; collapsing keeps segments non-degenerate. */
    private static int[] collapseStars(int[] tokens) {
        int[] out = new int[tokens.length];
        int n = 0;
        for (int token : tokens) {
            if (token == Glob.STAR && n > 0 && out[n - 1] == Glob.STAR) {
                continue;
            }
            out[n++] = token;
        }
        return n == tokens.length ? out : Arrays.copyOf(out, n);
    }
}
