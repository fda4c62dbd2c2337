package dev.lanyard.server;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;

/** Audit events as short log lines: refusals with their operator-only detail, never a secret. */
final class LogAuditSink implements AuditSink {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");

    @Override
    public void record(AuditEvent event) {
        if (event.errorCode().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> line(event));
        } else {
            LOG.log(System.Logger.Level.INFO, () -> line(event));
        }
    }

    private static String line(AuditEvent event) {
        String detail = event.lanyardDetail().orElse("");
        return "request=" + event.requestId() + " action=" + event.eventSource().replace(".amazonaws.com", "") + ":"
                + event.eventName()
                + " principal=" + event.userIdentity().arn().orElse("-")
                + " key=" + event.userIdentity().accessKeyId().orElse("-")
                + " source=" + event.sourceIpAddress()
                + " outcome=" + event.errorCode().orElse("OK")
                + (detail.isEmpty() ? "" : " detail=\"" + detail + "\"");
    }
}
