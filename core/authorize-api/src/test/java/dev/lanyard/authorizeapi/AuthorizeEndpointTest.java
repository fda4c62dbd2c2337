package dev.lanyard.authorizeapi;

import static dev.lanyard.authorizeapi.AuthorizeWorld.ORDER;
import static dev.lanyard.authorizeapi.AuthorizeWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authorizeapi.AuthorizeWorld.Credentials;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.sigv4.HttpRequestParts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The authorization API's decisions with real keys, tokens and signatures: who signed, whether IAM allows, the
 * deciding statements, and a precise refusal for every kind of bad input, each audited and none allowed.
 */
class AuthorizeEndpointTest {
    private final AuthorizeWorld world = new AuthorizeWorld();

    private JsonNode verdict(HttpReply reply) {
        assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(reply);
    }

    private JsonNode askAbout(HttpRequestParts request, String action, String resource) {
        return verdict(world.ask(world.serviceKey, world.question(request, action, resource)));
    }

    private static void assertRefused(JsonNode verdict, String decision, String code, String message) {
        assertThat(verdict.get("Allowed").booleanValue()).isFalse();
        assertThat(verdict.get("Decision").textValue()).isEqualTo(decision);
        assertThat(verdict.at("/Error/Code").textValue()).isEqualTo(code);
        assertThat(verdict.at("/Error/Message").textValue()).startsWith(message);
    }

    private static void assertError(HttpReply reply, int status, String code, String message) {
        assertThat(reply.status()).isEqualTo(status);
        JsonNode body = json(reply);
        assertThat(body.get("__type").textValue()).isEqualTo(code);
        assertThat(body.get("message").textValue()).startsWith(message);
        assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", code);
    }

    @Test
    void anAllowedRequestNamesItsSignerAndTheStatementThatAllowed() {
        JsonNode verdict = askAbout(world.clientRequest(Credentials.of(world.aliceKey)), "orders:GetOrder", ORDER);
        assertThat(verdict.get("Allowed").booleanValue()).isTrue();
        assertThat(verdict.get("Decision").textValue()).isEqualTo("Allowed");
        assertThat(verdict.has("Error")).isFalse();
        assertThat(verdict.at("/Principal/Arn").textValue()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(verdict.at("/Principal/Account").textValue()).isEqualTo("111122223333");
        assertThat(verdict.at("/Principal/UserId").textValue()).isEqualTo(world.alice.userId());
        assertThat(verdict.at("/Principal/PrincipalType").textValue()).isEqualTo("User");
        assertThat(verdict.at("/Principal/MultiFactorAuthPresent").booleanValue()).isFalse();
        assertThat(verdict.at("/DecidingStatements/0/Sid").textValue()).isEqualTo("ReadOrders");
        assertThat(verdict.at("/DecidingStatements/0/Effect").textValue()).isEqualTo("Allow");
        assertThat(verdict.at("/DecidingStatements/0/PolicyType").textValue()).isEqualTo("user-inline");
    }

    @Test
    void aSessionsPrincipalCarriesItsTagsSourceIdentityAndMfa() {
        JsonNode verdict = askAbout(world.clientRequest(world.clerkSession()), "orders:GetOrder", ORDER);
        assertThat(verdict.get("Allowed").booleanValue()).isTrue();
        JsonNode principal = verdict.get("Principal");
        assertThat(principal.get("Arn").textValue()).isEqualTo("arn:aws:sts::111122223333:assumed-role/clerk/desk-7");
        assertThat(principal.get("PrincipalArn").textValue()).isEqualTo("arn:aws:iam::111122223333:role/clerk");
        assertThat(principal.get("UserId").textValue()).isEqualTo("AROACLERK:desk-7");
        assertThat(principal.at("/SessionTags/team").textValue()).isEqualTo("billing");
        assertThat(principal.get("SourceIdentity").textValue()).isEqualTo("jane");
        assertThat(principal.get("MultiFactorAuthPresent").booleanValue()).isTrue();
        assertThat(principal.get("AccessKeyId").textValue()).startsWith("ASIA");
    }

    @Test
    void withoutAnAllowTheRequestIsImplicitlyDeniedInAwsWords() {
        JsonNode verdict = askAbout(world.clientRequest(Credentials.of(world.bobKey)), "orders:GetOrder", ORDER);
        assertRefused(verdict, "ImplicitDeny", "AccessDenied", "User: arn:aws:iam::111122223333:user/bob is not"
                + " authorized to perform: orders:GetOrder on resource: " + ORDER + " because no identity-based"
                + " policy allows the orders:GetOrder action");
        assertThat(verdict.at("/Error/HttpStatus").intValue()).isEqualTo(403);
        assertThat(verdict.at("/Principal/Arn").textValue()).endsWith(":user/bob");
    }

    @Test
    void anExplicitDenyNamesTheDenyingStatement() {
        JsonNode verdict = askAbout(world.clientRequest(Credentials.of(world.aliceKey), "DELETE", "/orders/42", "",
                "orders", AuthorizeWorld.REGION), "orders:CancelOrder", ORDER);
        assertRefused(verdict, "ExplicitDeny", "AccessDenied", "User: arn:aws:iam::111122223333:user/alice is not"
                + " authorized to perform: orders:CancelOrder on resource: " + ORDER + " with an explicit deny in an"
                + " identity-based policy");
        assertThat(verdict.at("/DecidingStatements/0/Sid").textValue()).isEqualTo("NeverCancel");
    }

    @Test
    void theServicesConditionKeysReachThePolicies() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        ObjectNode web = world.question(request, "orders:ListOrders", "*");
        web.putObject("Context").put("orders:Channel", "web");
        assertThat(verdict(world.ask(world.serviceKey, web)).get("Allowed").booleanValue()).isTrue();
        ObjectNode phone = world.question(request, "orders:ListOrders", "*");
        phone.putObject("Context").put("orders:Channel", "phone");
        assertThat(verdict(world.ask(world.serviceKey, phone)).get("Decision").textValue()).isEqualTo("ImplicitDeny");
    }

