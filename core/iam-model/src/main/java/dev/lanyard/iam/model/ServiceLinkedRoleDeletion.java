package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;

/** A DeleteServiceLinkedRole task, kept so GetServiceLinkedRoleDeletionStatus can answer for it. */
public record ServiceLinkedRoleDeletion(AccountId account, String taskId, String roleArn, String status,
        Instant createDate) implements IamEntity {
    public ServiceLinkedRoleDeletion {
        requireNonNull(account, "account is null");
        requireNonNull(taskId, "taskId is null");
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(status, "status is null");
        requireNonNull(createDate, "createDate is null");
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SERVICE_LINKED_ROLE_DELETION, account.value(), taskId);
    }
}
