package dev.lanyard.policy.internal;

import dev.lanyard.aws.Partition;
import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.PolicyKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks after the syntax step, in the precedence IAM was observed to use (iam-policy.md §1.4): version,
 * legacy parsing (Effect case, Date values, malformed ARNs), SID uniqueness, actions present, resources present,
 * resource format, action vendor format; then the kind-specific Principal and trust-policy rules.
 */
final class PolicyRules {
    private PolicyRules() {
    }

    static Optional<String> firstViolation(RawPolicy policy, PolicyKind kind, Partition served) {
        if (kind == PolicyKind.MANAGED && !policy.version().map("2012-10-17"::equals).orElse(false)) {
            return Optional.of(Messages.VERSION);
        }
        // Not in the recorded corpus: placed right after the version check as a structural rule.
        if (forbidsPrincipal(kind) && policy.statements().stream().anyMatch(s -> s.principal().isPresent())) {
            return Optional.of(Messages.NO_PRINCIPAL_ALLOWED);
        }
        ResourceCheck resources = checkResources(policy, kind, served);
        if (failsLegacyParsing(policy) || resources.legacyFailure()) {
            return Optional.of(Messages.LEGACY);
        }
        if (!uniqueSids(policy)) {
            return Optional.of(Messages.SID_UNIQUE);
        }
        if (policy.statements().stream().anyMatch(s -> isEmpty(s.action()))) {
            return Optional.of(Messages.NEEDS_ACTIONS);
        }
        if (requiresResources(kind) && policy.statements().stream().anyMatch(s -> isEmpty(s.resource()))) {
            return Optional.of(Messages.NEEDS_RESOURCES);
        }
        if (resources.formatError().isPresent()) {
            return resources.formatError();
        }
        Optional<String> actionError = actionFormatError(policy);
        if (actionError.isPresent()) {
            return actionError;
        }
        return KindRules.firstViolation(policy, kind);
    }

    private static boolean forbidsPrincipal(PolicyKind kind) {
        return switch (kind) {
            case MANAGED, INLINE, SESSION -> true;
            case TRUST, RESOURCE -> false;
        };
    }

    private static boolean requiresResources(PolicyKind kind) {
        return switch (kind) {
            case MANAGED, INLINE, SESSION, RESOURCE -> true;
            case TRUST -> false;
        };
    }

    private static boolean isEmpty(Optional<RawPolicy.Elements> elements) {
        return elements.isEmpty() || (elements.get().array() && elements.get().values().isEmpty());
    }

    private static boolean failsLegacyParsing(RawPolicy policy) {
        for (RawPolicy.Statement statement : policy.statements()) {
            if (!statement.effect().equals("Allow") && !statement.effect().equals("Deny")) {
                return true;
            }
            for (RawPolicy.Condition condition : statement.conditions()) {
                if (condition.operator().base().family() == BaseOperator.Family.DATE
                        && condition.values().stream().anyMatch(v -> DateValue.parse(v).isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    private record ResourceCheck(Optional<String> formatError, boolean legacyFailure) {
    }

    /**
     * Resource then NotResource, statement by statement. The first format error is kept for later (it ranks below
     * SID and presence checks); once one is seen, legacy ARN parsing is skipped, as IAM does. Within one element
     * values are checked in sorted order (IAM reports the least failing value of a list: createpolicy-invalid-25).
     */
    private static ResourceCheck checkResources(RawPolicy policy, PolicyKind kind, Partition served) {
        if (kind == PolicyKind.TRUST) {
            return new ResourceCheck(Optional.empty(), false);
        }
        Optional<String> formatError = Optional.empty();
        for (boolean negated : new boolean[] {false, true}) {
            for (RawPolicy.Statement statement : policy.statements()) {
                Optional<RawPolicy.Elements> element = statement.resource().filter(e -> e.negated() == negated);
                if (element.isEmpty()) {
                    continue;
                }
                List<String> sorted = new ArrayList<>(element.get().values());
                sorted.sort(null);
                for (String resource : sorted) {
                    formatError = formatError.or(() -> ResourceFormat.error(resource, served));
                }
                if (formatError.isEmpty()
                        && !element.get().values().stream().allMatch(ResourceFormat::passesLegacyParsing)) {
                    return new ResourceCheck(formatError, true);
                }
            }
        }
        return new ResourceCheck(formatError, false);
    }

    private static boolean uniqueSids(RawPolicy policy) {
        Set<String> seen = new HashSet<>();
        for (RawPolicy.Statement statement : policy.statements()) {
            Optional<String> sid = statement.sid().filter(s -> !s.isEmpty());
            if (sid.isPresent() && !seen.add(sid.get())) {
                return false;
            }
        }
        return true;
    }

    /** Action elements of every statement first, then NotAction elements; first offending value wins. */
    private static Optional<String> actionFormatError(RawPolicy policy) {
        for (boolean negated : new boolean[] {false, true}) {
            for (RawPolicy.Statement statement : policy.statements()) {
                Optional<RawPolicy.Elements> element = statement.action().filter(e -> e.negated() == negated);
                for (String action : element.map(RawPolicy.Elements::values).orElse(List.of())) {
                    Optional<String> error = ActionFormat.error(action);
                    if (error.isPresent()) {
                        return error;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
