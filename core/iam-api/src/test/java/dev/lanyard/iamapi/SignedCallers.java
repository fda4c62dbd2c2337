package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Callers as the server makes them: a request signed with the key's secret, its signature verified, and the request
 * authenticator turning it into the {@link Caller} (nothing but the authenticator makes one).
 */
public final class SignedCallers {
    private final IamStore store;
    private final SessionTokenCodec codec;

    /** Its own seeded generator, so that making callers leaves the test's generator alone. */
    public SignedCallers(IamStore store) {
        this.store = store;
        SecureRandom random = seeded(1);
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(Instant.EPOCH), random);
        this.codec = new SessionTokenCodec(() -> keyset, random);
    }

    /** A generator that gives the same values on every run, for tests whose worlds must not vary. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller of a request signed at {@code when} with the stored long-term key {@code keyId}. */
    public Caller of(AccessKeyId keyId, Instant when) {
        AccessKey key = store.snapshot().accessKey(keyId)
                .orElseThrow(() -> new IllegalArgumentException("no stored key " + keyId));
        InstantSource clock = InstantSource.fixed(when);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("iam.amazonaws.com"));
        HttpRequestParts unsigned = new HttpRequestParts("GET", "/", "", headers, new byte[0]);
        new SigV4Signer(key.id().value(), key.secret(), Optional.empty())
                .signHeaders(unsigned, "us-east-1", "iam", when)
                .forEach((name, value) -> headers.put(name, List.of(value)));
        HttpRequestParts signed = new HttpRequestParts("GET", "/", "", headers, new byte[0]);
        SignedRequest parsed = SignedRequest.parse(signed).orElseThrow();
        RequestAuthenticator authenticator = new RequestAuthenticator(store, codec, clock, Partition.AWS, () -> false);
        return authenticator.authenticate(parsed, secret -> new SigV4Verifier(clock).verify(parsed, signed, secret))
                .caller();
    }
}
