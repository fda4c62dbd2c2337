package dev.lanyard.policy.internal;

import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.PrincipalKind;
import dev.lanyard.policy.PrincipalMatch;
import java.util.List;
import java.util.Optional;

/**
 * Principal matching (iam-policy.md §2.3, §4.4). Comparisons are exact: principal ARNs are case-sensitive and IAM
 * allows no partial wildcards, so {@code arn:aws:iam::1:role/*} names nothing.
 */
public final class PrincipalMatcher {
    private PrincipalMatcher() {
    }

    public static PrincipalMatch match(PrincipalEntry entry, Optional<PrincipalIdentity> caller) {
        if (entry.isEveryone()) {
            return PrincipalMatch.DIRECT;
        }
        if (caller.isEmpty()) {
            return PrincipalMatch.NONE;
        }
        PrincipalIdentity identity = caller.get();
        return switch (entry.kind()) {
            case AWS -> matchAws(entry.value(), identity);
            case FEDERATED -> matchesNamed(entry.value(), identity.federatedProvider())
                    ? PrincipalMatch.FEDERATED : PrincipalMatch.NONE;
            case SERVICE -> matchesNamed(entry.value(), identity.servicePrincipal())
                    ? PrincipalMatch.SERVICE : PrincipalMatch.NONE;
            case CANONICAL_USER -> PrincipalMatch.NONE;
        };
    }

    private static boolean matchesNamed(String value, Optional<String> name) {
        return name.isPresent() && (value.equals("*") || value.equals(name.get()));
    }

    private static PrincipalMatch matchAws(String value, PrincipalIdentity identity) {
        if (!identity.isAccountMember()) {
            return PrincipalMatch.NONE;
        }
        if (namesAccount(value, identity)) {
            return PrincipalMatch.ACCOUNT;
        }
        if (identity.sessionArn().map(value::equals).orElse(false)) {
            return PrincipalMatch.DIRECT;
        }
        if (namesEntity(value, identity)) {
            return switch (identity.type()) {
                case USER -> PrincipalMatch.DIRECT;
                case ASSUMED_ROLE -> PrincipalMatch.PARENT;
                case ACCOUNT, FEDERATED_USER, ANONYMOUS -> PrincipalMatch.NONE;
            };
        }
        boolean parentUser = identity.parentUserArn().map(value::equals).orElse(false);
        return parentUser ? PrincipalMatch.PARENT : PrincipalMatch.NONE;
    }

    /** The IAM user or role behind the caller, by ARN or by unique ID (stored trust policies hold unique IDs). */
    private static boolean namesEntity(String value, PrincipalIdentity identity) {
        return identity.iamArn().map(value::equals).orElse(false)
                || identity.uniqueId().map(value::equals).orElse(false);
    }

    /**
     * A 12-digit account ID or {@code arn:<partition>:iam::<account>:root} in the caller's own partition: the same
     * account number in another partition is another account, as in AWS (an {@code aws} account is not the {@code
     * aws-cn} one). Allocation-free.
     */
    static boolean namesAccount(String value, PrincipalIdentity identity) {
        String id = identity.account().value();
        if (value.equals(id)) {
            return true;
        }
        int accountStart = value.length() - ":root".length() - id.length();
        int iamStart = accountStart - ":iam::".length();
        return iamStart > "arn:".length() && value.startsWith("arn:") && value.endsWith(":root")
                && value.regionMatches(accountStart, id, 0, id.length())
                && value.regionMatches(iamStart, ":iam::", 0, ":iam::".length())
                && value.indexOf(':', "arn:".length()) == iamStart && inCallersPartition(value, iamStart, identity);
    }

    /** Whether {@code value}'s partition (its characters 4 to {@code end}) is the one the caller's ARNs name. */
    private static boolean inCallersPartition(String value, int end, PrincipalIdentity identity) {
        String own = identity.iamArn().or(identity::sessionArn).or(identity::parentUserArn).orElse(null);
        if (own == null) {
            return false;
        }
        int length = end - "arn:".length();
        return own.length() > end && own.charAt(end) == ':'
                && own.regionMatches("arn:".length(), value, "arn:".length(), length);
    }

    /**
     * NotPrincipal: the caller counts as listed only if every identity in its chain is listed — account, then
     * user or role, then session — because AWS "might validate the account first, then the role, and then the
     * assumed-role user" (iam-policy.md §2.3). Callers outside IAM are listed by their own entry or {@code "*"}.
     */
    public static boolean isListed(List<PrincipalEntry> entries, Optional<PrincipalIdentity> caller) {
        for (PrincipalEntry entry : entries) {
            if (entry.isEveryone()) {
                return true;
            }
        }
        if (caller.isEmpty()) {
            return false;
        }
        PrincipalIdentity identity = caller.get();
        if (!identity.isAccountMember()) {
            return anyEntryMatches(entries, caller);
        }
        return switch (identity.type()) {
            case ACCOUNT -> listsAccount(entries, identity);
            case USER -> listsAccount(entries, identity) && listsValue(entries, identity, Link.ENTITY);
            case ASSUMED_ROLE -> listsAccount(entries, identity) && listsValue(entries, identity, Link.ENTITY)
                    && listsValue(entries, identity, Link.SESSION);
            case FEDERATED_USER -> listsAccount(entries, identity) && listsValue(entries, identity, Link.SESSION);
            case ANONYMOUS -> false;
        };
    }

    private enum Link { ENTITY, SESSION }

    private static boolean anyEntryMatches(List<PrincipalEntry> entries, Optional<PrincipalIdentity> caller) {
        for (PrincipalEntry entry : entries) {
            if (match(entry, caller) != PrincipalMatch.NONE) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsAccount(List<PrincipalEntry> entries, PrincipalIdentity identity) {
        for (PrincipalEntry entry : entries) {
            if (entry.kind() == PrincipalKind.AWS
                    && namesAccount(entry.value(), identity)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsValue(List<PrincipalEntry> entries, PrincipalIdentity identity, Link link) {
        for (PrincipalEntry entry : entries) {
            if (entry.kind() != PrincipalKind.AWS) {
                continue;
            }
            boolean listed = switch (link) {
                case ENTITY -> namesEntity(entry.value(), identity);
                case SESSION -> identity.sessionArn().map(entry.value()::equals).orElse(false);
            };
            if (listed) {
                return true;
            }
        }
        return false;
    }
}
