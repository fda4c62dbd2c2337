package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.tokens.SessionTokenCodec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenBenchmarkTest {
    /** Version, key id, nonce and GCM tag around the encrypted body. */
    private static final int ENVELOPE_BYTES = 1 + 4 + 12 + 16;

    private static TokenBenchmark benchmark(Sessions.Shape shape) {
        TokenBenchmark benchmark = new TokenBenchmark();
        benchmark.session = shape;
        benchmark.setUp();
        return benchmark;
    }

    @ParameterizedTest
    @EnumSource(Sessions.Shape.class)
    void sealedTokensUnsealToTheSameClaims(Sessions.Shape shape) {
        TokenBenchmark benchmark = benchmark(shape);

        assertThat(benchmark.unseal()).isEqualTo(benchmark.claims());
        assertThat(benchmark.seal()).isNotEqualTo(benchmark.token()).hasSize(benchmark.token().length());
    }

    /** The AES floor's first size is exactly the plain session body, so unseal and decrypt compare like for like. */
    @Test
    void plainSessionBodyIsWhatTheAesFloorEncrypts() {
        int body = Base64.getDecoder().decode(benchmark(Sessions.Shape.PLAIN).token()).length - ENVELOPE_BYTES;

        assertThat(body).isEqualTo(CryptoFloorBenchmark.Aes.PLAIN_SESSION_BODY_BYTES);
    }

    @Test
    void richSessionHasA1000CharacterPolicyAndTenTags() {
        var claims = Sessions.claims(Sessions.Shape.POLICY_AND_TAGS);

        assertThat(claims.inlineSessionPolicy()).hasValueSatisfying(p -> assertThat(p).hasSize(1_000));
        assertThat(claims.tags()).hasSize(10);
        assertThat(benchmark(Sessions.Shape.POLICY_AND_TAGS).token().length())
                .isLessThanOrEqualTo(SessionTokenCodec.MAX_TOKEN_LENGTH);
    }

    @Test
    void sessionPolicyIsWellFormedJsonShape() {
        String policy = Sessions.sessionPolicy();

        assertThat(policy).startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"")
                .endsWith("}]}").contains("\"Effect\":\"Deny\"");
        assertThat(policy.chars().filter(c -> c == '{').count()).isEqualTo(policy.chars().filter(c -> c == '}').count());
    }
}
