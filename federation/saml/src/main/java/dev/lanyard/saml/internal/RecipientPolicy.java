package dev.lanyard.saml.internal;

import java.util.List;

/**
 * Which {@code Recipient}/{@code Destination} URLs are acceptable: an exact list, plus optionally AWS's regional
 * sign-in endpoints {@code https://<region>.signin.aws.amazon.com/saml}, matched by hand (no regex).
 */
public record RecipientPolicy(List<String> exact, boolean regionalSignin) {
    private static final String PREFIX = "https://";
    private static final String REGIONAL_SUFFIX = ".signin.aws.amazon.com/saml";

    public RecipientPolicy {
        exact = List.copyOf(exact);
    }

    public boolean accepts(String url) {
        return exact.contains(url) || (regionalSignin && isRegionalSignin(url));
    }

    private static boolean isRegionalSignin(String url) {
        if (!url.startsWith(PREFIX) || !url.endsWith(REGIONAL_SUFFIX)) {
            return false;
        }
        int end = url.length() - REGIONAL_SUFFIX.length();
        if (end - PREFIX.length() < 1 || end - PREFIX.length() > 32) {
            return false;
        }
        for (int i = PREFIX.length(); i < end; i++) {
            char c = url.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }
}
