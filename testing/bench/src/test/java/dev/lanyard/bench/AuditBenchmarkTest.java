package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit benchmark writes whole AssumeRole records, with the elements a real call has and no secret. */
class AuditBenchmarkTest {
    private final AuditBenchmark benchmark = new AuditBenchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
        benchmark.openSink();
    }

    @AfterEach
    void tearDown() throws IOException {
        benchmark.closeSink();
        benchmark.removeDirectory();
    }

    @Test
    void eachRecordIsAWholeAssumeRoleLineWithoutSecrets() throws IOException {
        benchmark.assumeRoleRecord();
        benchmark.writeRecord();
        benchmark.closeSinkKeepingFiles();

        List<String> lines = lines(benchmark.trailDirectory());
        assertThat(lines).hasSize(2);
        JsonNode record = new ObjectMapper().readTree(lines.getFirst());
        assertThat(record.path("eventName").asText()).isEqualTo("AssumeRole");
        assertThat(record.at("/requestParameters/roleArn").asText()).isEqualTo(Sessions.ROLE_ARN);
        assertThat(record.at("/requestParameters/tags")).hasSize(10);
        assertThat(record.at("/requestParameters/durationSeconds").asInt()).isEqualTo(3600);
        assertThat(record.at("/responseElements/credentials/accessKeyId").asText())
                .isEqualTo(Sessions.accessKeyId().value());
        assertThat(record.at("/responseElements/packedPolicySize").asInt()).isEqualTo(9);
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(BotocoreRequests.SESSION_TOKEN)
                .doesNotContain("secretAccessKey").doesNotContain("sessionToken"));
        assertThat(lines.get(1)).isEqualTo(lines.getFirst());
    }

    private static List<String> lines(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().flatMap(file -> {
                try {
                    return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
