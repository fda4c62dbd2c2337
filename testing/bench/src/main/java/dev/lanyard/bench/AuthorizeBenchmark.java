package dev.lanyard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authorizeapi.AuthorizeEndpoint;
import dev.lanyard.authorizeapi.ServiceCatalogue;
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
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The authorization API's per-request core, as {@code load/authorize.sh} drives it without the HTTP server and the
 * audit sinks: {@link AuthorizeEndpoint#handle} of one signed {@code POST /authorize/v1} (the orders service asking
 * about a GET alice signed for {@code orders}): the body read, both signatures verified, {@code lanyard:Authorize}
 * and {@code orders:GetOrder} decided, the audit records built, the verdict written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class AuthorizeBenchmark {
    static final AccountId ACCOUNT = AccountId.of("111122223333");
    static final String ORDER = "arn:aws:orders:us-east-1:111122223333:order/42";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String CATALOGUE = """
            {"Services": {"orders": {"Account": "111122223333",
              "ResourceTypes": {"order": "arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}"},
              "Actions": {"GetOrder": {"ResourceTypes": ["order"]}}}}}""";
    private static final String ASK = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lanyard:Authorize",
             "Resource":"arn:aws:lanyard::111122223333:service/orders"}]}""";
    private static final String ORDERS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"orders:GetOrder",
             "Resource":"arn:aws:orders:*:111122223333:order/*"}]}""";

    private AuthorizeEndpoint endpoint;
    private HttpExchange call;

    @Setup
    public void setUp() {
        SplittableRandom ids = new SplittableRandom(7);
        User service = user("orders-service", ASK);
        User alice = user("alice", ORDERS);
        AccessKey serviceKey = key(service, ids);
        AccessKey aliceKey = key(alice, ids);
        InMemoryIamStore store = InMemoryIamStore.of(List.of(new Account(ACCOUNT, "main", "main@example.test",
                Account.AccountStatus.ACTIVE, NOW, true), service, alice, serviceKey, aliceKey));
        InstantSource clock = InstantSource.fixed(NOW);
        SecureRandom random = seeded();
        TokenKeyset keyset = TokenKeyset.generate(clock, random);
        SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, random);
        AccessControl access = new AccessControl(new PolicyGatherer(new AwsManagedPolicies(Partition.AWS)),
                new AuthorizationMessages(MasterKey.generate(random)));
        AtomicLong requests = new AtomicLong();
        endpoint = new AuthorizeEndpoint(store, new RequestAuthenticator(store, codec, clock, Partition.AWS, () -> false),
                new SigV4Verifier(clock), access, ServiceCatalogue.parse(CATALOGUE), Regions.of("us-east-1"), clock,
                AuditSink.NONE, 64 * 1024, () -> "request-" + requests.incrementAndGet(), Throttles.off());
        call = call(serviceKey, question(clientRequest(aliceKey)));
    }

    /** One decision, allowed: the load script's question. */
    @Benchmark
    public HttpReply allowed() {
        return endpoint.handle(call);
    }

    HttpReply once() {
        return allowed();
    }

    private static User user(String name, String policy) {
        return new User(ACCOUNT, "AIDA" + name.toUpperCase(java.util.Locale.ROOT).replace("-", ""), name, "/", NOW,
                Optional.empty(), List.of(), List.of(new InlinePolicy("policy", StoredPolicy.parse(policy,
                        PolicyKind.INLINE))), List.of());
    }

    private static AccessKey key(User user, SplittableRandom ids) {
        return new AccessKey(AccessKeyId.generateLongTerm(ACCOUNT, ids), ACCOUNT, Optional.of(user.name()),
                SecretAccessKey.generate(ids), AccessKey.Status.Active, NOW);
    }

    /** alice's GET of order 42, signed as botocore signs it (Host, X-Amz-Date, the empty body's hash). */
    private static HttpRequestParts clientRequest(AccessKey key) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("orders.example.test"));
        HttpRequestParts unsigned = new HttpRequestParts("GET", "/orders/42", "", headers, new byte[0]);
        new SigV4Signer(key.id().value(), key.secret(), Optional.empty()).signHeaders(unsigned, "us-east-1", "orders",
                NOW).forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpRequestParts("GET", "/orders/42", "", headers, new byte[0]);
    }

    private static String question(HttpRequestParts request) {
        ObjectNode question = new ObjectMapper().createObjectNode();
        ObjectNode parts = question.putObject("Request");
        parts.put("Method", request.method()).put("Path", request.rawPath()).put("Query", request.rawQuery());
        ObjectNode headers = parts.putObject("Headers");
        request.headers().forEach((name, values) -> values.forEach(v -> headers.withArray(name).add(v)));
        parts.put("PayloadHash", sha256(request.body()));
        question.put("Action", "orders:GetOrder").put("Resource", ORDER).put("SourceIp", "198.51.100.7");
        return question.toString();
    }

    /** The service's call, signed for {@code lanyard} as the load script's botocore signs it. */
    private static HttpExchange call(AccessKey key, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8955"));
        headers.put("Content-Type", List.of("application/json"));
        byte[] bytes = body.getBytes(UTF_8);
        HttpRequestParts parts = new HttpRequestParts("POST", AuthorizeEndpoint.PATH, "", headers, bytes);
        new SigV4Signer(key.id().value(), key.secret(), Optional.empty()).signHeaders(parts, "us-east-1",
                AuthorizeEndpoint.SIGNING_NAME, NOW).forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpExchange("POST", AuthorizeEndpoint.PATH, "", headers, bytes, "127.0.0.1", false);
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

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
