package dev.lanyard.authorizeapi;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.pipeline.Throttling;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One account in an in-memory store with real keys, tokens and signatures, and the orders service of
 * {@code catalogue.json}: the user orders-service may ask about orders; alice may get orders (on the web channel
 * only when the condition says so) and is denied cancelling them; bob may do nothing; the role clerk may get orders.
 */
final class AuthorizeWorld {
    static final AccountId ACCOUNT = AccountId.of("111122223333");
    static final String REGION = "us-east-1";
    static final String ORDER = "arn:aws:orders:us-east-1:111122223333:order/42";
    static final String SERVICE_HOST = "orders.example.test";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lanyard:Authorize",
             "Resource":["arn:aws:lanyard::111122223333:service/orders",
                         "arn:aws:lanyard::111122223333:service/inventory"]}]}""";
    private static final String ORDERS = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"ReadOrders","Effect":"Allow","Action":"orders:GetOrder",
              "Resource":"arn:aws:orders:*:111122223333:order/*"},
             {"Sid":"ListOnTheWeb","Effect":"Allow","Action":"orders:ListOrders","Resource":"*",
              "Condition":{"StringEquals":{"orders:Channel":"web"}}},
             {"Sid":"NeverCancel","Effect":"Deny","Action":"orders:CancelOrder","Resource":"*"}]}""";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
             "Action":"sts:AssumeRole"}]}""";

    final Clock clock = new Clock(T0);
    final SecureRandom random = seeded();
    final SplittableRandom ids = new SplittableRandom(23);
    final InMemoryIamStore store;
    final SessionTokenCodec codec;
    final AccessControl access;
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final User service = user("orders-service", ASK);
    final User alice = user("alice", ORDERS);
    final User bob = user("bob", null);
    final Role clerk = new Role(ACCOUNT, "AROACLERK", "clerk", "/", StoredPolicy.parse(TRUST, PolicyKind.TRUST),
            Optional.empty(), Duration.ofHours(1), T0, Optional.empty(), List.of(),
            List.of(new InlinePolicy("orders", StoredPolicy.parse(ORDERS, PolicyKind.INLINE))), List.of());
    final AccessKey serviceKey = key("orders-service");
    final AccessKey aliceKey = key("alice");
    final AccessKey bobKey = key("bob");
    final AuthorizeEndpoint endpoint;

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

    AuthorizeWorld() {
        this(Throttling.OFF);
    }

    /** The world with the endpoint held to {@code throttling} on the world's clock. */
    AuthorizeWorld(Throttling throttling) {
        List<IamEntity> entities = new ArrayList<>(List.of(new Account(ACCOUNT, "main", "main@example.test",
                Account.AccountStatus.ACTIVE, T0, true), service, alice, bob, clerk, serviceKey, aliceKey, bobKey));
        this.store = InMemoryIamStore.of(entities);
        TokenKeyset keyset = TokenKeyset.generate(clock, random);
        this.codec = new SessionTokenCodec(() -> keyset, random);
        this.access = new AccessControl(new PolicyGatherer(new AwsManagedPolicies(Partition.AWS)),
                new AuthorizationMessages(MasterKey.generate(random)));
        RequestAuthenticator authenticator = new RequestAuthenticator(store, codec, clock, Partition.AWS, () -> false);
        this.endpoint = new AuthorizeEndpoint(store, authenticator, new SigV4Verifier(clock), access, catalogue(),
                Regions.of(REGION), clock, audit::add, 64 * 1024, requestIds(),
                new Throttles(throttling, clock, Observations.NONE));
    }

    private static Supplier<String> requestIds() {
        AtomicLong next = new AtomicLong();
        return () -> "req-" + next.incrementAndGet();
    }

    static ServiceCatalogue catalogue() {
        try (var in = AuthorizeWorld.class.getResourceAsStream("catalogue.json")) {
            return ServiceCatalogue.parse(new String(in.readAllBytes(), UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static User user(String name, String policy) {
        List<InlinePolicy> policies = policy == null ? List.of()
                : List.of(new InlinePolicy("policy", StoredPolicy.parse(policy, PolicyKind.INLINE)));
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(java.util.Locale.ROOT).replace("-", ""), name, "/", T0,
                Optional.empty(), List.of(), policies, List.of());
    }

    private AccessKey key(String userName) {
        return new AccessKey(AccessKeyId.generateLongTerm(ACCOUNT, ids), ACCOUNT, Optional.of(userName),
                SecretAccessKey.generate(ids), AccessKey.Status.Active, T0);
    }

    /** Credentials a client holds. */
    record Credentials(String accessKeyId, SecretAccessKey secret, Optional<String> token) {
        static Credentials of(AccessKey key) {
            return new Credentials(key.id().value(), key.secret(), Optional.empty());
        }

        SigV4Signer signer() {
            return new SigV4Signer(accessKeyId, secret, token);
        }
    }

    /** A session of the role clerk, with session tags, a source identity and MFA. */
    Credentials clerkSession() {
        AccessKeyId keyId = AccessKeyId.generateTemporary(ACCOUNT, ids);
        SecretAccessKey secret = SecretAccessKey.generate(ids);
        SessionClaims claims = SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE)
                .origin(SessionOrigin.ASSUME_ROLE).account(ACCOUNT).secretAccessKey(secret)
                .principalArn("arn:aws:iam::111122223333:role/clerk").principalId(clerk.roleId())
                .sessionName("desk-7").issuedAt(clock.instant()).expiresAt(clock.instant().plus(Duration.ofHours(1)))
                .mfaAuthenticatedAt(Optional.of(clock.instant())).sourceIdentity(Optional.of("jane"))
                .tags(List.of(new SessionTag("team", "billing"))).build();
        return new Credentials(keyId.value(), secret, Optional.of(codec.seal(claims, keyId)));
    }

    /** A request to the orders service, signed as a client would. */
    HttpRequestParts clientRequest(Credentials credentials, String method, String path, String body,
            String service, String region) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(SERVICE_HOST));
        HttpRequestParts unsigned = new HttpRequestParts(method, path, "", headers, body.getBytes(UTF_8));
        credentials.signer().signHeaders(unsigned, region, service, clock.instant())
                .forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpRequestParts(method, path, "", headers, body.getBytes(UTF_8));
    }

    HttpRequestParts clientRequest(Credentials credentials) {
        return clientRequest(credentials, "GET", "/orders/42", "", "orders", REGION);
    }

    /** The question as a service asks it about {@code request}, whose body it hashed. */
    ObjectNode question(HttpRequestParts request, String action, String resource) {
        ObjectNode question = JSON.createObjectNode();
        ObjectNode parts = question.putObject("Request");
        parts.put("Method", request.method()).put("Path", request.rawPath()).put("Query", request.rawQuery());
        ObjectNode headers = parts.putObject("Headers");
        request.headers().forEach((name, values) -> values.forEach(v -> headers.withArray(name).add(v)));
        parts.put("PayloadHash", sha256(request.body()));
        question.put("Action", action).put("Resource", resource).put("SourceIp", "198.51.100.7");
        return question;
    }

    /** The service's call to the API, signed with its own key for {@code lanyard}. */
    HttpReply ask(AccessKey asker, JsonNode question) {
        return ask(Credentials.of(asker), question.toString(), AuthorizeEndpoint.SIGNING_NAME);
    }

    HttpReply ask(Credentials asker, String body, String signingName) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8955"));
        headers.put("Content-Type", List.of("application/json"));
        HttpRequestParts parts = new HttpRequestParts("POST", AuthorizeEndpoint.PATH, "", headers, body.getBytes(UTF_8));
        asker.signer().signHeaders(parts, REGION, signingName, clock.instant())
                .forEach((name, value) -> headers.put(name, List.of(value)));
        return endpoint.handle(new HttpExchange("POST", AuthorizeEndpoint.PATH, "", headers, body.getBytes(UTF_8),
                "10.0.0.5", true));
    }

    static JsonNode json(HttpReply reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
