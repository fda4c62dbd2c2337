package dev.lanyard.server;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;

/** Audit events as log lines: refusals with their operator-only detail, never a secret. */
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
        return "request=" + event.requestId() + " action=" + event.action()
                + " principal=" + event.principalArn().orElse("-")
                + " key=" + event.accessKeyId().orElse("-")
                + " source=" + event.sourceIp()
                + " outcome=" + event.errorCode().orElse("OK")
                + (event.detail().isEmpty() ? "" : " detail=\"" + event.detail() + "\"");
    }
}
