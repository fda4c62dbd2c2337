package dev.lanyard.sigv4.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a request claims about its signature, before any check against a secret. */
public record ParsedSignature(
        String accessKeyId,
        String scopeDate,
        String region,
        String service,
        String terminator,
        List<String> signedHeaders,
        Instant requestTime,
        Optional<String> securityToken,
        boolean presigned,
        String signature,
        Optional<Duration> expires) {

    public ParsedSignature {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(scopeDate, "scopeDate is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
        requireNonNull(terminator, "terminator is null");
        signedHeaders = List.copyOf(signedHeaders);
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(securityToken, "securityToken is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(expires, "expires is null");
    }

    @Override
    public String toString() {
        return "ParsedSignature[" + accessKeyId + "/" + scopeDate + "/" + region + "/" + service + "/" + terminator
                + ", signedHeaders=" + signedHeaders + ", requestTime=" + requestTime + ", presigned=" + presigned
                + ", securityToken=" + (securityToken.isPresent() ? "[REDACTED]" : "none") + "]";
    }
}
