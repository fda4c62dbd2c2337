package dev.lanyard.iam.model;

/** Stored entity kinds; the wire name is what the store writes, so it never changes once released. */
public enum EntityType {
    ACCOUNT("account", false),
    ORGANIZATION("organization", false),
    CREATE_ACCOUNT_STATUS("create-account-status", false),
    USER("user", true),
    GROUP("group", true),
    ROLE("role", true),
    MANAGED_POLICY("managed-policy", false),
    ACCESS_KEY("access-key", false),
    MFA_DEVICE("mfa-device", false),
    ACCOUNT_ALIAS("account-alias", false),
    OIDC_PROVIDER("oidc-provider", false),
    SAML_PROVIDER("saml-provider", false),
    OUTBOUND_FEDERATION("outbound-federation", false),
    OUTBOUND_SIGNING_KEYS("outbound-signing-keys", false),
    INSTANCE_PROFILE("instance-profile", true),
    LOGIN_PROFILE("login-profile", false),
    PASSWORD_POLICY("password-policy", false),
    SERVICE_LINKED_ROLE_DELETION("service-linked-role-deletion", false),
    SSH_PUBLIC_KEY("ssh-public-key", false),
    SIGNING_CERTIFICATE("signing-certificate", false),
    SERVER_CERTIFICATE("server-certificate", true),
    SERVICE_SPECIFIC_CREDENTIAL("service-specific-credential", false),
    DELEGATION_REQUEST("delegation-request", false),
    STS_PREFERENCES("sts-preferences", false),
    ORGANIZATIONS_FEATURES("organizations-features", false);

    private final String storedName;
    private final boolean caseInsensitive;

    EntityType(String storedName, boolean caseInsensitive) {
        this.storedName = storedName;
        this.caseInsensitive = caseInsensitive;
    }

    public String storedName() {
        return storedName;
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    public static EntityType fromStoredName(String name) {
        for (EntityType type : values()) {
            if (type.storedName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown entity type: " + name);
    }
}
