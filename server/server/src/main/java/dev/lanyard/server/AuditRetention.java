package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the audit trail is kept: records older than {@code maxAge} are deleted from the files and from the shared
 * database's table, and the oldest files go while the files together pass {@code maxFileBytes}. Nothing is deleted
 * when neither is set (the default: the operator's archive decides).
 */
public record AuditRetention(Optional<Duration> maxAge, Optional<Long> maxFileBytes) {
    public static final AuditRetention KEEP_ALL = new AuditRetention(Optional.empty(), Optional.empty());

    public AuditRetention {
        requireNonNull(maxAge, "maxAge is null");
        requireNonNull(maxFileBytes, "maxFileBytes is null");
        maxAge.filter(age -> age.isNegative() || age.isZero()).ifPresent(age -> {
            throw new IllegalArgumentException("the audit retention must be positive: " + age);
        });
        maxFileBytes.filter(bytes -> bytes < 1).ifPresent(bytes -> {
            throw new IllegalArgumentException("the audit files' size limit must be positive: " + bytes);
        });
    }
}
