package dev.lanyard.policy;

import java.util.Optional;

/** The keys of a Principal map. */
public enum PrincipalKind {
    AWS("AWS"),
    FEDERATED("Federated"),
    SERVICE("Service"),
    CANONICAL_USER("CanonicalUser");

    private final String wireName;

    PrincipalKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PrincipalKind> fromWireName(String name) {
        for (PrincipalKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
