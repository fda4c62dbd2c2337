package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.CloudTrailJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit trail as JSON lines (one CloudTrail record each) in {@code audit/} of the data directory: the directory
 * 0700, each file 0600, a new file each UTC day and whenever one reaches {@code maxFileBytes}.
 *
 * <p>A record is handed to the operating system before {@link #record} returns, so a killed process loses none that
 * was answered; the files are forced to the disk every second, so a power loss loses at most the last second. Requests
 * that record at the same time share a write: each queues its line and then writes the queue under the sink's lock,
 * and whoever gets the lock first writes everyone's lines in one gathering system call (a {@code write(2)} per record
 * cost about as much as building the record); the others find their line written. The queue takes no lock and the
 * write lock parks its waiters: with monitors, a profile under load had up to 7% of the server's CPU samples in
 * {@code record} itself, requests spinning to enter them. The force runs outside that lock, so no request waits for
 * the disk. A failure to write is logged and the server goes on serving. Public for the audit benchmark.
 */
public final class FileAuditSink implements AuditSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");
    static final String DIRECTORY = "audit";
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final long SYNC_MILLIS = 1000;
    /** Buffers per gathering write: below every platform's IOV_MAX. */
    private static final int BATCH = 512;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A queued record: its line, and when it was recorded (which decides its file). */
    private record Line(Instant recorded, byte[] bytes) {}

    private final Path directory;
    private final Clock clock;
    private final long maxFileBytes;
    private final ScheduledExecutorService syncer;
    private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock fileLock = new ReentrantLock();
    // the file's state, guarded by fileLock
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
        this.syncer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("audit-sync")
                .factory());
        syncer.scheduleWithFixedDelay(this::sync, SYNC_MILLIS, SYNC_MILLIS, TimeUnit.MILLISECONDS);
    }

    static Path directory(Path dataDirectory) {
        return dataDirectory.resolve(DIRECTORY);
    }

    @Override
    public void record(AuditEvent event) {
        queue.add(new Line(clock.instant(), CloudTrailJson.lineBytes(event)));
        write();
    }

    /**
     * Hands every queued record to the operating system: this request's, and those queued beside it. The queue is
     * drained under the write lock, so two writers cannot write their batches out of order, and a caller whose line
     * another writer took returns once that writer is done with it.
     */
    void write() {
        fileLock.lock();
        try {
            writeQueued();
        } finally {
            fileLock.unlock();
        }
    }

    private void writeQueued() {
        if (queue.isEmpty()) {
            return;
        }
        List<ByteBuffer> batch = new ArrayList<>(BATCH);
        for (Line line = queue.poll(); line != null; line = queue.poll()) {
            try {
                if (rotates(line) || batch.size() == BATCH) {
                    writeOut(batch);
                }
                current(line);
                batch.add(ByteBuffer.wrap(line.bytes()));
                size += line.bytes().length;
            } catch (IOException | UncheckedIOException e) {
                batch.clear();
                failed("writing", e);
                closeQuietly();
            }
        }
        try {
            writeOut(batch);
        } catch (IOException e) {
            failed("writing", e);
            closeQuietly();
        }
    }

    /** Forces the records queued and written so far to the disk (every second, and at the stop). */
    public void sync() {
        write();
        FileChannel written;
        fileLock.lock();
        try {
            if (!dirty || channel.isEmpty()) {
                return;
            }
            written = channel.get();
            dirty = false;
        } finally {
            fileLock.unlock();
        }
        try {
            written.force(false); // outside the lock: requests keep writing while the disk catches up
        } catch (ClosedChannelException e) {
            // rotated meanwhile: a file is forced before it is closed
        } catch (IOException e) {
            fileLock.lock();
            try {
                dirty = true;
                failed("syncing", e);
            } finally {
                fileLock.unlock();
            }
        }
    }

    private void writeOut(List<ByteBuffer> batch) throws IOException {
        if (batch.isEmpty() || channel.isEmpty()) {
            batch.clear();
            return;
        }
        ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
        batch.clear();
        FileChannel out = channel.get();
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        while (remaining > 0) {
            remaining -= out.write(buffers);
        }
        dirty = true;
    }

    /** Whether {@code line} goes to a new file: a new UTC day, or the current file would pass its size limit. */
    private boolean rotates(Line line) {
        return channel.isPresent() && (!LocalDate.ofInstant(line.recorded(), ZoneOffset.UTC).equals(day)
                || size + line.bytes().length > maxFileBytes && size > 0);
    }

    private void current(Line line) throws IOException {
        if (rotates(line)) {
            channel.get().force(false);
            closeQuietly();
        }
        if (channel.isEmpty()) {
            channel = Optional.of(open(line.recorded()));
            day = LocalDate.ofInstant(line.recorded(), ZoneOffset.UTC);
        }
    }

    private FileChannel open(Instant at) throws IOException {
        Path file;
        do {
            file = directory.resolve("audit-" + FILE_TIME.format(at) + "-" + sequence++ + ".jsonl");
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

    /** Stops the periodic force, then forces what is written: every record recorded before this is on disk. */
    @Override
    public void close() {
        syncer.shutdown();
        try {
            if (!syncer.awaitTermination(SYNC_MILLIS, TimeUnit.MILLISECONDS)) {
                syncer.shutdownNow();
            }
        } catch (InterruptedException e) {
            syncer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sync();
        fileLock.lock();
        try {
            closeQuietly();
        } finally {
            fileLock.unlock();
        }
    }
}
