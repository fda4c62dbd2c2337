package dev.lanyard.policy;

/**
 * How the Principal element of an allowing resource-policy statement named the caller (iam-policy.md §4.4).
 *
 * <ul>
 *   <li>{@link #ACCOUNT}: account ID or {@code :root} ARN, a delegation to the account; the identity side must allow.
 *   <li>{@link #PARENT}: the role ARN (for one of its sessions) or the IAM user ARN (for a federated-user session it
 *       created); no identity allow needed, but boundary and session policies still cap it.
 *   <li>{@link #DIRECT}: the caller itself (IAM user, role-session ARN, federated-user ARN) or {@code "*"}; not capped.
 *   <li>{@link #FEDERATED}: a {@code Federated} identity provider; {@link #SERVICE}: a {@code Service} principal.
 * </ul>
 * Constants are declared from weakest to strongest.
 */
public enum PrincipalMatch {
    NONE,
    ACCOUNT,
    PARENT,
    DIRECT,
    FEDERATED,
    SERVICE;

    /** True for grants that need neither an identity-policy allow nor pass through boundary/session caps. */
    public boolean isUncapped() {
        return switch (this) {
            case NONE, ACCOUNT, PARENT -> false;
            case DIRECT, FEDERATED, SERVICE -> true;
        };
    }

    public PrincipalMatch strongest(PrincipalMatch other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
