package dev.lanyard.sigv4;

import static dev.lanyard.sigv4.Fixtures.NOW;
import static dev.lanyard.sigv4.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.PercentEncoding;
import dev.lanyard.sigv4.internal.QueryParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random requests: whatever the signer signs (header or presigned, with or without token and
 * extra headers) the verifier accepts, and any single change to a signed part makes it fail.
 */
class RoundTripPropertyTest {
    private final SigV4Verifier verifier = new SigV4Verifier(InstantSource.fixed(NOW));

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private record Signed(HttpRequestParts request, boolean presigned) {}

    private static Signed sign(RandomRequests random, HttpRequestParts request) {
        Optional<String> token = random.nextBoolean() ? Optional.of("tok+/=" + random.nextInt(1000)) : Optional.empty();
        SigV4Signer signer = new SigV4Signer(Fixtures.SESSION_KEY_ID, SECRET, token);
        List<String> extra = new ArrayList<>(request.headers().keySet());
        extra.removeIf(name -> random.nextBoolean());
        SigningOptions options = SigningOptions.defaults().withExtraSignedHeaders(extra.toArray(String[]::new))
                .withContentSha256Header(random.nextInt(4) == 0);
        Instant at = NOW.minusSeconds(random.nextInt(1800) - 900);
        if (random.nextBoolean()) {
            // Valid over the whole window, whenever within it it was signed.
            String query = signer.presignQuery(request, "us-east-1", "sts", at, Duration.ofSeconds(900), options);
            return new Signed(request.withRawQuery(query), true);
        }
        Map<String, String> added = signer.signHeaders(request, "us-east-1", "sts", at, options);
        return new Signed(Fixtures.withAdded(request, added), false);
    }

    private VerifiedSignature verify(HttpRequestParts request) {
        return verifier.verify(SignedRequest.parse(request).orElseThrow(), request, SECRET);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void whatIsSignedVerifies(long seed) {
        RandomRequests random = new RandomRequests(seed);
        Signed signed = sign(random, random.request());
        assertThat(verify(signed.request()).request().presigned()).as("seed %d", seed).isEqualTo(signed.presigned());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyChangeToASignedPartFails(long seed) {
        RandomRequests random = new RandomRequests(seed);
        Signed signed = sign(random, random.request());
        HttpRequestParts request = signed.request();
        SignedRequest parsed = SignedRequest.parse(request).orElseThrow();
        List<HttpRequestParts> mutations = new ArrayList<>();
        mutations.add(Mutations.withPath(request, request.rawPath() + "z"));
        mutations.add(Mutations.withMethod(request, request.method() + "X"));
        mutations.add(Mutations.withBody(request, (new String(request.body()) + "z").getBytes()));
        mutations.add(request.withRawQuery(request.rawQuery() + "&zz=1"));
        for (String header : parsed.signedHeaders()) {
            if (!header.equals("x-amz-date") && !header.equals("x-amz-content-sha256")) {
                mutations.add(Mutations.withHeaderValue(request, header, v -> v + "z"));
            }
        }
        mutations.add(signed.presigned()
                ? Mutations.withParameter(request, "X-Amz-Date", Mutations::oneSecondLater)
                : Mutations.withHeaderValue(request, "X-Amz-Date", Mutations::oneSecondLater));
        for (int i = 0; i < mutations.size(); i++) {
            HttpRequestParts mutated = mutations.get(i);
            assertThatThrownBy(() -> verify(mutated))
                    .as("seed %d, mutation %d: %s", seed, i, mutated)
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equivalentEncodingsCanonicalizeAlike(long seed) {
        // Decoding and re-encoding in one fixed style must not change the canonical form of any escape style.
        RandomRequests random = new RandomRequests(seed);
        String query = random.query();
        String canonical = CanonicalRequest.of(new HttpRequestParts("GET", "/", query, Map.of()), List.of(), "h", true);
        String reEncoded = QueryParameter.parse(query).stream()
                .map(p -> PercentEncoding.encode(p.name(), false) + "="
                        + PercentEncoding.encode(p.value(), false))
                .reduce((a, b) -> a + "&" + b).orElse("");
        String again = CanonicalRequest.of(new HttpRequestParts("GET", "/", reEncoded, Map.of()), List.of(), "h", true);
        assertThat(again).as("seed %d: %s vs %s", seed, query, reEncoded).isEqualTo(canonical);
    }
}
