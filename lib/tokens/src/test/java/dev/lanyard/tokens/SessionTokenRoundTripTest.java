package dev.lanyard.tokens;

import static dev.lanyard.tokens.TestFixtures.ACCESS_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.tokens.internal.ClaimsEncoding;
import dev.lanyard.tokens.internal.ByteWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTokenRoundTripTest {
    private static final Duration LIFETIME = Duration.ofHours(36);

    private final MutableClock clock = new MutableClock(TestFixtures.EPOCH);
    private final SecureRandom rnd = TestFixtures.seededRandom(42);
    private final AtomicReference<TokenKeyset> keyset = new AtomicReference<>(TokenKeyset.generate(clock, rnd));
    private final SessionTokenCodec codec = new SessionTokenCodec(keyset::get, rnd);

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unsealInvertsSeal(long seed) {
        SessionClaims claims = new ClaimsGenerator(seed).next();
        ByteWriter body = ClaimsEncoding.encode(claims);
        assertThat(decode(body)).isEqualTo(claims);
        try {
            String token = codec.seal(claims, ACCESS_KEY_ID);
            assertThat(token.length()).isLessThanOrEqualTo(SessionTokenCodec.MAX_TOKEN_LENGTH);
            assertThat(codec.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
        } catch (TokenTooLargeException e) {
            assertThat(e.tokenLength()).isGreaterThan(SessionTokenCodec.MAX_TOKEN_LENGTH);
        }
    }

    /** Ciphers are pooled and shared between threads, and a key change must take effect at once for all of them. */
    @Test
    void concurrentSealsAndUnsealsAcrossARotationRoundTrip() throws Exception {
        SessionClaims claims = new ClaimsGenerator(7).next();
        String beforeRotation = codec.seal(claims, ACCESS_KEY_ID);
        keyset.set(keyset.get().rotate(clock, rnd));
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String token = codec.seal(claims, ACCESS_KEY_ID);
                        assertThat(codec.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
                        assertThat(codec.unseal(beforeRotation, ACCESS_KEY_ID)).isEqualTo(claims);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bodyEncodingIsCanonical(long seed) throws Exception {
        ByteWriter body = ClaimsEncoding.encode(new ClaimsGenerator(seed).next());
        byte[] reencoded = ClaimsEncoding.encode(decode(body)).toByteArray();
        assertThat(reencoded).isEqualTo(body.toByteArray());
    }

    @Test
    void mostGeneratedClaimsFitInAToken() {
        long fitting = seeds().filter(seed -> {
            try {
                codec.seal(new ClaimsGenerator(seed).next(), ACCESS_KEY_ID);
                return true;
            } catch (TokenTooLargeException e) {
                return false;
            }
        }).count();
        assertThat(fitting).isGreaterThan(270);
    }

    @Test
    void emptyAndMaximalClaimsRoundTrip() {
        for (SessionClaims claims : new SessionClaims[] {ClaimsGenerator.empty(), ClaimsGenerator.maximal()}) {
            assertThat(codec.unseal(codec.seal(claims, ACCESS_KEY_ID), ACCESS_KEY_ID)).isEqualTo(claims);
        }
    }

    @Test
    void sealingTwiceGivesDifferentTokens() {
        SessionClaims claims = new ClaimsGenerator(1).next();
        assertThat(codec.seal(claims, ACCESS_KEY_ID)).isNotEqualTo(codec.seal(claims, ACCESS_KEY_ID));
    }

    @Test
    void tokenSealedBeforeRotationUnsealsAfterIt() {
        SessionClaims claims = new ClaimsGenerator(7).next();
        String before = codec.seal(claims, ACCESS_KEY_ID);
        int oldId = keyset.get().primary().keyId();
        clock.advance(Duration.ofHours(1));
        keyset.set(keyset.get().rotate(clock, rnd));
        String after = codec.seal(claims, ACCESS_KEY_ID);

        assertThat(keyId(after)).isEqualTo(oldId + 1);
        assertThat(keyId(before)).isEqualTo(oldId);
        assertThat(codec.unseal(before, ACCESS_KEY_ID)).isEqualTo(claims);
        assertThat(codec.unseal(after, ACCESS_KEY_ID)).isEqualTo(claims);
    }

    @Test
    void pruneKeepsRetiredKeyForTheLifetimeThenItsTokensAreUnknown() {
        SessionClaims claims = new ClaimsGenerator(8).next();
        String before = codec.seal(claims, ACCESS_KEY_ID);
        keyset.set(keyset.get().rotate(clock, rnd));
        String after = codec.seal(claims, ACCESS_KEY_ID);

        clock.advance(LIFETIME);
        keyset.set(keyset.get().prune(clock.instant(), LIFETIME));
        assertThat(codec.unseal(before, ACCESS_KEY_ID)).isEqualTo(claims);

        clock.advance(Duration.ofSeconds(1));
        keyset.set(keyset.get().prune(clock.instant(), LIFETIME));
        assertThat(keyset.get().keys()).hasSize(1);
        assertRejected(before, TokenRejectionReason.UNKNOWN_KEY);
        assertThat(codec.unseal(after, ACCESS_KEY_ID)).isEqualTo(claims);
    }

    @Test
    void disabledKeyRejectsAndReEnabledKeyUnseals() {
        SessionClaims claims = new ClaimsGenerator(9).next();
        String before = codec.seal(claims, ACCESS_KEY_ID);
        int oldId = keyset.get().primary().keyId();
        keyset.set(keyset.get().rotate(clock, rnd).disable(oldId));
        assertRejected(before, TokenRejectionReason.UNKNOWN_KEY);

        keyset.set(keyset.get().enable(oldId));
        assertThat(codec.unseal(before, ACCESS_KEY_ID)).isEqualTo(claims);
    }

    @Test
    void keysetRestoredFromStoreUnsealsEarlierTokens() throws SealedDataException {
        SessionClaims claims = new ClaimsGenerator(10).next();
        String token = codec.seal(claims, ACCESS_KEY_ID);
        MasterKey master = MasterKey.generate(rnd);
        TokenKeyset restored = TokenKeyset.fromEncryptedBytes(keyset.get().toEncryptedBytes(master), master);
        SessionTokenCodec otherNode = new SessionTokenCodec(() -> restored, new SecureRandom());
        assertThat(otherNode.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
    }

    private void assertRejected(String token, TokenRejectionReason reason) {
        assertThatThrownBy(() -> codec.unseal(token, ACCESS_KEY_ID))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static SessionClaims decode(ByteWriter body) {
        try {
            return ClaimsEncoding.decode(body.array(), 0, body.size());
        } catch (dev.lanyard.tokens.internal.MalformedDataException e) {
            throw new AssertionError(e);
        }
    }

    private static int keyId(String token) {
        return java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(token), 1, 4).getInt();
    }
}
