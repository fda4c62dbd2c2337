package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.CloudTrailJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail as JSON lines (one CloudTrail record each) in {@code audit/} of the data directory: the directory
 * 0700, each file 0600, a new file each UTC day and whenever one reaches {@code maxFileBytes}. A record reaches the
 * operating system before the request is answered (a killed process loses none); {@link #sync()}, run every second,
 * forces written records to the disk, so a power loss loses at most the last second. A failure to write is logged and
 * the server goes on serving.
 */
public final class FileAuditSink implements AuditSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");
    static final String DIRECTORY = "audit";
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final long maxFileBytes;
    private Optional<FileChannel> channel = Optional.empty();
    private LocalDate day = LocalDate.MIN;
    private long size;
    private int sequence;
    private boolean dirty;
    private long failures;

    public FileAuditSink(Path dataDirectory, Clock clock, long maxFileBytes) {
        this.directory = requireNonNull(dataDirectory, "dataDirectory is null").resolve(DIRECTORY);
        this.clock = requireNonNull(clock, "clock is null");
        this.maxFileBytes = maxFileBytes;
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit directory " + directory, e);
        }
    }

    static Path directory(Path dataDirectory) {
        return dataDirectory.resolve(DIRECTORY);
    }

    @Override
    public void record(AuditEvent event) {
        byte[] line = (CloudTrailJson.line(event) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                FileChannel out = current(line.length);
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                size += line.length;
                dirty = true;
            } catch (IOException | UncheckedIOException e) {
                failed("writing", e);
                closeQuietly();
            }
        }
    }

    /** Forces the records written since the last call to the disk. */
    public synchronized void sync() {
        if (!dirty || channel.isEmpty()) {
            return;
        }
        try {
            channel.get().force(false);
            dirty = false;
        } catch (IOException e) {
            failed("syncing", e);
        }
    }

    private FileChannel current(int next) throws IOException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (channel.isPresent() && (!today.equals(day) || size + next > maxFileBytes && size > 0)) {
            channel.get().force(false);
            closeQuietly();
        }
        if (channel.isEmpty()) {
            channel = Optional.of(open());
            day = today;
        }
        return channel.get();
    }

    private FileChannel open() throws IOException {
        Path file;
        do {
            file = directory.resolve("audit-" + FILE_TIME.format(clock.instant()) + "-" + sequence++ + ".jsonl");
        } while (Files.exists(file));
        FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        size = 0;
        return out;
    }

    private void failed(String what, Exception e) {
        // the first failure, then one in a thousand: a full disk must not flood the log
        if (failures++ % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, what + " the audit trail in " + directory + " failed (" + failures
                    + " failures so far); serving goes on: " + e);
        }
    }

    private void closeQuietly() {
        channel.ifPresent(c -> {
            try {
                c.close();
            } catch (IOException e) {
                failed("closing", e);
            }
        });
        channel = Optional.empty();
    }

    @Override
    public synchronized void close() {
        sync();
        closeQuietly();
    }
}
