package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.store.jdbc.JdbcAuditTrail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the {@link AuditRetention} to this node's audit files and, in cluster mode, to the shared table (where one
 * node at a time deletes, in batches). A file is named for the time of its first record, so every record of a file is
 * older than the next file's name: a file goes once the next one began before the cutoff. The newest file, the one
 * being written, is never deleted.
 */
final class AuditPruner {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");
    static final int TABLE_BATCH = 5_000;
    private static final Pattern NAME = Pattern.compile("audit-(\\d{8}T\\d{6}Z)-(\\d+)\\.jsonl");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditRetention retention;
    private final Path directory;
    private final Optional<JdbcAuditTrail> table;
    private final InstantSource clock;

    /** One of this node's files: when its first record was written, its sequence number and size. */
    private record AuditFile(Path path, Instant began, long sequence, long size) {
    }

    AuditPruner(AuditRetention retention, Path dataDirectory, Optional<JdbcAuditTrail> table, InstantSource clock) {
        this.retention = requireNonNull(retention, "retention is null");
        this.directory = FileAuditSink.directory(requireNonNull(dataDirectory, "dataDirectory is null"));
        this.table = requireNonNull(table, "table is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Deletes what the retention no longer keeps; a failure is logged and tried again at the next run. */
    void run() {
        try {
            pruneFiles();
            retention.maxAge().ifPresent(age -> table.ifPresent(t -> t.deleteBefore(clock.instant().minus(age),
                    TABLE_BATCH)));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "applying the audit retention failed; tried again later: " + e);
        }
    }

    private void pruneFiles() throws IOException {
        List<AuditFile> files = new ArrayList<>(files());
        if (retention.maxAge().isPresent()) {
            Instant cutoff = clock.instant().minus(retention.maxAge().get());
            while (files.size() > 1 && files.get(1).began().isBefore(cutoff)) {
                Files.deleteIfExists(files.removeFirst().path());
            }
        }
        if (retention.maxFileBytes().isPresent()) {
            long total = files.stream().mapToLong(AuditFile::size).sum();
            while (files.size() > 1 && total > retention.maxFileBytes().get()) {
                AuditFile oldest = files.removeFirst();
                Files.deleteIfExists(oldest.path());
                total -= oldest.size();
            }
        }
    }

    /** This node's audit files, oldest first; anything else in the directory is left alone. */
    private List<AuditFile> files() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<AuditFile> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(directory)) {
            for (Path path : listed.toList()) {
                Matcher name = NAME.matcher(path.getFileName().toString());
                if (name.matches()) {
                    try {
                        files.add(new AuditFile(path, FILE_TIME.parse(name.group(1), Instant::from),
                                Long.parseLong(name.group(2)), Files.size(path)));
                    } catch (DateTimeParseException | NumberFormatException | NoSuchFileException e) {
                        // not one of ours after all, or deleted meanwhile
                    }
                }
            }
        }
        files.sort(Comparator.comparing(AuditFile::began).thenComparingLong(AuditFile::sequence));
        return files;
    }
}
