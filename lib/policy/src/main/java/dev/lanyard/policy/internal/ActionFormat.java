package dev.lanyard.policy.internal;

import java.util.Optional;

/** Write-time checks of Action/NotAction values: IAM checks the vendor prefix only, never the action name. */
final class ActionFormat {
    private ActionFormat() {
    }

    static Optional<String> error(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return action.equals("*") ? Optional.empty() : Optional.of(Messages.NO_VENDOR);
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            return Optional.of(Messages.ONE_COLON);
        }
        String vendor = action.substring(0, colon);
        if (!vendor.equals("*") && !validVendor(vendor)) {
            return Optional.of(Messages.vendor(vendor));
        }
        return Optional.empty();
    }

    private static boolean validVendor(String vendor) {
        for (int i = 0; i < vendor.length(); i++) {
            char c = vendor.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
