package dev.lanyard.iam.spi;

/** Receives one event per decided request (CloudTrail-like); never given secrets. */
public interface AuditSink {
    AuditSink NONE = event -> { };

    void record(AuditEvent event);
}
