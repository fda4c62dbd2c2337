package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.Observations;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The limiters of one {@link Throttling}, shared by the front ends: each check refuses with AWS's Throttling, "Rate
 * exceeded", and reports which limit refused.
 */
public final class Throttles {
    private final Optional<RateLimiter> sts;
    private final Optional<RateLimiter> iam;
    private final Optional<RateLimiter> s3;
    private final Optional<RateLimiter> unsigned;
    private final Optional<RateLimiter> failedAuthentication;
    private final Optional<RateLimiter> authorize;
    private final Observations observations;

    public Throttles(Throttling throttling, InstantSource clock, Observations observations) {
        requireNonNull(throttling, "throttling is null");
        requireNonNull(clock, "clock is null");
        this.observations = requireNonNull(observations, "observations is null");
        int keys = throttling.maxTrackedKeys();
        this.sts = throttling.stsPerAccount().map(rate -> new RateLimiter(rate, keys, clock));
        this.iam = throttling.iamPerAccount().map(rate -> new RateLimiter(rate, keys, clock));
        this.s3 = throttling.s3PerAccount().map(rate -> new RateLimiter(rate, keys, clock));
        this.unsigned = throttling.unsignedPerSource().map(rate -> new RateLimiter(rate, keys, clock));
        this.failedAuthentication = throttling.failedAuthenticationPerSource()
                .map(rate -> new RateLimiter(rate, keys, clock));
        this.authorize = throttling.authorizePerAccount().map(rate -> new RateLimiter(rate, keys, clock));
    }

    public static Throttles off() {
        // nothing is limited, so no clock is read
        return new Throttles(Throttling.OFF, InstantSource.fixed(Instant.EPOCH), Observations.NONE);
    }

    /** Counts a signed STS call against its account. */
    public void stsCall(AccountId account, Observations.FrontEnd frontEnd) {
        acquire(sts, account.value(), frontEnd, Observations.ThrottleScope.ACCOUNT);
    }

    /** Counts a signed IAM call against its account. */
    public void iamCall(AccountId account, Observations.FrontEnd frontEnd) {
        acquire(iam, account.value(), frontEnd, Observations.ThrottleScope.ACCOUNT);
    }

    /** Counts an authorization API call against the asking service's account. */
    public void authorizeCall(AccountId account, Observations.FrontEnd frontEnd) {
        acquire(authorize, account.value(), frontEnd, Observations.ThrottleScope.ACCOUNT);
    }

    /** Counts a signed S3 request against its account. */
    public void s3Call(AccountId account) {
        acquire(s3, account.value(), Observations.FrontEnd.S3, Observations.ThrottleScope.ACCOUNT);
    }

    /**
     * Counts an anonymous S3 request against its source address, at the S3 rate (reads of a bucket a policy opens to
     * everyone are S3 traffic, not federation calls).
     */
    public void anonymousS3Call(String sourceAddress) {
        // Account IDs are digits only, so a source address can never share an account's bucket.
        acquire(s3, "source " + sourceAddress, Observations.FrontEnd.S3, Observations.ThrottleScope.UNSIGNED_SOURCE);
    }

    /** Counts an unsigned call against its source address. */
    public void unsignedCall(String sourceAddress, Observations.FrontEnd frontEnd) {
        acquire(unsigned, sourceAddress, frontEnd, Observations.ThrottleScope.UNSIGNED_SOURCE);
    }

    /** Refuses a source whose refused authentications have used up its rate, before any signature work. */
    public void checkAuthenticationAllowed(String sourceAddress, Observations.FrontEnd frontEnd) {
        if (failedAuthentication.isPresent() && failedAuthentication.get().exhausted(sourceAddress)) {
            throw refuse(frontEnd, Observations.ThrottleScope.FAILED_AUTHENTICATION_SOURCE);
        }
    }

    /** Counts one refused authentication against its source address. */
    public void authenticationFailed(String sourceAddress) {
        failedAuthentication.ifPresent(limiter -> limiter.tryAcquire(sourceAddress));
    }

    private void acquire(Optional<RateLimiter> limiter, String key, Observations.FrontEnd frontEnd,
            Observations.ThrottleScope scope) {
        if (limiter.isPresent() && !limiter.get().tryAcquire(key)) {
            throw refuse(frontEnd, scope);
        }
    }

    private AwsException refuse(Observations.FrontEnd frontEnd, Observations.ThrottleScope scope) {
        observations.throttled(frontEnd, scope);
        return AwsErrors.throttled("throttled: " + scope);
    }
}
