package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The request rates Lanyard holds callers to, each a token bucket ({@link RequestRate}); an empty one is not limited.
 * Signed calls count against their account's rate for the service (STS and IAM each have their own, as in AWS);
 * unsigned calls (the federation actions) and refused authentications count against their source address, checked
 * before any signature work, so that neither a token flood nor a key-guessing run costs more than its rate.
 *
 * <p>{@link #DEFAULTS}: STS 600 requests a second per account (AWS's documented default STS request quota), IAM 100
 * (AWS publishes no figure for IAM: our choice), 50 unsigned calls a second per source with bursts of 200, and 10
 * refused authentications a second per source with bursts of 100 (our choices). The S3 gateway's requests count
 * against the caller's account (an anonymous one's against its source address) at 5,500 a second: S3 documents 5,500
 * GET/HEAD requests a second per partitioned prefix and no per-account figure, so applying it per account is our
 * choice. The authorization API's calls count against the asking service's account, 50,000 a second (our choice:
 * above the API's goal of 30,000 decisions a second, so that only a service asking past what a node is built to
 * answer is held back). At most {@code maxTrackedKeys} buckets are held per limit.
 */
public record Throttling(Optional<RequestRate> stsPerAccount, Optional<RequestRate> iamPerAccount,
        Optional<RequestRate> s3PerAccount, Optional<RequestRate> unsignedPerSource,
        Optional<RequestRate> failedAuthenticationPerSource, Optional<RequestRate> authorizePerAccount,
        int maxTrackedKeys) {
    public static final int DEFAULT_MAX_TRACKED_KEYS = 100_000;
    public static final Throttling DEFAULTS = new Throttling(Optional.of(new RequestRate(600, 600)),
            Optional.of(new RequestRate(100, 100)), Optional.of(new RequestRate(5500, 5500)),
            Optional.of(new RequestRate(50, 200)), Optional.of(new RequestRate(10, 100)),
            Optional.of(new RequestRate(50_000, 50_000)), DEFAULT_MAX_TRACKED_KEYS);
    public static final Throttling OFF = new Throttling(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_MAX_TRACKED_KEYS);

    public Throttling {
        requireNonNull(stsPerAccount, "stsPerAccount is null");
        requireNonNull(iamPerAccount, "iamPerAccount is null");
        requireNonNull(s3PerAccount, "s3PerAccount is null");
        requireNonNull(unsignedPerSource, "unsignedPerSource is null");
        requireNonNull(failedAuthenticationPerSource, "failedAuthenticationPerSource is null");
        requireNonNull(authorizePerAccount, "authorizePerAccount is null");
        if (maxTrackedKeys < 16) {
            throw new IllegalArgumentException("maxTrackedKeys must be at least 16: " + maxTrackedKeys);
        }
    }

    @Override
    public String toString() {
        return "Throttling[sts per account " + show(stsPerAccount) + ", iam per account " + show(iamPerAccount)
                + ", s3 per account " + show(s3PerAccount) + ", unsigned per source " + show(unsignedPerSource)
                + ", failed authentication per source " + show(failedAuthenticationPerSource)
                + ", authorize per account " + show(authorizePerAccount) + ", at most " + maxTrackedKeys + " keys each]";
    }

    private static String show(Optional<RequestRate> rate) {
        return rate.map(RequestRate::toString).orElse("off");
    }
}
