package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;

/**
 * An SSH public key of an IAM user (for CodeCommit): the body as uploaded, and the MD5 fingerprint of its key blob.
 */
public record SshPublicKey(AccountId account, String id, String userName, String body, String fingerprint,
        AccessKey.Status status, Instant uploadDate) implements IamEntity {
    public SshPublicKey {
        requireNonNull(account, "account is null");
        requireNonNull(id, "id is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(body, "body is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(status, "status is null");
        requireNonNull(uploadDate, "uploadDate is null");
    }

    public SshPublicKey withStatus(AccessKey.Status newStatus) {
        return new SshPublicKey(account, id, userName, body, fingerprint, newStatus, uploadDate);
    }

    public SshPublicKey withUserName(String newName) {
        return new SshPublicKey(account, id, newName, body, fingerprint, status, uploadDate);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SSH_PUBLIC_KEY, account.value(), id);
    }
}
