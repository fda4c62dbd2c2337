package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The regions this Lanyard serves: a SigV4 credential scope must name one of them. Today that is the configured
 * region plus {@code us-east-1}, the region AWS's global endpoints (IAM, STS, Organizations) are signed for, and
 * {@code aws-global}, which the AWS SDK for Java v2 signs with when a client built with {@code Region.AWS_GLOBAL} (as
 * AWS's own IAM examples do) is pointed at a custom endpoint; it stands for {@code us-east-1}.
 */
record Regions(Set<String> names) {
    static final String GLOBAL_ENDPOINT_REGION = "us-east-1";
    static final String SDK_GLOBAL_PSEUDO_REGION = "aws-global";

    Regions {
        names = Set.copyOf(requireNonNull(names, "names is null"));
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("regions must be non-blank names: " + names);
        }
    }

    static Regions of(LanyardConfig config) {
        Set<String> names = new LinkedHashSet<>();
        names.add(config.region());
        names.add(GLOBAL_ENDPOINT_REGION);
        names.add(SDK_GLOBAL_PSEUDO_REGION);
        return new Regions(names);
    }

    boolean serves(String region) {
        return names.contains(region);
    }

    /** The region a request is made in (aws:RequestedRegion): a served one, with the SDK's global alias resolved. */
    String requested(String served) {
        return served.equals(SDK_GLOBAL_PSEUDO_REGION) ? GLOBAL_ENDPOINT_REGION : served;
    }
}
