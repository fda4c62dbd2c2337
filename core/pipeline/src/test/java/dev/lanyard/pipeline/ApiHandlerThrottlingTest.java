package dev.lanyard.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.pipeline.TestWorld.Credentials;
import dev.lanyard.query.Struct;
import dev.lanyard.sigv4.SigV4Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Throttling and what the pipeline reports to the metrics, with the real pipeline in memory and an injected clock. */
class ApiHandlerThrottlingTest {
    private static final String STS = "Version=2011-06-15&Action=";
    private static final String IAM = "Version=2010-05-08&Action=";

    private final TestWorld world = new TestWorld();
    private final Recorded recorded = new Recorded();
    private final ApiHandler handler = new ApiHandler(new ApiHandler.Apis(
            new QueryApi("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", Map.of(
                    "GetCallerIdentity", call -> Optional.of(Struct.builder().put("Arn",
                            call.requireCaller().arn()).build()),
                    "AssumeRoleWithWebIdentity", unsigned())),
            new QueryApi("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", Map.of(
                    "ListUsers", call -> Optional.empty())),
            new JsonApi("organizations", "TestOrganizations.", Map.of())),
            world.authenticator, new SigV4Verifier(world.clock), new SessionRestrictions(world.access),
            Regions.of("eu-west-1"), world.clock,
            new AuditTrail(AuditSink.NONE, Map.of(), () -> "event"), 1024, () -> "request",
            recorded, new Throttles(new Throttling(Optional.of(new RequestRate(1, 3)),
                    Optional.of(new RequestRate(1, 2)), Optional.empty(), Optional.of(new RequestRate(1, 2)),
                    Optional.of(new RequestRate(1, 2)), Optional.empty(), 1024), world.clock, recorded));

    /** What the pipeline reported, in order. */
    private static final class Recorded implements Observations {
        final List<String> events = new ArrayList<>();

        @Override
        public RequestTimer requestStarted(FrontEnd frontEnd) {
            return (service, action, outcome) -> events.add(frontEnd + " " + service + ":" + action + " " + outcome);
        }

        @Override
        public void authenticationFailed(FrontEnd frontEnd, AuthenticationFailure reason) {
            events.add("authentication failed: " + reason);
        }

        @Override
        public void throttled(FrontEnd frontEnd, ThrottleScope scope) {
            events.add("throttled: " + scope);
        }

        @Override
        public <T> T policyEvaluation(Supplier<T> evaluation) {
            return evaluation.get();
        }
    }

    private static Operation unsigned() {
        return new Operation() {
            @Override
            public Optional<Struct> handle(OperationCall call) {
                return Optional.empty();
            }

            @Override
            public Signing signing() {
                return Signing.UNSIGNED;
            }
        };
    }

    private static void assertThrottled(HttpReply reply) {
        String body = new String(reply.body(), UTF_8);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(body).contains("<Code>Throttling</Code>").contains("<Message>Rate exceeded</Message>");
    }

    private static HttpExchange from(String address, HttpExchange exchange) {
        return new HttpExchange(exchange.method(), exchange.rawPath(), exchange.rawQuery(), exchange.headers(),
                exchange.body(), address, exchange.secure());
    }

    @Test
    void anAccountsCallsToEachServiceAreLimitedSeparately() {
        Credentials alice = Credentials.of(world.aliceKey);
        for (int i = 0; i < 3; i++) {
            assertThat(handler.handle(world.query(alice, "sts", STS + "GetCallerIdentity")).status()).isEqualTo(200);
        }
        // another principal of the same account shares the account's rate
        assertThrottled(handler.handle(world.query(Credentials.of(world.bobKey), "sts", STS + "GetCallerIdentity")));
        assertThat(handler.handle(world.query(alice, "iam", IAM + "ListUsers")).status()).isEqualTo(200);
        world.clock.advance(Duration.ofSeconds(1));
        assertThat(handler.handle(world.query(alice, "sts", STS + "GetCallerIdentity")).status()).isEqualTo(200);
        assertThat(recorded.events).contains("throttled: ACCOUNT", "QUERY sts:GetCallerIdentity Throttling",
                "QUERY iam:ListUsers ok");
    }

    @Test
    void unsignedCallsAreLimitedPerSourceAddress() {
        HttpExchange call = world.unsignedQuery(STS + "AssumeRoleWithWebIdentity&WebIdentityToken=t");
        assertThat(handler.handle(call).status()).isEqualTo(200);
        assertThat(handler.handle(call).status()).isEqualTo(200);
        assertThrottled(handler.handle(call));
        assertThat(handler.handle(from("198.51.100.2", call)).status()).isEqualTo(200);
        assertThat(recorded.events).contains("throttled: UNSIGNED_SOURCE");
    }

    /** Refused authentications use up their source's rate; then even a good signature from there waits. */
    @Test
    void refusedAuthenticationsAreLimitedPerSourceAddressBeforeAnySignatureWork() {
        Credentials wrongSecret = new Credentials(world.aliceKey.id().value(), world.bobKey.secret(),
                Optional.empty());
        HttpExchange bad = world.query(wrongSecret, "sts", STS + "GetCallerIdentity");
        assertThat(new String(handler.handle(bad).body(), UTF_8)).contains("SignatureDoesNotMatch");
        assertThat(new String(handler.handle(world.unsignedQuery(STS + "GetCallerIdentity")).body(), UTF_8))
                .contains("MissingAuthenticationToken");
        HttpExchange good = world.query(Credentials.of(world.aliceKey), "sts", STS + "GetCallerIdentity");
        assertThrottled(handler.handle(good));
        assertThat(handler.handle(from("198.51.100.2", good)).status()).isEqualTo(200);
        world.clock.advance(Duration.ofSeconds(1));
        assertThat(handler.handle(world.query(Credentials.of(world.aliceKey), "sts", STS + "GetCallerIdentity"))
                .status()).isEqualTo(200);
        assertThat(recorded.events).containsSubsequence("authentication failed: SIGNATURE_REJECTED",
                "authentication failed: MISSING_SIGNATURE", "throttled: FAILED_AUTHENTICATION_SOURCE");
    }

    @Test
    void everyRefusedCredentialIsReportedWithItsReason() {
        world.remove(world.bobKey);
        handler.handle(world.query(Credentials.of(world.bobKey), "sts", STS + "GetCallerIdentity"));
        world.clock.advance(Duration.ofSeconds(10));
        Credentials session = world.roleSession();
        world.clock.advance(Duration.ofHours(2));
        handler.handle(world.query(session, "sts", STS + "GetCallerIdentity"));
        handler.handle(from("198.51.100.3", world.query(Credentials.of(world.aliceKey), "iam",
                STS + "GetCallerIdentity")));
        assertThat(recorded.events).contains("authentication failed: UNKNOWN_ACCESS_KEY",
                "authentication failed: EXPIRED_TOKEN", "authentication failed: WRONG_SCOPE");
    }

    /** A made-up action is reported as Unknown: no client string becomes a metric label. */
    @Test
    void anActionNoOneServesIsReportedAsUnknown() {
        handler.handle(world.query(Credentials.of(world.aliceKey), "sts", STS + "AKIAZZZZZZZZZZZZZZZZ"));
        handler.handle(world.unsignedQuery(STS + "arn:aws:iam::111122223333:user/alice"));
        assertThat(recorded.events).containsExactly("QUERY sts:Unknown InvalidAction",
                "QUERY sts:Unknown InvalidAction");
    }
}
