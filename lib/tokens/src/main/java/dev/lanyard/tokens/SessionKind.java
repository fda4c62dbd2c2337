package dev.lanyard.tokens;

/** What kind of principal a session token stands for. */
public enum SessionKind {
    /** AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML. */
    ASSUMED_ROLE,
    /** GetFederationToken. */
    FEDERATED_USER,
    /** GetSessionToken called by an IAM user. */
    USER_SESSION,
    /** GetSessionToken called by the account root. */
    ROOT_SESSION
}
