package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;

/** An IAM OpenID Connect provider: the issuer URL tokens must carry, the client IDs they may be for, thumbprints. */
public record OidcProvider(AccountId account, String url, List<String> clientIds, List<String> thumbprints,
        Instant createDate, List<Tag> tags) implements IamEntity, Tagged<OidcProvider> {
    public OidcProvider {
        requireNonNull(account, "account is null");
        requireNonNull(url, "url is null");
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        requireNonNull(createDate, "createDate is null");
        tags = List.copyOf(tags);
    }

    /** The URL without its scheme: the ARN's resource part and the prefix of the provider's condition keys. */
    public String hostAndPath() {
        return url.substring(url.indexOf("://") + 3);
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public String arn() {
        return arn(Partition.AWS);
    }

    public String arn(Partition partition) {
        return partition.iam(account, "oidc-provider/" + hostAndPath()).toString();
    }

    public OidcProvider withClientIds(List<String> ids) {
        return new OidcProvider(account, url, ids, thumbprints, createDate, tags);
    }

    public OidcProvider withThumbprints(List<String> prints) {
        return new OidcProvider(account, url, clientIds, prints, createDate, tags);
    }

    public OidcProvider withTags(List<Tag> newTags) {
        return new OidcProvider(account, url, clientIds, thumbprints, createDate, newTags);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.OIDC_PROVIDER, account.value(), arn());
    }
}
