package dev.lanyard.policy;

import dev.lanyard.policy.internal.PrincipalMatcher;
import java.util.List;
import java.util.Optional;

/** The Principal or NotPrincipal element of a resource or trust policy statement. */
public final class PrincipalElement {
    private final boolean negated;
    private final List<PrincipalEntry> entries;

    private PrincipalElement(boolean negated, List<PrincipalEntry> entries) {
        this.negated = negated;
        this.entries = List.copyOf(entries);
    }

    public static PrincipalElement principal(List<PrincipalEntry> entries) {
        return new PrincipalElement(false, entries);
    }

    public static PrincipalElement notPrincipal(List<PrincipalEntry> entries) {
        return new PrincipalElement(true, entries);
    }

    /** True for NotPrincipal. */
    public boolean negated() {
        return negated;
    }

    public List<PrincipalEntry> entries() {
        return entries;
    }

    /**
     * How this element names {@code caller} (empty: anonymous). For Principal: the strongest entry match (§2.3,
     * §4.4). For NotPrincipal: {@link PrincipalMatch#NONE} when the caller is excluded, else
     * {@link PrincipalMatch#DIRECT}, since the statement then applies to the caller as such.
     */
    public PrincipalMatch match(Optional<PrincipalIdentity> caller) {
        if (negated) {
            return PrincipalMatcher.isListed(entries, caller) ? PrincipalMatch.NONE : PrincipalMatch.DIRECT;
        }
        PrincipalMatch strongest = PrincipalMatch.NONE;
        for (PrincipalEntry entry : entries) {
            strongest = strongest.strongest(PrincipalMatcher.match(entry, caller));
        }
        return strongest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrincipalElement that && negated == that.negated && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 2 + (negated ? 1 : 0);
    }

    @Override
    public String toString() {
        return (negated ? "NotPrincipal" : "Principal") + entries;
    }
}
