package dev.lanyard.authorizeapi;

import static dev.lanyard.authorizeapi.AuthorizeWorld.ORDER;
import static dev.lanyard.authorizeapi.AuthorizeWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.authorizeapi.AuthorizeWorld.Credentials;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.RequestRate;
import dev.lanyard.pipeline.Throttling;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The authorization API is held to the Query APIs' kinds of limits: calls per asking service's account, and refused
 * authentications per source address (after which even a right signature waits). Past a limit the call is AWS's
 * JSON-protocol ThrottlingException, 429, audited, and no verdict is given.
 */
class AuthorizeThrottlingTest {
    /** A bucket of {@code burst} that refills too slowly to matter within a test, unless the clock moves. */
    private static Optional<RequestRate> burstOf(int burst) {
        return Optional.of(new RequestRate(1, burst));
    }

    private static Throttling only(Optional<RequestRate> failedAuthentication, Optional<RequestRate> authorize) {
        return new Throttling(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                failedAuthentication, authorize, 1024);
    }

    private static HttpReply ask(AuthorizeWorld world, Credentials asker) {
        return world.ask(asker, world.question(world.clientRequest(Credentials.of(world.aliceKey)),
                "orders:GetOrder", ORDER).toString(), AuthorizeEndpoint.SIGNING_NAME);
    }

    private static void assertAllowed(HttpReply reply) {
        assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(reply).get("Allowed").booleanValue()).isTrue();
    }

    private static void assertThrottled(AuthorizeWorld world, HttpReply reply) {
        assertThat(reply.status()).isEqualTo(429);
        JsonNode body = json(reply);
        assertThat(body.get("__type").textValue()).isEqualTo("ThrottlingException");
        assertThat(body.get("message").textValue()).isEqualTo("Rate exceeded");
        assertThat(body.has("Allowed")).as("no verdict").isFalse();
        assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "ThrottlingException");
        AuditEvent call = world.audit.getLast();
        assertThat(call.eventName()).isEqualTo("Authorize");
        assertThat(call.errorCode()).contains("ThrottlingException");
    }

    @Test
    void anAskingAccountIsHeldToItsRate() {
        AuthorizeWorld world = new AuthorizeWorld(only(Optional.empty(), burstOf(3)));
        Credentials service = Credentials.of(world.serviceKey);
        for (int i = 0; i < 3; i++) {
            assertAllowed(ask(world, service));
        }
        assertThrottled(world, ask(world, service));
        world.clock.advance(Duration.ofSeconds(1));
        assertAllowed(ask(world, service));
    }

    @Test
    void refusedSignaturesUseUpTheSourcesRateAndThenARightOneWaitsToo() {
        AuthorizeWorld world = new AuthorizeWorld(only(burstOf(2), Optional.empty()));
        Credentials wrongSecret = new Credentials(world.serviceKey.id().value(), world.bobKey.secret(),
                Optional.empty());
        for (int i = 0; i < 2; i++) {
            HttpReply refused = ask(world, wrongSecret);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(json(refused).get("__type").textValue()).isEqualTo("SignatureDoesNotMatch");
        }
        assertThrottled(world, ask(world, Credentials.of(world.serviceKey)));
        world.clock.advance(Duration.ofSeconds(1));
        assertAllowed(ask(world, Credentials.of(world.serviceKey)));
    }

    @Test
    void aClientsRefusalIsAVerdictAndCountsAgainstNoLimitOfTheAsker() {
        AuthorizeWorld world = new AuthorizeWorld(only(burstOf(2), Optional.empty()));
        Credentials service = Credentials.of(world.serviceKey);
        Credentials forged = new Credentials(world.aliceKey.id().value(), world.bobKey.secret(), Optional.empty());
        for (int i = 0; i < 4; i++) {
            HttpReply reply = world.ask(service, world.question(world.clientRequest(forged), "orders:GetOrder",
                    ORDER).toString(), AuthorizeEndpoint.SIGNING_NAME);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(json(reply).get("Decision").textValue()).isEqualTo("Unauthenticated");
        }
        assertAllowed(ask(world, service));
    }

    @Test
    void withoutLimitsNothingIsThrottled() {
        AuthorizeWorld world = new AuthorizeWorld(Throttling.OFF);
        for (int i = 0; i < 50; i++) {
            assertAllowed(ask(world, Credentials.of(world.serviceKey)));
        }
    }
}
