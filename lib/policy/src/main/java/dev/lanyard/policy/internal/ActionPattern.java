package dev.lanyard.policy.internal;

import java.util.Locale;

/**
 * A compiled Action/NotAction entry (iam-policy.md §2.1): {@code *}, or {@code vendor:name} where the vendor is
 * compared literally and the name is a glob, both case-insensitively. Whitespace is significant.
 */
public final class ActionPattern {
    private final String text;
    private final boolean matchesAll;
    private final String vendor;
    private final Glob name;

    private ActionPattern(String text, boolean matchesAll, String vendor, Glob name) {
        this.text = text;
        this.matchesAll = matchesAll;
        this.vendor = vendor;
        this.name = name;
    }

    public static ActionPattern compile(String text) {
        if (text.equals("*")) {
            return new ActionPattern(text, true, "", null);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            // Rejected at write time; a pattern without vendor can never name an action.
            return new ActionPattern(text, false, null, null);
        }
        // Wildcards in the vendor are undocumented and rejected by IAM's vendor check; compare it literally.
        String vendor = text.substring(0, colon).toLowerCase(Locale.ROOT);
        return new ActionPattern(text, false, vendor, Glob.compile(text.substring(colon + 1), true));
    }

    public String text() {
        return text;
    }

    /** Whether the request action {@code service:Operation} matches. */
    public boolean matches(String action) {
        if (matchesAll) {
            return true;
        }
        if (vendor == null) {
            return false;
        }
        int vendorLength = vendor.length();
        if (action.length() <= vendorLength || action.charAt(vendorLength) != ':'
                || !action.regionMatches(true, 0, vendor, 0, vendorLength)) {
            return false;
        }
        return name.matches(action, vendorLength + 1, action.length());
    }

    @Override
    public String toString() {
        return text;
    }
}
