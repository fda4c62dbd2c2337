package dev.lanyard.authorizeapi;

import static dev.lanyard.authorizeapi.AuthorizeWorld.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.authorizeapi.AuthorizeWorld.Credentials;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigningOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nginx's auth_request subrequest: the client's headers as they came, the request line and Host in X-Original-*
 * headers, no body. The answer's status is what nginx acts on; only signed bytes and the trusted proxy's own facts
 * decide.
 */
class NginxAuthRequestTest {
    private final AuthorizeWorld world = new AuthorizeWorld();

    /** The subrequest nginx sends for {@code request}, as deploy/nginx-auth-request.conf configures it. */
    private HttpExchange subrequest(HttpRequestParts request, String from, Map<String, String> overrides) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("Host", List.of("127.0.0.1:8955"));
        headers.put("Connection", List.of("close"));
        headers.put("X-Original-Method", List.of(request.method()));
        headers.put("X-Original-URI", List.of(request.rawPath() + (request.rawQuery().isEmpty() ? ""
                : "?" + request.rawQuery())));
        headers.put("X-Original-Host", List.of(request.header("Host").orElseThrow()));
        headers.put("X-Original-Remote-Addr", List.of("198.51.100.7"));
        headers.put("X-Original-Body", List.of("/"));
        headers.put("X-Original-Scheme", List.of("https"));
        overrides.forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpExchange("GET", "/authorize/v1/nginx/orders", "", headers, new byte[0], from, false);
    }

    private HttpReply ask(HttpRequestParts request) {
        return world.endpoint.handle(subrequest(request, "127.0.0.1", Map.of()));
    }

    @Test
    void anAllowedRequestPassesTheCallersIdentityUpstream() {
        HttpReply reply = ask(world.clientRequest(world.clerkSession()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("X-Lanyard-Principal-Arn",
                "arn:aws:sts::111122223333:assumed-role/clerk/desk-7")
                .containsEntry("X-Lanyard-Account", "111122223333")
                .containsEntry("X-Lanyard-Principal-Type", "AssumedRole")
                .containsEntry("X-Lanyard-Mfa", "true")
                .containsEntry("X-Lanyard-Session-Tags", "team=billing")
                .containsEntry("X-Lanyard-Source-Identity", "jane")
                .containsEntry("X-Lanyard-Action", "orders:GetOrder")
                .containsEntry("X-Lanyard-Resource", ORDER);
    }

    @Test
    void deniedIs403AndUnauthenticatedIs401() {
        HttpReply denied = ask(world.clientRequest(Credentials.of(world.bobKey)));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.headers()).containsEntry("X-Lanyard-Error-Code", "AccessDenied");
        HttpReply cancel = ask(world.clientRequest(Credentials.of(world.aliceKey), "DELETE", "/orders/42", "",
                "orders", AuthorizeWorld.REGION));
        assertThat(cancel.status()).isEqualTo(403);
        HttpRequestParts late = world.clientRequest(Credentials.of(world.aliceKey));
        world.clock.advance(Duration.ofMinutes(16));
        HttpReply replayed = ask(late);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.headers()).containsEntry("X-Lanyard-Error-Code", "SignatureDoesNotMatch");
    }

    @Test
    void theRouteComesFromSignedBytesOnly() {
        HttpRequestParts signed = world.clientRequest(Credentials.of(world.aliceKey));
        // nginx reporting another path, method or host than the client signed: the signature no longer matches
        for (Map<String, String> forged : List.of(Map.of("X-Original-URI", "/orders/43"),
                Map.of("X-Original-Method", "DELETE"), Map.of("X-Original-Host", "other.example.test"))) {
            HttpReply reply = world.endpoint.handle(subrequest(signed, "127.0.0.1", forged));
            assertThat(reply.status()).as(forged.toString()).isEqualTo(401);
            assertThat(reply.headers()).containsEntry("X-Lanyard-Error-Code", "SignatureDoesNotMatch");
        }
        // unsigned headers the client adds change nothing
        HttpReply extra = world.endpoint.handle(subrequest(signed, "127.0.0.1", Map.of("X-Lanyard-Principal-Arn",
                "arn:aws:iam::111122223333:root")));
        assertThat(extra.status()).isEqualTo(200);
        assertThat(extra.headers()).containsEntry("X-Lanyard-Principal-Arn", "arn:aws:iam::111122223333:user/alice");
    }

    @Test
    void aRequestWithABodyOrWithoutARouteIsRefused() {
        HttpRequestParts signed = world.clientRequest(Credentials.of(world.aliceKey));
        HttpReply body = world.endpoint.handle(subrequest(signed, "127.0.0.1", Map.of("X-Original-Body",
                "12/")));
        assertThat(body.status()).isEqualTo(401);
        HttpReply chunked = world.endpoint.handle(subrequest(signed, "127.0.0.1",
                Map.of("X-Original-Body", "/chunked")));
        assertThat(chunked.status()).isEqualTo(401);
        HttpReply forgotten = world.endpoint.handle(subrequest(signed, "127.0.0.1", Map.of("X-Original-Body", "")));
        assertThat(forgotten.status()).isEqualTo(403);
        assertThat(forgotten.headers().get("X-Lanyard-Error-Message"))
                .startsWith("nginx did not pass X-Original-Body");
        HttpReply unrouted = ask(world.clientRequest(Credentials.of(world.aliceKey), "PATCH", "/orders/42", "",
                "orders", AuthorizeWorld.REGION));
        assertThat(unrouted.status()).isEqualTo(401);
        assertThat(unrouted.headers().get("X-Lanyard-Error-Message")).startsWith("No route of orders matches PATCH");
    }

    @Test
    void aSignedEmptyContentLengthThatNginxRemovedIsRestored() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(AuthorizeWorld.SERVICE_HOST));
        headers.put("Content-Length", List.of("0"));
        HttpRequestParts unsigned = new HttpRequestParts("DELETE", "/orders/42", "", headers);
        Credentials.of(world.aliceKey).signer().signHeaders(unsigned, AuthorizeWorld.REGION, "orders",
                world.clock.instant(), SigningOptions.defaults().withExtraSignedHeaders("content-length"))
                .forEach((name, value) -> headers.put(name, List.of(value)));
        assertThat(headers.get("Authorization").getFirst()).contains("content-length");
        Map<String, List<String>> withoutLength = new LinkedHashMap<>(headers);
        withoutLength.remove("Content-Length");
        HttpRequestParts asNginxPassesIt = new HttpRequestParts("DELETE", "/orders/42", "", withoutLength);
        HttpReply reply = world.endpoint.handle(subrequest(asNginxPassesIt, "127.0.0.1", Map.of("X-Original-Body",
                "0/")));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers()).containsEntry("X-Lanyard-Error-Code", "AccessDenied")
                .containsEntry("X-Lanyard-Action", "orders:CancelOrder");
    }

    @Test
    void onlyATrustedProxyMayAsk() {
        HttpReply reply = world.endpoint.handle(subrequest(world.clientRequest(Credentials.of(world.aliceKey)),
                "10.9.9.9", Map.of()));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers().get("X-Lanyard-Error-Message")).startsWith("Requests from 10.9.9.9 are not"
                + " trusted");
        assertThat(world.audit).singleElement().satisfies(e -> assertThat(e.errorCode()).contains("AccessDenied"));
        HttpReply inventory = world.endpoint.handle(new HttpExchange("GET", "/authorize/v1/nginx/inventory", "",
                subrequest(world.clientRequest(Credentials.of(world.aliceKey)), "127.0.0.1", Map.of()).headers(),
                new byte[0], "127.0.0.1", false));
        assertThat(inventory.status()).isEqualTo(403);
    }

    @Test
    void eachSubrequestIsAudited() {
        ask(world.clientRequest(Credentials.of(world.bobKey)));
        assertThat(world.audit).hasSize(2);
        assertThat(world.audit.get(0).eventSource() + ":" + world.audit.get(0).eventName()).isEqualTo("lanyard:Authorize");
        assertThat(world.audit.get(1).eventSource() + ":" + world.audit.get(1).eventName()).isEqualTo("orders:GetOrder");
        assertThat(world.audit.get(1).errorCode()).contains("AccessDenied");
        assertThat(world.audit.get(1).sourceIpAddress()).isEqualTo("198.51.100.7");
    }
}
