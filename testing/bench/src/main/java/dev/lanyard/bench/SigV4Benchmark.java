package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.sigv4.SigningKeys;
import dev.lanyard.sigv4.VerifiedSignature;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * SignedRequest.parse + SigV4Verifier.verify of botocore-signed STS requests: what every authenticated request pays
 * before any IAM work. The verifier's clock is fixed two seconds after the signing time. Compare with
 * {@link CryptoFloorBenchmark}: {@code sigv4CachedKey} is the floor of the warm paths here, {@code sigv4FullChain} of
 * {@link #sessionPostColdKey}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class SigV4Benchmark {
    private HttpRequestParts sessionPost;
    private HttpRequestParts longTermPost;
    private HttpRequestParts presignedGet;
    private Map<String, List<String>> wireHeaders;
    private byte[] body;
    /** The steady state: the signing key of each (secret, day, region, service) is derived once and cached. */
    private SigV4Verifier verifier;

    @Setup
    public void setUp() {
        sessionPost = BotocoreRequests.sessionPost();
        longTermPost = BotocoreRequests.longTermPost();
        presignedGet = BotocoreRequests.presignedGet();
        wireHeaders = BotocoreRequests.sessionPostWireHeaders();
        body = BotocoreRequests.getCallerIdentityBody();
        verifier = new SigV4Verifier(verifierClock());
    }

    /** A request with temporary credentials (the X-Amz-Security-Token header, 300 characters, is signed). */
    @Benchmark
    public VerifiedSignature sessionPost() {
        return verify(verifier, sessionPost, BotocoreRequests.SESSION_SECRET);
    }

    /** A request with a long-term access key: no token. */
    @Benchmark
    public VerifiedSignature longTermPost() {
        return verify(verifier, longTermPost, BotocoreRequests.LONG_TERM_SECRET);
    }

    /** A presigned GET URL (the form EKS-style tokens and the load benchmark use). */
    @Benchmark
    public VerifiedSignature presignedGet() {
        return verify(verifier, presignedGet, BotocoreRequests.LONG_TERM_SECRET);
    }

    /**
     * {@link #sessionPost} when the signing key is not cached (the first request of a key each day): two keys take
     * turns in a one-entry cache, so every call derives the key with four HMACs.
     */
    @Benchmark
    public VerifiedSignature sessionPostColdKey(ColdKeyState cold) {
        cold.useOther = !cold.useOther;
        return cold.useOther
                ? verify(cold.verifier, cold.otherSessionPost, BotocoreRequests.OTHER_SESSION_SECRET)
                : verify(cold.verifier, sessionPost, BotocoreRequests.SESSION_SECRET);
    }

    /** Parsing alone (Authorization header, credential scope, signed-header list, X-Amz-Date). */
    @Benchmark
    public Optional<SignedRequest> parseSessionPost() {
        return SignedRequest.parse(sessionPost);
    }

    /** The case-insensitive header copy HttpRequestParts makes, which the HTTP adapter pays per request. */
    @Benchmark
    public HttpRequestParts requestPartsFromWire() {
        return new HttpRequestParts("POST", "/", "", wireHeaders, body);
    }

    static VerifiedSignature verify(SigV4Verifier verifier, HttpRequestParts request, SecretAccessKey secret) {
        SignedRequest signed = SignedRequest.parse(request).orElseThrow();
        return verifier.verify(signed, request, secret);
    }

    static InstantSource verifierClock() {
        return InstantSource.fixed(BotocoreRequests.SIGNED_AT.plusSeconds(2));
    }

    /** Per thread, so that threads do not evict each other's keys and the count of derivations stays one a call. */
    @State(Scope.Thread)
    public static class ColdKeyState {
        HttpRequestParts otherSessionPost;
        SigV4Verifier verifier;
        boolean useOther;

        @Setup
        public void setUp() {
            otherSessionPost = BotocoreRequests.otherSessionPost();
            verifier = new SigV4Verifier(verifierClock(), SigV4Verifier.DEFAULT_ALLOWED_SKEW, new SigningKeys(1), true);
        }
    }
}
