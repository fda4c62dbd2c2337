package dev.lanyard.authorizeapi;

import static dev.lanyard.authorizeapi.AuthorizeWorld.ORDER;
import static dev.lanyard.authorizeapi.AuthorizeWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.authorizeapi.AuthorizeWorld.Credentials;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.RequestRate;
import dev.lanyard.pipeline.Throttling;
import dev.lanyard.sigv4.HttpRequestParts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** nginx's auth_request subrequest for the client's {@code request}, the client at {@code clientAddress}. */
    private static HttpReply throughNginx(AuthorizeWorld world, HttpRequestParts request, String clientAddress) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("Host", List.of("127.0.0.1:8955"));
        headers.put("X-Original-Method", List.of(request.method()));
        headers.put("X-Original-URI", List.of(request.rawPath()));
        headers.put("X-Original-Host", List.of(request.header("Host").orElseThrow()));
        headers.put("X-Original-Remote-Addr", List.of(clientAddress));
        headers.put("X-Original-Body", List.of("/"));
        headers.put("X-Original-Scheme", List.of("https"));
        return world.endpoint.handle(new HttpExchange("GET", "/authorize/v1/nginx/orders", "", headers, new byte[0],
                "127.0.0.1", false));
    }

    /** nginx acts on 200, 401 and 403 only (anything else is its 500): a throttled client is a 401 that says so. */
    private static void assertThrottledThroughNginx(AuthorizeWorld world, HttpReply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers()).containsEntry("X-Lanyard-Error-Code", "ThrottlingException")
                .containsEntry("X-Lanyard-Error-Message", "Rate exceeded")
                .doesNotContainKey("X-Lanyard-Principal-Arn");
        assertThat(world.audit.getLast().errorCode()).contains("ThrottlingException");
    }

    @Test
    void throughNginxTheSigningCallersAccountIsHeldToTheSameRate() {
        AuthorizeWorld world = new AuthorizeWorld(only(Optional.empty(), burstOf(3)));
        for (int i = 0; i < 3; i++) {
            assertThat(throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)), "198.51.100.7")
                    .status()).isEqualTo(200);
        }
        // another client address of the same account: the account's rate, not the address's
        assertThrottledThroughNginx(world, throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)),
                "198.51.100.8"));
        world.clock.advance(Duration.ofSeconds(1));
        assertThat(throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)), "198.51.100.7")
                .status()).isEqualTo(200);
    }

    @Test
    void throughNginxRefusedSignaturesUseUpTheForwardedClientAddressesRateNotNginxs() {
        AuthorizeWorld world = new AuthorizeWorld(only(burstOf(2), Optional.empty()));
        Credentials forged = new Credentials(world.aliceKey.id().value(), world.bobKey.secret(), Optional.empty());
        for (int i = 0; i < 2; i++) {
            HttpReply refused = throughNginx(world, world.clientRequest(forged), "203.0.113.9");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers()).containsEntry("X-Lanyard-Error-Code", "SignatureDoesNotMatch");
        }
        // that address waits, even with a right signature, before any signature work
        assertThrottledThroughNginx(world, throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)),
                "203.0.113.9"));
        // nginx itself and the other clients behind it are not held for it
        assertThat(throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)), "198.51.100.7")
                .status()).isEqualTo(200);
        world.clock.advance(Duration.ofSeconds(1));
        assertThat(throughNginx(world, world.clientRequest(Credentials.of(world.aliceKey)), "203.0.113.9")
                .status()).isEqualTo(200);
    }

    @Test
    void withoutLimitsNothingIsThrottled() {
        AuthorizeWorld world = new AuthorizeWorld(Throttling.OFF);
        for (int i = 0; i < 50; i++) {
            assertAllowed(ask(world, Credentials.of(world.serviceKey)));
        }
    }
}
