package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** What happened: who called which action, the outcome, and an operator-only detail for refusals. */
public record AuditEvent(Instant time, String requestId, String action, Optional<String> principalArn,
        Optional<String> accessKeyId, String sourceIp, Optional<String> errorCode, String detail) {
    public AuditEvent {
        requireNonNull(time, "time is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(action, "action is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(detail, "detail is null");
    }
}
