package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.pipeline.AuditElements;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.server.FileAuditSink;
import dev.lanyard.sts.StsOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the audit trail adds to one AssumeRole: its request parameters and response elements from the STS model, the
 * CloudTrail record, and the record written to the trail file (by the file sink's writer thread, which also syncs it
 * each second, as in the server). The files go to a temporary directory emptied after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class AuditBenchmark {
    private final AuditElements elements = new AuditElements(StsOperations.MODEL);
    private QueryParameters parameters;
    private Optional<Struct> result;
    private AuditEvent event;
    private Path dataDirectory;
    private FileAuditSink sink;

    @Setup(Level.Trial)
    public void setUp() {
        parameters = QueryParameters.decode("", AssumeRoleWire.requestBody().getBytes(StandardCharsets.UTF_8));
        String secret = SecretAccessKey.generate(new SplittableRandom(3)).reveal();
        result = Optional.of(AssumeRoleWire.result(Sessions.accessKeyId().value(), secret,
                BotocoreRequests.SESSION_TOKEN));
        event = event(elements.request("AssumeRole", parameters), elements.response("AssumeRole", result));
        try {
            dataDirectory = Files.createTempDirectory("lanyard-audit-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup(Level.Iteration)
    public void openSink() {
        sink = new FileAuditSink(dataDirectory, Clock.systemUTC(), FileAuditSink.DEFAULT_MAX_FILE_BYTES);
    }

    /** Closes the sink and deletes its files, so that a run does not fill the disk. */
    @TearDown(Level.Iteration)
    public void closeSink() {
        closeSinkKeepingFiles();
        deleteTrail();
    }

    void closeSinkKeepingFiles() {
        sink.close();
    }

    @TearDown(Level.Trial)
    public void removeDirectory() throws IOException {
        Files.deleteIfExists(dataDirectory.resolve("audit"));
        Files.deleteIfExists(dataDirectory);
    }

    /** The whole cost per AssumeRole: elements from the model, the record built and written to the trail file. */
    @Benchmark
    public AuditEvent assumeRoleRecord() {
        AuditEvent built = event(elements.request("AssumeRole", parameters), elements.response("AssumeRole", result));
        sink.record(built);
        return built;
    }

    @Benchmark
    public Optional<AuditEvent.Elements> requestParameters() {
        return elements.request("AssumeRole", parameters);
    }

    @Benchmark
    public Optional<AuditEvent.Elements> responseElements() {
        return elements.response("AssumeRole", result);
    }

    /** A record already built: its JSON line and the write to the file. */
    @Benchmark
    public void writeRecord() {
        sink.record(event);
    }

    Path trailDirectory() {
        return dataDirectory.resolve("audit");
    }

    /** AssumeRole by an IAM user, as the pipeline records it. */
    static AuditEvent event(Optional<AuditEvent.Elements> request, Optional<AuditEvent.Elements> response) {
        AuditEvent.UserIdentity caller = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAQNZGKIQY5EXAMPLE"), Optional.of("arn:aws:iam::123456789012:user/ci-runner"),
                Optional.of(Sessions.ACCOUNT.value()), Optional.of("AKIAQNZGKIQY5EXAMPLE"), Optional.of("ci-runner"),
                Optional.empty(), Optional.empty());
        return new AuditEvent("4c5a1f1e-8d3b-4b7e-9f1a-2b6c8d0e3f57", Sessions.ISSUED_AT, "sts.amazonaws.com",
                "AssumeRole", "us-east-1", "192.0.2.10", Optional.of("Boto3/1.40.0 md/Botocore#1.43.0 ua/2.1 os/linux"),
                caller, request, response, Optional.empty(), Optional.empty(), AssumeRoleWire.REQUEST_ID, false,
                List.of(new AuditEvent.Resource(Sessions.ROLE_ARN, Sessions.ACCOUNT.value(), "AWS::IAM::Role")),
                Optional.of(Sessions.ACCOUNT.value()), Optional.empty(), Optional.empty(),
                AuditEvent.Category.MANAGEMENT, Optional.empty());
    }

    private void deleteTrail() {
        try (Stream<Path> files = Files.list(trailDirectory())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
