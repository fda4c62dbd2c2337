package dev.lanyard.policy.internal;

import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.PrincipalKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules specific to trust and resource policies, checked after the common ones. The corpus records the trust
 * messages for a non-STS action and for a Resource; the relative order of these checks, "Missing required field
 * Principal", "Has prohibited field NotPrincipal" and the principal format check are not recorded.
 */
final class KindRules {
    /** Actions documented for role trust policies. */
    private static final List<String> TRUST_ACTIONS = List.of("sts:assumerole", "sts:assumerolewithsaml",
            "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity");

    private KindRules() {
    }

    static Optional<String> firstViolation(RawPolicy policy, PolicyKind kind) {
        return switch (kind) {
            case MANAGED, INLINE, SESSION -> Optional.empty();
            case TRUST -> trust(policy);
            case RESOURCE -> principals(policy);
        };
    }

    private static Optional<String> trust(RawPolicy policy) {
        for (RawPolicy.Statement statement : policy.statements()) {
            if (statement.resource().isPresent()) {
                return Optional.of(Messages.PROHIBITED + (statement.resource().get().negated() ? "NotResource"
                        : "Resource"));
            }
            if (statement.principal().map(RawPolicy.Principal::negated).orElse(false)) {
                return Optional.of(Messages.PROHIBITED + "NotPrincipal");
            }
        }
        Optional<String> principalError = principals(policy);
        if (principalError.isPresent()) {
            return principalError;
        }
        for (RawPolicy.Statement statement : policy.statements()) {
            RawPolicy.Elements actions = statement.action().orElseThrow();
            if (actions.negated() || !actions.values().stream().allMatch(KindRules::isTrustAction)) {
                return Optional.of(Messages.TRUST_ACTIONS);
            }
        }
        return Optional.empty();
    }

    /** An assume action by name, or a wildcard pattern that covers one (e.g. {@code sts:AssumeRole*}). */
    private static boolean isTrustAction(String action) {
        if (TRUST_ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (action.indexOf('*') < 0 && action.indexOf('?') < 0) {
            return false;
        }
        ActionPattern pattern = ActionPattern.compile(action);
        return TRUST_ACTIONS.stream().anyMatch(pattern::matches);
    }

    private static Optional<String> principals(RawPolicy policy) {
        for (RawPolicy.Statement statement : policy.statements()) {
            if (statement.principal().isEmpty()) {
                return Optional.of(Messages.MISSING_PRINCIPAL);
            }
            for (PrincipalEntry entry : statement.principal().get().entries()) {
                if (entry.kind() == PrincipalKind.AWS && !PrincipalFormat.isValidAws(entry.value())) {
                    return Optional.of(Messages.invalidPrincipal(entry.kind().wireName(), entry.value()));
                }
            }
        }
        return Optional.empty();
    }
}
