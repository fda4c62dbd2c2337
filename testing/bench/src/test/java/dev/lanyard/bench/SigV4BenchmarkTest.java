package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.VerifiedSignature;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every SigV4 benchmark must verify successfully: a benchmark of the rejection path would be silently meaningless. */
class SigV4BenchmarkTest {
    private final SigV4Benchmark benchmark = new SigV4Benchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void sessionPostVerifiesWithItsSignedToken() {
        VerifiedSignature verified = benchmark.sessionPost();

        assertThat(verified.request().accessKeyId()).isEqualTo(BotocoreRequests.SESSION_KEY_ID);
        assertThat(verified.request().securityToken()).contains(BotocoreRequests.SESSION_TOKEN);
        assertThat(verified.request().signedHeaders())
                .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
        assertThat(verified.request().presigned()).isFalse();
    }

    @Test
    void sessionTokenIs300Base64Characters() {
        assertThat(BotocoreRequests.SESSION_TOKEN).hasSize(300);
        assertThat(Base64.getDecoder().decode(BotocoreRequests.SESSION_TOKEN)).hasSize(225);
    }

    @Test
    void longTermPostVerifiesWithoutToken() {
        VerifiedSignature verified = benchmark.longTermPost();

        assertThat(verified.request().accessKeyId()).isEqualTo(BotocoreRequests.LONG_TERM_KEY_ID);
        assertThat(verified.request().securityToken()).isEmpty();
    }

    @Test
    void presignedGetVerifies() {
        VerifiedSignature verified = benchmark.presignedGet();

        assertThat(verified.request().presigned()).isTrue();
        assertThat(verified.request().accessKeyId()).isEqualTo(BotocoreRequests.LONG_TERM_KEY_ID);
    }

    @Test
    void coldKeyBenchmarkAlternatesBetweenTwoKeysThatBothVerify() {
        SigV4Benchmark.ColdKeyState cold = new SigV4Benchmark.ColdKeyState();
        cold.setUp();

        VerifiedSignature first = benchmark.sessionPostColdKey(cold);
        VerifiedSignature second = benchmark.sessionPostColdKey(cold);
        VerifiedSignature third = benchmark.sessionPostColdKey(cold);

        assertThat(first.request().accessKeyId()).isEqualTo(BotocoreRequests.OTHER_SESSION_KEY_ID);
        assertThat(second.request().accessKeyId()).isEqualTo(BotocoreRequests.SESSION_KEY_ID);
        assertThat(third.request().accessKeyId()).isEqualTo(BotocoreRequests.OTHER_SESSION_KEY_ID);
    }

    @Test
    void parseAndRequestPartsBenchmarksProduceTheRequest() {
        assertThat(benchmark.parseSessionPost()).isPresent();
        assertThat(benchmark.requestPartsFromWire()).isEqualTo(BotocoreRequests.sessionPost());
    }

    /** Our signer and botocore agree on the fixture, so the header set is exactly what botocore signs. */
    @Test
    void lanyardSignerReproducesBotocoresAuthorizationHeader() {
        var unsigned = BotocoreRequests.sessionPost();
        var signer = new SigV4Signer(BotocoreRequests.SESSION_KEY_ID, BotocoreRequests.SESSION_SECRET,
                Optional.of(BotocoreRequests.SESSION_TOKEN));

        var added = signer.signHeaders(unsigned, "us-east-1", "sts", BotocoreRequests.SIGNED_AT);

        assertThat(added.get("Authorization")).isEqualTo(unsigned.header("Authorization").orElseThrow());
    }
}
