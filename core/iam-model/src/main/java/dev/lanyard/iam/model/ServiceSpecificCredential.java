package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * A credential of an IAM user for one service: a user name and password (CodeCommit, Keyspaces), or an API key's
 * alias and secret (Bedrock, CloudWatch Logs). The secret part is a secret: shown once, encrypted at rest.
 */
public record ServiceSpecificCredential(AccountId account, String id, String userName, String serviceName,
        String serviceUserName, SecretText secret, AccessKey.Status status, Instant createDate,
        Optional<Instant> expirationDate) implements IamEntity {
    public ServiceSpecificCredential {
        requireNonNull(account, "account is null");
        requireNonNull(id, "id is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceUserName, "serviceUserName is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(status, "status is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(expirationDate, "expirationDate is null");
    }

    public ServiceSpecificCredential withStatus(AccessKey.Status newStatus) {
        return new ServiceSpecificCredential(account, id, userName, serviceName, serviceUserName, secret, newStatus,
                createDate, expirationDate);
    }

    public ServiceSpecificCredential withSecret(SecretText newSecret) {
        return new ServiceSpecificCredential(account, id, userName, serviceName, serviceUserName, newSecret, status,
                createDate, expirationDate);
    }

    /** Renamed with its user; the service user name, once issued, stays as the service knows it. */
    public ServiceSpecificCredential withUserName(String newName) {
        return new ServiceSpecificCredential(account, id, newName, serviceName, serviceUserName, secret, status,
                createDate, expirationDate);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SERVICE_SPECIFIC_CREDENTIAL, account.value(), id);
    }
}
