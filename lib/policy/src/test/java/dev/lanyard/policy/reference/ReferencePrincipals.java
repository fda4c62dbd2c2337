package dev.lanyard.policy.reference;

import dev.lanyard.aws.PrincipalType;
import dev.lanyard.policy.PrincipalElement;
import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.PrincipalKind;
import dev.lanyard.policy.PrincipalMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** §2.3 table and the NotPrincipal chain rule, the slow way: list every name the caller answers to. */
final class ReferencePrincipals {
    private ReferencePrincipals() {
    }

    static PrincipalMatch match(PrincipalElement element, Optional<PrincipalIdentity> caller) {
        if (element.negated()) {
            return listed(element.entries(), caller) ? PrincipalMatch.NONE : PrincipalMatch.DIRECT;
        }
        PrincipalMatch best = PrincipalMatch.NONE;
        for (PrincipalEntry entry : element.entries()) {
            PrincipalMatch m = entryMatch(entry, caller);
            best = m.ordinal() > best.ordinal() ? m : best;
        }
        return best;
    }

    private static PrincipalMatch entryMatch(PrincipalEntry entry, Optional<PrincipalIdentity> caller) {
        if (entry.kind() == PrincipalKind.AWS && entry.value().equals("*")) {
            return PrincipalMatch.DIRECT;
        }
        if (caller.isEmpty()) {
            return PrincipalMatch.NONE;
        }
        PrincipalIdentity id = caller.get();
        String v = entry.value();
        return switch (entry.kind()) {
            case FEDERATED -> id.federatedProvider().filter(p -> v.equals("*") || v.equals(p)).isPresent()
                    ? PrincipalMatch.FEDERATED : PrincipalMatch.NONE;
            case SERVICE -> id.servicePrincipal().filter(p -> v.equals("*") || v.equals(p)).isPresent()
                    ? PrincipalMatch.SERVICE : PrincipalMatch.NONE;
            case CANONICAL_USER -> PrincipalMatch.NONE;
            case AWS -> awsMatch(v, id);
        };
    }

    private static PrincipalMatch awsMatch(String v, PrincipalIdentity id) {
        if (id.type() == PrincipalType.ANONYMOUS) {
            return PrincipalMatch.NONE;
        }
        if (v.equals(id.account().value()) || v.equals("arn:aws:iam::" + id.account().value() + ":root")) {
            return PrincipalMatch.ACCOUNT;
        }
        if (id.sessionArn().filter(v::equals).isPresent()) {
            return PrincipalMatch.DIRECT;
        }
        if (id.iamArn().filter(v::equals).isPresent() || id.uniqueId().filter(v::equals).isPresent()) {
            return id.type() == PrincipalType.USER ? PrincipalMatch.DIRECT
                    : id.type() == PrincipalType.ASSUMED_ROLE ? PrincipalMatch.PARENT : PrincipalMatch.NONE;
        }
        return id.parentUserArn().filter(v::equals).isPresent() ? PrincipalMatch.PARENT : PrincipalMatch.NONE;
    }

    private static boolean listed(List<PrincipalEntry> entries, Optional<PrincipalIdentity> caller) {
        List<String> aws = new ArrayList<>();
        for (PrincipalEntry entry : entries) {
            if (entry.kind() == PrincipalKind.AWS) {
                aws.add(entry.value());
            }
        }
        if (aws.contains("*")) {
            return true;
        }
        if (caller.isEmpty()) {
            return false;
        }
        PrincipalIdentity id = caller.get();
        if (id.type() == PrincipalType.ANONYMOUS) {
            return entries.stream().anyMatch(e -> entryMatch(e, caller) != PrincipalMatch.NONE);
        }
        boolean account = aws.contains(id.account().value())
                || aws.contains("arn:aws:iam::" + id.account().value() + ":root");
        boolean entity = id.iamArn().filter(aws::contains).isPresent() || id.uniqueId().filter(aws::contains)
                .isPresent();
        boolean session = id.sessionArn().filter(aws::contains).isPresent();
        return switch (id.type()) {
            case ACCOUNT -> account;
            case USER -> account && entity;
            case ASSUMED_ROLE -> account && entity && session;
            case FEDERATED_USER -> account && session;
            case ANONYMOUS -> false;
        };
    }
}
