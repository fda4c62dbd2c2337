package dev.lanyard.saml.internal;

import dev.lanyard.iam.spi.federation.FederationCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks passed so far, for {@code explain}. {@link #silent()} records nothing, so {@code verify} pays nothing
 * for diagnostics it would throw away.
 */
public final class CheckLog {
    private final List<FederationCheck> entries;

    private CheckLog(List<FederationCheck> entries) {
        this.entries = entries;
    }

    public static CheckLog recording() {
        return new CheckLog(new ArrayList<>());
    }

    public static CheckLog silent() {
        return new CheckLog(null);
    }

    public void pass(String check, String detail) {
        if (entries != null) {
            entries.add(new FederationCheck(check, true, detail));
        }
    }

    public void fail(Rejection rejection) {
        if (entries != null) {
            entries.add(new FederationCheck(rejection.check(), false,
                    rejection.errorCode().code() + " \"" + rejection.clientMessage() + "\": " + rejection.detail()));
        }
    }

    public List<FederationCheck> entries() {
        return entries == null ? List.of() : List.copyOf(entries);
    }
}
