package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;

/** An account's STS preferences: which token version the global endpoint issues. */
public record StsPreferences(AccountId account, GlobalEndpointTokenVersion globalEndpointTokenVersion)
        implements IamEntity {
    /** The wire names of SetSecurityTokenServicePreferences; GetAccountSummary reports them as 1 and 2. */
    public enum GlobalEndpointTokenVersion {
        v1Token(1), v2Token(2);

        private final int number;

        GlobalEndpointTokenVersion(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    public StsPreferences {
        requireNonNull(account, "account is null");
        requireNonNull(globalEndpointTokenVersion, "globalEndpointTokenVersion is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.STS_PREFERENCES, account.value(), account.value());
    }
}
