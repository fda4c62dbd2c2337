package dev.lanyard.bench;

import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.Decision;
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

/**
 * {@link Authorizer#decide} on already parsed policies (the server parses each distinct document once): a typical
 * user (3 policies, 10 statements, one condition) and a worst case (10 policies of 10 statements with wildcards,
 * policy variables, ForAnyValue, IP and date conditions, the Allow found last). Pure computation: no floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class PolicyBenchmark {
    private final Authorizer authorizer = new Authorizer();
    private AuthorizationRequest typical;
    private AuthorizationRequest worstCase;

    @Setup
    public void setUp() {
        typical = PolicyFixtures.typicalRequest();
        worstCase = PolicyFixtures.worstCaseRequest();
    }

    @Benchmark
    public Decision typical() {
        return authorizer.decide(typical);
    }

    @Benchmark
    public Decision worstCase() {
        return authorizer.decide(worstCase);
    }
}
