package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit retention applied to a node's files, with the time given (no table: JdbcAuditTrailTest has it). */
class AuditPrunerTest {
    private static final Instant DAY1 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dataDirectory;

    @Test
    void aFileGoesOnceTheNextOneBeganBeforeTheCutoffAndTheNewestStays() throws IOException {
        write(DAY1, DAY1.plus(Duration.ofDays(1)), DAY1.plus(Duration.ofDays(2)));
        List<Path> before = files();
        assertThat(before).hasSize(3);
        AuditRetention twoDays = new AuditRetention(Optional.of(Duration.ofDays(2)), Optional.empty());

        // the second file began 1 day 23 hours before: the first file's last record is younger than 2 days
        prune(twoDays, DAY1.plus(Duration.ofDays(3)).minusSeconds(3600));
        assertThat(files()).isEqualTo(before);
        prune(twoDays, DAY1.plus(Duration.ofDays(3)).plusSeconds(1));
        assertThat(files()).isEqualTo(before.subList(1, 3));
        // long after everything, the file being written still stays
        prune(twoDays, DAY1.plus(Duration.ofDays(400)));
        assertThat(files()).isEqualTo(before.subList(2, 3));
    }

    @Test
    void theOldestFilesGoWhileTheTrailPassesItsSize() throws IOException {
        write(DAY1, DAY1.plus(Duration.ofDays(1)), DAY1.plus(Duration.ofDays(2)), DAY1.plus(Duration.ofDays(3)));
        List<Path> before = files();
        long each = Files.size(before.getFirst());
        prune(new AuditRetention(Optional.empty(), Optional.of(each * 2)), DAY1);
        assertThat(files()).isEqualTo(before.subList(2, 4));
        prune(new AuditRetention(Optional.empty(), Optional.of(1L)), DAY1);
        assertThat(files()).isEqualTo(before.subList(3, 4));
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws IOException {
        write(DAY1, DAY1.plus(Duration.ofDays(1)));
        Path notOurs = FileAuditSink.directory(dataDirectory).resolve("audit-export.jsonl");
        Files.writeString(notOurs, "{}\n");
        prune(new AuditRetention(Optional.of(Duration.ofHours(1)), Optional.of(1L)), DAY1.plus(Duration.ofDays(9)));
        assertThat(notOurs).exists();
        assertThat(files()).hasSize(1);
    }

    private void prune(AuditRetention retention, Instant now) {
        new AuditPruner(retention, dataDirectory, Optional.empty(), () -> now).run();
    }

    /** One record on each day given, each by a sink as a node running then would write it. */
    private void write(Instant... days) {
        for (Instant day : days) {
            try (FileAuditSink sink = new FileAuditSink(dataDirectory, Clock.fixed(day, ZoneOffset.UTC),
                    FileAuditSink.DEFAULT_MAX_FILE_BYTES)) {
                sink.record(event(day));
            }
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(FileAuditSink.directory(dataDirectory))) {
            return listed.filter(p -> p.getFileName().toString().matches("audit-\\d{8}T\\d{6}Z-\\d+\\.jsonl"))
                    .sorted().toList();
        }
    }

    private static AuditEvent event(Instant at) {
        AuditEvent.UserIdentity identity = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAALICE"), Optional.of("arn:aws:iam::111122223333:user/alice"),
                Optional.of("111122223333"), Optional.of("AKIAEXAMPLEKEY000001"), Optional.of("alice"),
                Optional.empty(), Optional.empty());
        return new AuditEvent("event-" + at.getEpochSecond(), at, "iam.amazonaws.com", "CreateUser", "us-east-1",
                "127.0.0.1", Optional.of("aws-cli/2"), identity,
                Optional.of(new AuditEvent.Elements("{\"userName\":\"alice\"}")), Optional.empty(), Optional.empty(),
                Optional.empty(), "request-" + at.getEpochSecond(), false, List.of(), Optional.of("111122223333"),
                Optional.empty(), Optional.empty(), AuditEvent.Category.MANAGEMENT, Optional.empty());
    }
}
