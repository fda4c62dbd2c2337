package dev.lanyard.aws;

/** The value of {@code aws:PrincipalType}. */
public enum PrincipalType {
    ACCOUNT("Account"),
    USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    ANONYMOUS("Anonymous");

    private final String wireName;

    PrincipalType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
