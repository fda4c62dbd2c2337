package dev.lanyard.server;

import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iamapi.UsageTracker;
import dev.lanyard.store.jdbc.JdbcAuditTrail;
import dev.lanyard.store.jdbc.JdbcIamStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the audit records go: the log, the files in the data directory, the usage tracker (keys' and services' last
 * use), and with a shared database its table, which every node's records reach; {@link #sink()} gives each record to
 * all of them.
 */
record AuditOutputs(FileAuditSink files, Optional<JdbcAuditTrail> table, AuditSink sink) {
    static AuditOutputs open(LanyardConfig config, Path dataDirectory, JdbcIamStore store, UsageTracker usage,
            Clock clock) {
        FileAuditSink files = new FileAuditSink(dataDirectory, clock, FileAuditSink.DEFAULT_MAX_FILE_BYTES);
        Optional<JdbcAuditTrail> table = config.database().map(db -> JdbcAuditTrail.of(store, config.nodeId()));
        List<AuditSink> sinks = new ArrayList<>(List.of(new LogAuditSink(), files, usage));
        table.ifPresent(sinks::add);
        return new AuditOutputs(files, table, new AuditSinks(sinks));
    }

    /** Closes the files and the table (its queued records written first). */
    void close() {
        files.close();
        table.ifPresent(JdbcAuditTrail::close);
    }
}
