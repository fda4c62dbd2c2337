package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Facts about the request itself that policies may test (aws:SourceIp, aws:CurrentTime, ...), and whether it came
 * through STS's global endpoint rather than a regional one.
 */
public record RequestEnvironment(Instant time, String sourceIp, boolean secureTransport, String region,
        Optional<String> userAgent, String requestId, boolean globalEndpoint) {
    public RequestEnvironment {
        requireNonNull(time, "time is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(region, "region is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestId, "requestId is null");
    }

    /** A request to a regional endpoint. */
    public RequestEnvironment(Instant time, String sourceIp, boolean secureTransport, String region,
            Optional<String> userAgent, String requestId) {
        this(time, sourceIp, secureTransport, region, userAgent, requestId, false);
    }
}
