package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;

/** The one organization, rooted at the management account. */
public record Organization(String id, AccountId managementAccount, String managementEmail, String rootId)
        implements IamEntity {
    public Organization {
        requireNonNull(id, "id is null");
        requireNonNull(managementAccount, "managementAccount is null");
        requireNonNull(managementEmail, "managementEmail is null");
        requireNonNull(rootId, "rootId is null");
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public String arn() {
        return arn(Partition.AWS);
    }

    public String arn(Partition partition) {
        return partition.arn("organizations", "", managementAccount.value(), "organization/" + id).toString();
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.ORGANIZATION, managementAccount.value(), id);
    }
}
