package dev.lanyard.policy;

import dev.lanyard.policy.internal.PrincipalMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The same element with AWS entries named in {@code uniqueIds} (user or role ARN to its AIDA…/AROA… ID) replaced
     * by the ID, as IAM does when it saves a trust policy: a user or role deleted and recreated under the same name
     * gets a new ID and is no longer trusted.
     */
    public PrincipalElement withUniqueIds(Map<String, String> uniqueIds) {
        List<PrincipalEntry> bound = new ArrayList<>(entries.size());
        for (PrincipalEntry entry : entries) {
            String id = entry.kind() == PrincipalKind.AWS ? uniqueIds.get(entry.value()) : null;
            bound.add(id == null ? entry : new PrincipalEntry(PrincipalKind.AWS, id));
        }
        return new PrincipalElement(negated, bound);
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
