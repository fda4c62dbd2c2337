package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.CloudTrailJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trail's files: owner-only, a new one per UTC day and past the size limit, and a failure never thrown. */
class FileAuditSinkTest {
    private static final Instant T0 = Instant.parse("2026-12-07T23:59:58Z");

    private static final class MovingClock extends Clock {
        private Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void filesAreTheOwnersAndRotateByDayAndSize(@TempDir Path dataDirectory) throws IOException {
        MovingClock clock = new MovingClock();
        try (FileAuditSink sink = new FileAuditSink(dataDirectory, clock, 2_000)) {
            sink.record(event("e1"));
            sink.record(event("e2"));
            clock.now = T0.plus(Duration.ofSeconds(3)); // the next UTC day
            sink.record(event("e3"));
            for (int i = 0; i < 6; i++) {
                sink.record(event("big" + i)); // about 600 bytes each: a 2,000-byte file holds three
            }
            sink.sync();
        }
        Path directory = dataDirectory.resolve("audit");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        List<Path> files = files(directory);
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        assertThat(files.getFirst().getFileName().toString()).startsWith("audit-20261207T235958Z-");
        assertThat(Files.readAllLines(files.getFirst())).hasSize(2).allMatch(l -> l.contains("\"eventID\":\"e"));
        assertThat(files.get(1).getFileName().toString()).startsWith("audit-20261208T000001Z-");
        assertThat(Files.readAllLines(files.get(1)).getFirst()).contains("\"eventID\":\"e3\"");
        long total = 0;
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.size(file)).isLessThanOrEqualTo(2_000);
            total += Files.readAllLines(file).size();
        }
        assertThat(total).isEqualTo(9);
    }

    @Test
    void aFailedWriteIsLoggedAndTheNextRecordOpensANewFile(@TempDir Path dataDirectory) throws IOException {
        MovingClock clock = new MovingClock();
        try (FileAuditSink sink = new FileAuditSink(dataDirectory, clock, FileAuditSink.DEFAULT_MAX_FILE_BYTES)) {
            sink.record(event("e1"));
            sink.sync();
            Path directory = dataDirectory.resolve("audit");
            for (Path file : files(directory)) {
                Files.delete(file);
            }
            Files.delete(directory);
            clock.now = T0.plus(Duration.ofSeconds(3)); // the day's new file cannot be made: logged, not thrown
            sink.record(event("e2"));
            sink.sync();
            Files.createDirectory(directory);
            sink.record(event("e4"));
            sink.sync();
            assertThat(files(directory)).singleElement()
                    .satisfies(file -> assertThat(Files.readString(file)).contains("\"eventID\":\"e4\""));
        }
    }

    /**
     * When record returns, the line is with the operating system (readable from the file, so a killed process cannot
     * lose it), without anyone calling sync; even while another thread holds the lock a force would need.
     */
    @Test
    void aRecordIsWrittenBeforeRecordReturns(@TempDir Path dataDirectory) throws IOException {
        try (FileAuditSink sink = new FileAuditSink(dataDirectory, Clock.systemUTC(),
                FileAuditSink.DEFAULT_MAX_FILE_BYTES)) {
            for (int i = 1; i <= 3; i++) {
                sink.record(event("e" + i));
                assertThat(Files.readString(files(dataDirectory.resolve("audit")).getFirst()))
                        .contains("\"eventID\":\"e" + i + "\"");
            }
        }
    }

    /** Records are written in the order they were recorded, whichever thread writes them. */
    @Test
    void concurrentRecordsAreWholeLinesInOrderOfEachThread(@TempDir Path dataDirectory) throws Exception {
        int perThread = 2_000;
        try (FileAuditSink sink = new FileAuditSink(dataDirectory, Clock.systemUTC(), 256 * 1024)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String name = "t" + t + "-";
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sink.record(event(name + i));
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        Map<String, Integer> next = new HashMap<>();
        List<Path> inWritingOrder = files(dataDirectory.resolve("audit")).stream()
                .sorted(Comparator.comparingInt(FileAuditSinkTest::sequence)).toList();
        for (Path file : inWritingOrder) {
            for (String line : Files.readAllLines(file)) {
                Matcher id = Pattern.compile("\"eventID\":\"(t\\d-)(\\d+)\"").matcher(line);
                assertThat(id.find()).as(line).isTrue();
                int expected = next.getOrDefault(id.group(1), 0);
                assertThat(Integer.parseInt(id.group(2))).isEqualTo(expected);
                next.put(id.group(1), expected + 1);
            }
        }
        assertThat(next).hasSize(4).allSatisfy((thread, count) -> assertThat(count).isEqualTo(perThread));
    }

    /** The sink's file number ({@code audit-TIME-N.jsonl}): names sort 10 before 2. */
    private static int sequence(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1, name.length() - ".jsonl".length()));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    /** The bytes the sink writes are the record's JSON line in UTF-8, whatever the text holds. */
    @Test
    void aLinesBytesAreItsTextInUtf8WithALineBreak() {
        for (String id : List.of("e1", "é\u00e0\u4e2d\ud83d\ude00", "quote\"back\\slash\nnew\u0001line")) {
            AuditEvent event = event(id);
            assertThat(CloudTrailJson.lineBytes(event))
                    .isEqualTo((CloudTrailJson.line(event) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static AuditEvent event(String id) {
        AuditEvent.UserIdentity identity = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAALICE"), Optional.of("arn:aws:iam::111122223333:user/alice"),
                Optional.of("111122223333"), Optional.of("AKIAEXAMPLEKEY000001"), Optional.of("alice"),
                Optional.empty(), Optional.empty());
        return new AuditEvent(id, T0, "iam.amazonaws.com", "CreateUser", "us-east-1", "127.0.0.1",
                Optional.of("aws-cli/2"), identity,
                Optional.of(new AuditEvent.Elements("{\"userName\":\"" + "u".repeat(id.startsWith("big") ? 200 : 1)
                        + "\"}")), Optional.empty(), Optional.empty(), Optional.empty(), "request-" + id, false,
                List.of(), Optional.of("111122223333"), Optional.empty(), Optional.empty(),
                AuditEvent.Category.MANAGEMENT, Optional.empty());
    }
}
