package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. The resource part may itself contain
 * colons and slashes. Lanyard's own ARNs are built by {@link Partition}, which names the deployment's partition.
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    public Arn {
        requireNonNull(partition, "partition is null");
        requireNonNull(service, "service is null");
        requireNonNull(region, "region is null");
        requireNonNull(account, "account is null");
        requireNonNull(resource, "resource is null");
    }

    /** Parses an ARN with at least six colon-separated parts and a non-empty partition, service and resource. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The account, when the account field holds a 12-digit account ID. */
    public Optional<AccountId> accountId() {
        return AccountId.isValid(account) ? Optional.of(new AccountId(account)) : Optional.empty();
    }

    /** The resource type: the part of the resource before the first '/' (or ':'). */
    public String resourceType() {
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '/' || c == ':') {
                return resource.substring(0, i);
            }
        }
        return resource;
    }

    /** The last path element of the resource: the entity name for IAM ARNs such as {@code role/path/NAME}. */
    public String resourceName() {
        int slash = resource.lastIndexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
