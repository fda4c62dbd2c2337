package dev.lanyard.policy.internal;

import dev.lanyard.aws.Partition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Write-time checks of Resource/NotResource values (iam-policy.md §1.3 table). */
final class ResourceFormat {
    private static final Set<String> PARTITIONS = Set.of("*", "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final List<String> IAM_PREFIXES = List.of("user/", "federated-user/", "role/", "group/",
            "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/",
            "oidc-provider/", "report/", "access-report/");

    private ResourceFormat() {
    }

    /**
     * The format message for {@code resource}, checked in IAM's order: colon, partition (AWS's, {@code *} or the one
     * {@code served}), vendor, region, path.
     */
    static Optional<String> error(String resource, Partition served) {
        if (resource.equals("*")) {
            return Optional.empty();
        }
        int firstColon = resource.indexOf(':');
        if (firstColon < 0) {
            return Optional.of(Messages.notArn(resource));
        }
        // IAM does not look at the first field: "a:b:c" is read as if it began with "arn".
        List<String> rest = List.of(resource.substring(firstColon + 1).split(":", -1));
        String partition = rest.getFirst();
        if (!PARTITIONS.contains(partition) && !partition.equals(served.name())) {
            return Optional.of(Messages.partition(partition, rebuilt(partition, rest.subList(1, rest.size()))));
        }
        if (rest.size() < 2) {
            return Optional.of(Messages.RESOURCE_VENDOR);
        }
        String service = rest.get(1);
        String region = rest.size() > 2 ? rest.get(2) : "";
        String resourcePart = rest.size() > 4 ? String.join(":", rest.subList(4, rest.size())) : "";
        if (!region.isEmpty() && service.equals("iam")) {
            return Optional.of(Messages.iamRegion(resource));
        }
        // Bucket and object ARNs name no account and no region; ARNs of S3 resources owned by an account (access
        // points, access grants, ...) carry both, as AWS's own managed policies write them.
        String account = rest.size() > 3 ? rest.get(3) : "";
        if (!region.isEmpty() && service.equals("s3") && account.isEmpty()) {
            return Optional.of(Messages.s3Region(resource));
        }
        if (service.equals("iam") && !validIamPath(resourcePart)) {
            return Optional.of(Messages.IAM_PATH);
        }
        return Optional.empty();
    }

    /** The ARN IAM echoes for a bad partition: missing fields become {@code *}, extra ones stay in the last. */
    private static String rebuilt(String partition, List<String> fields) {
        boolean none = fields.isEmpty() || (fields.size() == 1 && fields.getFirst().isEmpty());
        String service = none ? "*" : fields.getFirst();
        String region = fields.size() > 1 ? fields.get(1) : "*";
        String account = fields.size() > 2 ? fields.get(2) : "*";
        String rest = fields.size() > 3 ? String.join(":", fields.subList(3, fields.size())) : "*";
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + rest;
    }

    private static boolean validIamPath(String resourcePart) {
        if (resourcePart.equals("*") || resourcePart.equals("root")) {
            return true;
        }
        for (String prefix : IAM_PREFIXES) {
            if (resourcePart.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Legacy parsing" of a resource that passed the format checks: fewer than six fields with an empty field
     * ({@code arn:aws:s3::bucket}), or an empty service ({@code arn:aws::::bucket}), fails. Short ARNs without empty
     * fields ({@code arn:aws:sqs}) pass.
     */
    static boolean passesLegacyParsing(String resource) {
        if (resource.equals("*")) {
            return true;
        }
        long colons = resource.chars().filter(c -> c == ':').count();
        if (colons < 5 && resource.contains("::")) {
            return false;
        }
        String[] fields = resource.split(":", -1);
        return fields.length > 2 && !fields[2].isEmpty();
    }
}
