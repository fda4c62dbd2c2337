package dev.lanyard.iamapi;

/** IAM's default per-account entity quotas: enforced on create and reported by GetAccountSummary. */
enum AccountQuota {
    USERS("UsersPerAccount", 5000),
    GROUPS("GroupsPerAccount", 300),
    ROLES("RolesPerAccount", 1000),
    POLICIES("PoliciesPerAccount", 1500),
    INSTANCE_PROFILES("InstanceProfilesPerAccount", 1000);

    private final String quotaName;
    private final int limit;

    AccountQuota(String quotaName, int limit) {
        this.quotaName = quotaName;
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Refuses a create that would take the account past the quota, with AWS's LimitExceeded sentence. */
    void requireRoomFor(int existing) {
        if (existing >= limit) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quotaName + ": " + limit);
        }
    }
}