    @Test
    void aResourcePolicyCanAllowWhatNoIdentityPolicyDoes() {
        ObjectNode question = world.question(world.clientRequest(Credentials.of(world.bobKey)), "orders:GetOrder",
                ORDER);
        question.put("ResourcePolicy", """
                {"Version":"2012-10-17","Statement":[{"Sid":"BobReads","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"orders:GetOrder",
                 "Resource":"arn:aws:orders:us-east-1:111122223333:order/42"}]}""");
        JsonNode verdict = verdict(world.ask(world.serviceKey, question));
        assertThat(verdict.get("Allowed").booleanValue()).isTrue();
        assertThat(verdict.at("/DecidingStatements/0/Sid").textValue()).isEqualTo("BobReads");
        assertThat(verdict.at("/DecidingStatements/0/PolicyType").textValue()).isEqualTo("resource");
    }

    // ---- the client's request: every defect is a refusal with AWS's error, never an allow ----

    @Test
    void aSignatureForAnotherServiceIsRefused() {
        HttpRequestParts inventory = world.clientRequest(Credentials.of(world.aliceKey), "GET", "/orders/42", "",
                "inventory", AuthorizeWorld.REGION);
        assertRefused(askAbout(inventory, "orders:GetOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "Credential should be scoped to correct service: 'orders'.");
    }

    @Test
    void aSignatureForAnotherRegionIsRefused() {
        HttpRequestParts elsewhere = world.clientRequest(Credentials.of(world.aliceKey), "GET", "/orders/42", "",
                "orders", "ap-south-2");
        assertRefused(askAbout(elsewhere, "orders:GetOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "Credential should be scoped to a valid region, not 'ap-south-2'.");
    }

    @Test
    void aServiceDeclaringItsRegionsRefusesTheOthers() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey), "GET", "/items", "",
                "inventory", AuthorizeWorld.REGION);
        assertRefused(askAbout(request, "inventory:ListItems", "*"), "Unauthenticated", "SignatureDoesNotMatch",
                "Credential should be scoped to a valid region, not 'us-east-1'.");
    }

    @Test
    void aScopeOfAnotherDateIsRefused() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        String authorization = request.header("Authorization").orElseThrow().replace("/20261201/", "/20261130/");
        HttpRequestParts redated = request.withHeaders(Map.of("Authorization", authorization));
        assertRefused(askAbout(redated, "orders:GetOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
    }

    @Test
    void aSignatureReplayedOutsideTheTimeWindowIsRefused() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        world.clock.advance(Duration.ofMinutes(16));
        assertRefused(askAbout(request, "orders:GetOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "Signature expired");
    }

    @Test
    void aBodyOtherThanTheSignedOneIsRefused() {
        HttpRequestParts signed = world.clientRequest(Credentials.of(world.aliceKey), "POST", "/orders/42",
                "{\"quantity\":1}", "orders", AuthorizeWorld.REGION);
        HttpRequestParts swapped = new HttpRequestParts(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), "{\"quantity\":1000}".getBytes(StandardCharsets.UTF_8));
        assertThat(askAbout(signed, "orders:CancelOrder", ORDER).get("Decision").textValue())
                .isEqualTo("ExplicitDeny");
        assertRefused(askAbout(swapped, "orders:CancelOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "The request signature we calculated does not match");
    }

    @Test
    void aDeclaredBodyHashOtherThanTheBodysIsRefused() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        HttpRequestParts declared = request.withHeaders(Map.of("x-amz-content-sha256",
                AuthorizeWorld.sha256("other".getBytes(StandardCharsets.UTF_8))));
        assertRefused(askAbout(declared, "orders:GetOrder", ORDER), "Unauthenticated", "SignatureDoesNotMatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void unknownKeysExpiredSessionsAndUnsignedRequestsAreRefused() {
        Credentials unknown = new Credentials("AKIAZZZZZZZZZZZZZZZZ", world.aliceKey.secret(), Optional.empty());
        assertRefused(askAbout(world.clientRequest(unknown), "orders:GetOrder", ORDER), "Unauthenticated",
                "InvalidClientTokenId", "The security token included in the request is invalid.");
        Credentials session = world.clerkSession();
        world.clock.advance(Duration.ofMinutes(61));
        assertRefused(askAbout(world.clientRequest(session), "orders:GetOrder", ORDER), "Unauthenticated",
                "ExpiredToken", "The security token included in the request is expired");
        HttpRequestParts unsigned = new HttpRequestParts("GET", "/orders/42", "", Map.of("Host",
                List.of(AuthorizeWorld.SERVICE_HOST)));
        assertRefused(askAbout(unsigned, "orders:GetOrder", ORDER), "Unauthenticated", "MissingAuthenticationToken",
                "Request is missing Authentication Token");
    }

    // ---- the service's call: its own mistakes are errors of the call ----

    @Test
    void aCallerWithoutLanyardAuthorizeMayNotAsk() {
        HttpReply reply = world.ask(world.bobKey, world.question(world.clientRequest(Credentials.of(world.aliceKey)),
                "orders:GetOrder", ORDER));
        assertError(reply, 403, "AccessDenied", "User: arn:aws:iam::111122223333:user/bob is not authorized to"
                + " perform: lanyard:Authorize on resource: arn:aws:lanyard::111122223333:service/orders");
    }

    @Test
    void theCallMustBeSignedForLanyard() {
        String question = world.question(world.clientRequest(Credentials.of(world.aliceKey)), "orders:GetOrder",
                ORDER).toString();
        assertError(world.ask(Credentials.of(world.serviceKey), question, "sts"), 403, "SignatureDoesNotMatch",
                "Credential should be scoped to correct service: 'lanyard'.");
        HttpExchange unsigned = new HttpExchange("POST", AuthorizeEndpoint.PATH, "", Map.of("Host",
                List.of("127.0.0.1")), question.getBytes(StandardCharsets.UTF_8), "10.0.0.5", false);
        assertError(world.endpoint.handle(unsigned), 403, "MissingAuthenticationToken",
                "Request is missing Authentication Token");
    }

    @Test
    void anUndeclaredActionOrServiceIsAPreciseError() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        assertError(world.ask(world.serviceKey, world.question(request, "orders:GetOrdr", ORDER)), 400,
                "InvalidAction", "The action 'orders:GetOrdr' is not declared in this Lanyard's service catalogue;"
                        + " orders declares [CancelOrder, GetOrder, ListOrders].");
        assertError(world.ask(world.serviceKey, world.question(request, "billing:GetInvoice", "*")), 400,
                "InvalidAction", "The service 'billing' is not declared in this Lanyard's service catalogue.");
    }

    @Test
    void aMalformedResourcePolicyIsAPreciseError() {
        ObjectNode question = world.question(world.clientRequest(Credentials.of(world.aliceKey)), "orders:GetOrder",
                ORDER);
        question.put("ResourcePolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"orders:GetOrder\",\"Resource\":\"*\"}]}");
        assertError(world.ask(world.serviceKey, question), 400, "MalformedPolicyDocument",
                "Missing required field Principal");
    }

    @Test
    void resourcesAndConditionKeysAreHeldToTheCatalogue() {
        HttpRequestParts request = world.clientRequest(Credentials.of(world.aliceKey));
        assertError(world.ask(world.serviceKey, world.question(request, "orders:GetOrder",
                "arn:aws:orders:us-east-1:111122223333:invoice/42")), 400, "ValidationError",
                "Resource 'arn:aws:orders:us-east-1:111122223333:invoice/42' is not an ARN of a resource type of"
                        + " orders:GetOrder");
        assertError(world.ask(world.serviceKey, world.question(request, "orders:ListOrders", ORDER)), 400,
                "ValidationError", "orders:ListOrders acts on no resource type: its Resource is \"*\".");
        ObjectNode undeclared = world.question(request, "orders:GetOrder", ORDER);
        undeclared.putObject("Context").put("orders:Channel", "web");
        assertError(world.ask(world.serviceKey, undeclared), 400, "ValidationError",
                "Condition key 'orders:Channel' is not declared for orders:GetOrder");
        ObjectNode mistyped = world.question(request, "orders:CancelOrder", ORDER);
        mistyped.putObject("Context").put("orders:Amount", "lots");
        assertError(world.ask(world.serviceKey, mistyped), 400, "ValidationError",
                "Condition key 'orders:Amount' is of type NUMERIC; 'lots' is not such a value.");
        ObjectNode unknownField = world.question(request, "orders:GetOrder", ORDER);
        unknownField.put("Allow", true);
        assertError(world.ask(world.serviceKey, unknownField), 400, "ValidationError",
                "input: unknown field 'Allow'");
        assertError(world.ask(Credentials.of(world.serviceKey), "{not json", AuthorizeEndpoint.SIGNING_NAME), 400,
                "SerializationException", "not valid JSON");
    }

    @Test
    void onlyPostOnTheVersionedPathIsServed() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1"));
        assertError(world.endpoint.handle(new HttpExchange("GET", AuthorizeEndpoint.PATH, "", headers, new byte[0],
                "10.0.0.5", false)), 405, "MethodNotAllowed", "The authorization API takes POST only.");
        assertError(world.endpoint.handle(new HttpExchange("POST", "/authorize/v2", "", headers, new byte[0],
                "10.0.0.5", false)), 404, "NotFound", "The authorization API is served at '/authorize/v1'");
    }

    // ---- audit ----

    @Test
    void theCallAndTheVerdictAreBothAudited() {
        askAbout(world.clientRequest(Credentials.of(world.bobKey)), "orders:GetOrder", ORDER);
        assertThat(world.audit).hasSize(2);
        AuditEvent call = world.audit.get(0);
        assertThat(call.eventSource() + ":" + call.eventName()).isEqualTo("lanyard:Authorize");
        assertThat(call.userIdentity().arn()).contains("arn:aws:iam::111122223333:user/orders-service");
        assertThat(call.errorCode()).isEmpty();
        AuditEvent verdict = world.audit.get(1);
        assertThat(verdict.eventSource() + ":" + verdict.eventName()).isEqualTo("orders:GetOrder");
        assertThat(verdict.userIdentity().arn()).contains("arn:aws:iam::111122223333:user/bob");
        assertThat(verdict.sourceIpAddress()).isEqualTo("198.51.100.7");
        assertThat(verdict.errorCode()).contains("AccessDenied");
        assertThat(verdict.lanyardDetail()).hasValueSatisfying(detail -> assertThat(detail)
                .contains("asked by arn:aws:iam::111122223333:user/orders-service"));
    }

    @Test
    void refusedCallsAreAuditedWithTheirCode() {
        world.ask(world.bobKey, world.question(world.clientRequest(Credentials.of(world.aliceKey)), "orders:GetOrder",
                ORDER));
        assertThat(world.audit).singleElement().satisfies(event -> {
            assertThat(event.eventSource() + ":" + event.eventName()).isEqualTo("lanyard:Authorize");
            assertThat(event.errorCode()).contains("AccessDenied");
        });
    }
}
