package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ResponseEncoder;
import dev.lanyard.query.ResponseFormat;
import dev.lanyard.query.Struct;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The Query protocol at both ends of an AssumeRole call: form decoding in, the XML or JSON envelope out. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class QueryBenchmark {
    private byte[] assumeRoleBody;
    private Struct assumeRoleResult;

    @Setup
    public void setUp() {
        assumeRoleBody = AssumeRoleWire.requestBody().getBytes(StandardCharsets.UTF_8);
        String secret = SecretAccessKey.generate(new SplittableRandom(3)).reveal();
        assumeRoleResult = AssumeRoleWire.result(Sessions.accessKeyId().value(), secret, BotocoreRequests.SESSION_TOKEN);
    }

    /** QueryParameters.decode of the botocore AssumeRole body (about 1 KB, 30 parameters). */
    @Benchmark
    public QueryParameters decodeAssumeRole() {
        return QueryParameters.decode("", assumeRoleBody);
    }

    /** Decoding plus what the AssumeRole handler reads from it: the scalars, the tag and policy-ARN lists. */
    @Benchmark
    public void decodeAndReadAssumeRole(Blackhole blackhole) {
        QueryParameters parameters = QueryParameters.decode("", assumeRoleBody);
        blackhole.consume(parameters.required("RoleArn"));
        blackhole.consume(parameters.required("RoleSessionName"));
        blackhole.consume(parameters.integer("DurationSeconds"));
        blackhole.consume(parameters.get("ExternalId"));
        blackhole.consume(parameters.structList("PolicyArns"));
        blackhole.consume(parameters.structList("Tags"));
        blackhole.consume(parameters.list("TransitiveTagKeys"));
    }

    @Benchmark
    public byte[] assumeRoleResponseXml() {
        return encode(ResponseFormat.XML);
    }

    @Benchmark
    public byte[] assumeRoleResponseJson() {
        return encode(ResponseFormat.JSON);
    }

    byte[] encode(ResponseFormat format) {
        return ResponseEncoder.success(format, "AssumeRole", AssumeRoleWire.STS_NAMESPACE,
                Optional.of(assumeRoleResult), AssumeRoleWire.REQUEST_ID);
    }

    byte[] assumeRoleBody() {
        return assumeRoleBody.clone();
    }
}
