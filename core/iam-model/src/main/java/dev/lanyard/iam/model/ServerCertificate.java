package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A server certificate: the PEM certificate and chain as uploaded, the private key (a secret, never returned), and the
 * certificate's own expiry. Names are unique per account, case-insensitively.
 */
public record ServerCertificate(AccountId account, String id, String name, String path, String body,
        Optional<String> chain, SecretText privateKey, Instant uploadDate, Instant expiration, List<Tag> tags)
        implements IamEntity, Tagged<ServerCertificate> {
    public ServerCertificate {
        requireNonNull(account, "account is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(body, "body is null");
        requireNonNull(chain, "chain is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(uploadDate, "uploadDate is null");
        requireNonNull(expiration, "expiration is null");
        tags = List.copyOf(tags);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public String arn() {
        return arn(Partition.AWS);
    }

    public String arn(Partition partition) {
        return partition.iam(account, "server-certificate" + path + name).toString();
    }

    public ServerCertificate withNameAndPath(String newName, String newPath) {
        return new ServerCertificate(account, id, newName, newPath, body, chain, privateKey, uploadDate, expiration,
                tags);
    }

    public ServerCertificate withTags(List<Tag> newTags) {
        return new ServerCertificate(account, id, name, path, body, chain, privateKey, uploadDate, expiration,
                newTags);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.SERVER_CERTIFICATE, account.value(), name);
    }
}
