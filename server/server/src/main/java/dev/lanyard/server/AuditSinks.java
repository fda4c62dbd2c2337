package dev.lanyard.server;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import java.util.List;

/** Every record to each sink in turn; one that throws does not keep it from the others. */
record AuditSinks(List<AuditSink> sinks) implements AuditSink {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");

    AuditSinks {
        sinks = List.copyOf(sinks);
    }

    @Override
    public void record(AuditEvent event) {
        for (AuditSink sink : sinks) {
            try {
                sink.record(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an audit sink failed for request " + event.requestId() + ": " + e);
            }
        }
    }
}
