package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code lanyard serve --audit-retention} as an operator runs it: a restart after a long stop deletes the files whose
 * records are all older than the retention, soon after start and without a call, and keeps the newer ones.
 */
class AuditRetentionProcessTest {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void filesOlderThanTheRetentionGoAndNewerOnesStay() throws Exception {
        Path data = Files.createTempDirectory("lanyard-retention");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        try {
            try (ServeProcess first = ServeProcess.start(data, log)) { // the installation, without a retention
                assertThat(first.terminate(Duration.ofSeconds(60))).isZero();
            }
            Path audit = data.resolve("audit");
            Instant now = Instant.now();
            Path threeDays = seed(audit, now.minus(Duration.ofDays(3)));
            // its last record may be as late as the next file's first, 30 minutes ago: younger than the hour
            Path twoDays = seed(audit, now.minus(Duration.ofDays(2)));
            Path halfAnHour = seed(audit, now.minus(Duration.ofMinutes(30)));

            try (ServeProcess server = ServeProcess.start(data, log, "--audit-retention", "1h")) {
                awaitGone(threeDays, Duration.ofSeconds(120), server, log);
                assertThat(twoDays).exists();
                assertThat(halfAnHour).exists();
                assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
            }
            assertThat(twoDays).exists();
            assertThat(halfAnHour).exists();
            assertThat(threeDays).doesNotExist();
        } finally {
            ServeProcess.deleteTree(data);
            Files.deleteIfExists(log);
        }
    }

    /** A file as a node writing at {@code began} would have started it, holding one record. */
    private static Path seed(Path audit, Instant began) throws IOException {
        Path file = audit.resolve("audit-" + FILE_TIME.format(began) + "-0.jsonl");
        Files.writeString(file, "{\"eventVersion\":\"1.09\",\"eventTime\":\"" + began + "\"}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void awaitGone(Path file, Duration limit, ServeProcess server, Path log) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (Files.exists(file)) {
            if (!server.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(file + " still there after " + limit + "; the server's log:\n"
                        + ServeProcess.read(log));
            }
            ServeProcess.sleep(Duration.ofMillis(200));
        }
    }
}
