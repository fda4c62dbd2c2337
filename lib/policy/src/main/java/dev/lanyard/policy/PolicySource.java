package dev.lanyard.policy;

/** Where a policy came from; drives the trace wording and the simulator's SourcePolicyType. */
public enum PolicySource {
    USER_INLINE("user-inline"),
    GROUP_INLINE("group-inline"),
    ROLE_INLINE("role-inline"),
    CUSTOMER_MANAGED("customer-managed"),
    AWS_MANAGED("aws-managed"),
    PERMISSIONS_BOUNDARY("permissions-boundary"),
    SESSION_INLINE("session-inline"),
    SESSION_MANAGED("session-managed"),
    TRUST("trust"),
    RESOURCE("resource");

    private final String label;

    PolicySource(String label) {
        this.label = label;
    }

    /** Short lower-case label used in decision traces. */
    public String label() {
        return label;
    }
}
