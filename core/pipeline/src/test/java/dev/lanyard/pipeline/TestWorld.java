package dev.lanyard.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One account in an in-memory store, with real token sealing and real SigV4 signing: alice may call iam:GetUser, bob
 * may call nothing, the role deployer may call iam:GetUser; each user and the root have an access key.
 */
final class TestWorld {
    static final AccountId ACCOUNT = AccountId.of("111122223333");
    static final String REGION = "us-east-1";
    static final String HOST = "127.0.0.1:8080";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String GET_USER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}]}";

    final Clock clock = new Clock(T0);
    final SecureRandom random = seeded();
    final SplittableRandom ids = new SplittableRandom(17);
    final InMemoryIamStore store;
    final SessionTokenCodec codec;
    final AccessControl access;
    final RequestAuthenticator authenticator;
    final User alice = user("alice", true);
    final User bob = user("bob", false);
    final Role deployer = new Role(ACCOUNT, "AROADEPLOYER", "deployer", "/", StoredPolicy.parse(TRUST,
            PolicyKind.TRUST), Optional.empty(), Duration.ofHours(1), T0, Optional.empty(), List.of(),
            List.of(new InlinePolicy("get-user", StoredPolicy.parse(GET_USER, PolicyKind.INLINE))), List.of());
    final AccessKey aliceKey = key(Optional.of("alice"));
    final AccessKey bobKey = key(Optional.of("bob"));
    final AccessKey rootKey = key(Optional.empty());

    /** An injected clock the tests move. */
    static final class Clock implements InstantSource {
        private volatile Instant now;

        Clock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    TestWorld() {
        List<IamEntity> entities = new ArrayList<>(List.of(new Account(ACCOUNT, "main", "main@example.test",
                Account.AccountStatus.ACTIVE, T0, true), alice, bob, deployer, aliceKey, bobKey, rootKey));
        this.store = InMemoryIamStore.of(entities);
        TokenKeyset keyset = TokenKeyset.generate(clock, random);
        this.codec = new SessionTokenCodec(() -> keyset, random);
        this.access = new AccessControl(new PolicyGatherer(new AwsManagedPolicies(Partition.AWS)),
                new AuthorizationMessages(MasterKey.generate(random)));
        this.authenticator = new RequestAuthenticator(store, codec, clock, Partition.AWS, () -> false);
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static User user(String name, boolean mayGetUser) {
        List<InlinePolicy> policies = mayGetUser
                ? List.of(new InlinePolicy("get-user", StoredPolicy.parse(GET_USER, PolicyKind.INLINE)))
                : List.of();
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), name, "/", T0, Optional.empty(),
                List.of(), policies, List.of());
    }

    private AccessKey key(Optional<String> userName) {
        return new AccessKey(AccessKeyId.generateLongTerm(ACCOUNT, ids), ACCOUNT, userName,
                SecretAccessKey.generate(ids), AccessKey.Status.Active, T0);
    }

    static String arn(User user) {
        return "arn:aws:iam::" + ACCOUNT.value() + ":user/" + user.name();
    }

    /** Credentials a client holds: an access key, its secret and, for a session, the token. */
    record Credentials(String accessKeyId, SecretAccessKey secret, Optional<String> token) {
        static Credentials of(AccessKey key) {
            return new Credentials(key.id().value(), key.secret(), Optional.empty());
        }

        SigV4Signer signer() {
            return new SigV4Signer(accessKeyId, secret, token);
        }
    }

    /** A session sealed as STS seals it, for the principal the claims name. */
    Credentials session(SessionKind kind, SessionOrigin origin, String principalArn, String principalId,
            Optional<User> parent, Optional<Instant> mfa, Duration lifetime) {
        AccessKeyId keyId = AccessKeyId.generateTemporary(ACCOUNT, ids);
        SecretAccessKey secret = SecretAccessKey.generate(ids);
        SessionClaims claims = SessionClaims.builder().kind(kind).origin(origin).account(ACCOUNT)
                .secretAccessKey(secret).principalArn(principalArn).principalId(principalId)
                .sessionName(kind == SessionKind.ASSUMED_ROLE || kind == SessionKind.FEDERATED_USER ? "s1" : "")
                .parentUserArn(parent.map(TestWorld::arn)).parentUserId(parent.map(User::userId))
                .issuedAt(clock.instant()).expiresAt(clock.instant().plus(lifetime)).mfaAuthenticatedAt(mfa).build();
        return new Credentials(keyId.value(), secret, Optional.of(codec.seal(claims, keyId)));
    }

    /** A role session as the global endpoint issues it by default: a v1 token. */
    Credentials v1RoleSession() {
        AccessKeyId keyId = AccessKeyId.generateTemporary(ACCOUNT, ids);
        SecretAccessKey secret = SecretAccessKey.generate(ids);
        SessionClaims claims = SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE)
                .origin(SessionOrigin.ASSUME_ROLE).account(ACCOUNT).secretAccessKey(secret)
                .principalArn("arn:aws:iam::111122223333:role/deployer").principalId(deployer.roleId())
                .sessionName("s1").issuedAt(clock.instant()).expiresAt(clock.instant().plus(Duration.ofHours(1)))
                .build().asV1Token();
        return new Credentials(keyId.value(), secret, Optional.of(codec.seal(claims, keyId)));
    }

    Credentials roleSession() {
        return session(SessionKind.ASSUMED_ROLE, SessionOrigin.ASSUME_ROLE, "arn:aws:iam::111122223333:role/deployer",
                deployer.roleId(), Optional.empty(), Optional.empty(), Duration.ofHours(1));
    }

    Credentials userSession(Optional<Instant> mfa) {
        return session(SessionKind.USER_SESSION, SessionOrigin.GET_SESSION_TOKEN, arn(alice), alice.userId(),
                Optional.empty(), mfa, Duration.ofHours(1));
    }

    Credentials federatedSession() {
        return session(SessionKind.FEDERATED_USER, SessionOrigin.GET_FEDERATION_TOKEN,
                "arn:aws:sts::111122223333:federated-user/s1", ACCOUNT.value() + ":s1", Optional.of(alice),
                Optional.empty(), Duration.ofHours(1));
    }

    void remove(IamEntity entity) {
        store.update(s -> Mutation.of(1, EntityChange.remove(entity)));
    }

    void put(IamEntity entity) {
        store.update(s -> Mutation.of(1, EntityChange.upsert(entity)));
    }

    /** A Query request in a form body, signed for {@code service}. */
    HttpExchange query(Credentials credentials, String service, String form) {
        return queryIn(REGION, credentials, service, form);
    }

    /** A Query request signed for {@code service} in {@code region}. */
    HttpExchange queryIn(String region, Credentials credentials, String service, String form) {
        return signed(region, credentials, service, "application/x-www-form-urlencoded", form, Map.of(),
                SigningOptions.defaults());
    }

    /** A JSON-protocol request, its X-Amz-Target signed. */
    HttpExchange json(Credentials credentials, String service, String target, String body) {
        return signed(REGION, credentials, service, "application/x-amz-json-1.1", body, Map.of("X-Amz-Target", target),
                SigningOptions.defaults().withExtraSignedHeaders("x-amz-target"));
    }

    HttpExchange unsignedQuery(String form) {
        return exchange("POST", "", Map.of("Host", HOST, "Content-Type", "application/x-www-form-urlencoded"), form);
    }

    /** A presigned GET of {@code query}, valid for {@code expires}. */
    HttpExchange presigned(Credentials credentials, String service, String query, Duration expires) {
        HttpRequestParts parts = new HttpRequestParts("GET", "/", query, Map.of("Host", List.of(HOST)));
        String signedQuery = credentials.signer().presignQuery(parts, REGION, service, clock.instant(), expires);
        return exchange("GET", signedQuery, Map.of("Host", HOST), "");
    }

    private HttpExchange signed(String region, Credentials credentials, String service, String contentType, String body,
            Map<String, String> extra, SigningOptions options) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("Content-Type", contentType);
        headers.putAll(extra);
        HttpRequestParts parts = new HttpRequestParts("POST", "/", "", lists(headers), body.getBytes(UTF_8));
        headers.putAll(credentials.signer().signHeaders(parts, region, service, clock.instant(), options));
        return exchange("POST", "", headers, body);
    }

    private static HttpExchange exchange(String method, String query, Map<String, String> headers, String body) {
        return new HttpExchange(method, "/", query, lists(headers), body.getBytes(UTF_8), "192.0.2.10", true);
    }

    private static Map<String, List<String>> lists(Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return all;
    }
}
