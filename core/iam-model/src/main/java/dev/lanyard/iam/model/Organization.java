package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;

/** The one organization, rooted at the management account. */
public record Organization(String id, AccountId managementAccount, String managementEmail, String rootId)
        implements IamEntity {
    public Organization {
        requireNonNull(id, "id is null");
        requireNonNull(managementAccount, "managementAccount is null");
        requireNonNull(managementEmail, "managementEmail is null");
        requireNonNull(rootId, "rootId is null");
    }

    public String arn() {
        return "arn:aws:organizations::" + managementAccount.value() + ":organization/" + id;
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ORGANIZATION, managementAccount.value(), id);
    }
}
