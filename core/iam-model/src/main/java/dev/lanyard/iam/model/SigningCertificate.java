package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Optional;

/** An X.509 signing certificate of an IAM user, or of the account root when {@code userName} is empty. */
public record SigningCertificate(AccountId account, String id, Optional<String> userName, String body,
        AccessKey.Status status, Instant uploadDate) implements IamEntity {
    public SigningCertificate {
        requireNonNull(account, "account is null");
        requireNonNull(id, "id is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(body, "body is null");
        requireNonNull(status, "status is null");
        requireNonNull(uploadDate, "uploadDate is null");
    }

    public SigningCertificate withStatus(AccessKey.Status newStatus) {
        return new SigningCertificate(account, id, userName, body, newStatus, uploadDate);
    }

    public SigningCertificate withUserName(String newName) {
        return new SigningCertificate(account, id, Optional.of(newName), body, status, uploadDate);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SIGNING_CERTIFICATE, account.value(), id);
    }
}
