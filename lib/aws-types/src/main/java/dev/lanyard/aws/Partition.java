package dev.lanyard.aws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The partition every ARN this deployment writes names: {@code aws} by default, or the operator's own ({@code
 * lanyard}, an {@code aws-cn}-like name). AWS's partition ids are lower-case letters, digits and hyphens, beginning
 * with a letter and not ending in a hyphen ({@code aws}, {@code aws-cn}, {@code aws-iso-b}); we hold the operator to
 * the same grammar, at most 32 characters. This is the one place ARNs are built, so a deployment's ARNs all follow it
 * and policies written for another partition's ARNs match none of them, as across AWS's partitions.
 */
public record Partition(String name) {
    public static final int MAX_LENGTH = 32;
    public static final Partition AWS = new Partition("aws");

    public Partition {
        requireNonNull(name, "name is null");
        problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public static Partition of(String name) {
        return new Partition(name);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && problem(candidate).isEmpty();
    }

    /** What is wrong with a would-be partition id, one sentence for the first rule it breaks; empty when valid. */
    public static Optional<String> problem(String candidate) {
        if (candidate.isEmpty()) {
            return Optional.of("a partition cannot be empty");
        }
        if (candidate.length() > MAX_LENGTH) {
            return Optional.of("a partition is at most " + MAX_LENGTH + " characters, not " + candidate.length());
        }
        if (candidate.charAt(0) < 'a' || candidate.charAt(0) > 'z') {
            return Optional.of("a partition begins with a lower-case letter: '" + candidate + "'");
        }
        if (candidate.endsWith("-")) {
            return Optional.of("a partition cannot end in a hyphen: '" + candidate + "'");
        }
        return candidate.chars().filter(c -> !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                .mapToObj(c -> "a partition is lower-case letters, digits and hyphens, not '"
                        + Character.toString(c) + "': '" + candidate + "'")
                .findFirst();
    }

    public Arn arn(String service, String region, String account, String resource) {
        return new Arn(name, service, region, account, resource);
    }

    /** An IAM ARN ({@code arn:P:iam::ACCOUNT:RESOURCE}): IAM is global, so no region. */
    public Arn iam(AccountId account, String resource) {
        return arn("iam", "", account.value(), resource);
    }

    /** An STS ARN ({@code arn:P:sts::ACCOUNT:RESOURCE}): assumed-role and federated-user sessions. */
    public Arn sts(AccountId account, String resource) {
        return arn("sts", "", account.value(), resource);
    }

    /** The root principal {@code arn:P:iam::ACCOUNT:root}. */
    public Arn root(AccountId account) {
        return iam(account, "root");
    }

    /** An AWS managed policy: {@code arn:P:iam::aws:policy/PATHNAME}, e.g. {@code policy/service-role/X}. */
    public String awsManagedPolicy(String pathAndName) {
        return arn("iam", "", "aws", "policy" + pathAndName).toString();
    }

    /** An S3 bucket's ARN, or an object's ({@code bucket/key}): S3 names neither region nor account. */
    public String s3(String bucket) {
        return arn("s3", "", "", bucket).toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
