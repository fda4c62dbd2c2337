package dev.lanyard.bench;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SessionTokenCodec: seal runs once per issued session, unseal on every request made with temporary credentials.
 * The codec uses a default {@link SecureRandom} for nonces, as the server does. Compare with
 * {@link CryptoFloorBenchmark#aesGcmEncrypt}/{@link CryptoFloorBenchmark#aesGcmDecrypt} (the plain body's size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class TokenBenchmark {
    @Param({"PLAIN", "POLICY_AND_TAGS"})
    public Sessions.Shape session;

    private SessionTokenCodec codec;
    private SessionClaims claims;
    private AccessKeyId accessKeyId;
    private String token;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(Sessions.ISSUED_AT), random);
        codec = new SessionTokenCodec(() -> keyset, random);
        claims = Sessions.claims(session);
        accessKeyId = Sessions.accessKeyId();
        token = codec.seal(claims, accessKeyId);
    }

    @Benchmark
    public String seal() {
        return codec.seal(claims, accessKeyId);
    }

    @Benchmark
    public SessionClaims unseal() {
        return codec.unseal(token, accessKeyId);
    }

    String token() {
        return token;
    }

    SessionClaims claims() {
        return claims;
    }
}
