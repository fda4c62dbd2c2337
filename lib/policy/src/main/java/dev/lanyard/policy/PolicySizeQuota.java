package dev.lanyard.policy;

/**
 * IAM's size quotas for policy documents, in characters as {@link PolicyDocument#nonWhitespaceLength()} counts them
 * (iam-policy.md §1.5), with the message IAM gives when one is exceeded. The inline quotas cover all of one holder's
 * inline policies together.
 */
public enum PolicySizeQuota {
    MANAGED(6144, "PolicySize"),
    TRUST(2048, "ACLSizePerRole"),
    USER_INLINE(2048, "user"),
    GROUP_INLINE(5120, "group"),
    ROLE_INLINE(10240, "role");

    private final int limit;
    private final String name;

    PolicySizeQuota(int limit, String name) {
        this.limit = limit;
        this.name = name;
    }

    public int limit() {
        return limit;
    }

    /** IAM's LimitExceeded message; {@code holderName} names the user, group or role of an inline quota. */
    public String exceededMessage(String holderName) {
        return switch (this) {
            case MANAGED, TRUST -> "Cannot exceed quota for " + name + ": " + limit;
            case USER_INLINE, GROUP_INLINE, ROLE_INLINE -> "Maximum policy size of " + limit + " bytes exceeded for "
                    + name + " " + holderName;
        };
    }
}
