package dev.lanyard.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.pipeline.TestWorld.Credentials;
import dev.lanyard.query.Struct;
import dev.lanyard.sigv4.SigV4Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pipeline end to end in memory: real signatures, tokens, policies and store; the operations are small ones of
 * this test that report what they were handed.
 */
class ApiHandlerTest {
    private static final String STS = "Version=2011-06-15&Action=";
    private static final String IAM = "Version=2010-05-08&Action=";
    private static final String TARGET = "TestOrganizations.";

    private final TestWorld world = new TestWorld();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final ApiHandler handler = new ApiHandler(new ApiHandler.Apis(
            new QueryApi("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", Map.of(
                    "GetCallerIdentity", identityProof(),
                    "AssumeRoleWithWebIdentity", unsigned(),
                    "AssumeRole", ApiHandlerTest::whoami,
                    "GetSessionToken", call -> Optional.of(Struct.builder()
                            .put("Region", call.environment().region())
                            .put("Global", Boolean.toString(call.environment().globalEndpoint())).build()),
                    "GetFederationToken", ApiHandlerTest::whoami)),
            new QueryApi("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", Map.of(
                    "GetUser", this::getUser,
                    "ListUsers", ApiHandlerTest::whoami)),
            new JsonApi("organizations", TARGET, Map.of(
                    "DescribeOrganization", call -> new com.fasterxml.jackson.databind.ObjectMapper()
                            .createObjectNode().put("Caller", call.caller().arn())
                            .put("Asked", call.input().path("Id").asText())))),
            world.authenticator, new SigV4Verifier(world.clock), new SessionRestrictions(world.access),
            Regions.of("eu-west-1", List.of("ap-east-1")), world.clock,
            new AuditTrail(audit::add, Map.of(), () -> "event-" + audit.size()), 1024,
            () -> "request-" + audit.size());

    private static Optional<Struct> whoami(OperationCall call) {
        return Optional.of(Struct.builder().put("Arn", call.requireCaller().arn()).build());
    }

    private static Operation identityProof() {
        return new Operation() {
            @Override
            public Optional<Struct> handle(OperationCall call) {
                return whoami(call);
            }

            @Override
            public Signing signing() {
                return Signing.SIGNED_IDENTITY_PROOF;
            }
        };
    }

    private static Operation unsigned() {
        return new Operation() {
            @Override
            public Optional<Struct> handle(OperationCall call) {
                return Optional.of(Struct.builder().put("Signed", call.caller().isPresent() + "")
                        .put("Token", call.parameters().get("WebIdentityToken").orElse("-")).build());
            }

            @Override
            public Signing signing() {
                return Signing.UNSIGNED;
            }
        };
    }

    /** Authorizes the call as IAM operations do, through the one AccessControl. */
    private Optional<Struct> getUser(OperationCall call) {
        Caller caller = call.requireCaller();
        world.access.require(world.store.snapshot(), caller, call.environment(), AccessRequest.of("iam:GetUser",
                "arn:aws:iam::111122223333:user/alice", caller.account()));
        return whoami(call);
    }

    private static String body(HttpReply reply) {
        return new String(reply.body(), UTF_8);
    }

    private static void assertError(HttpReply reply, ErrorCode code) {
        assertThat(reply.status()).as(body(reply)).isEqualTo(code.httpStatus());
        assertThat(body(reply)).contains(code.code());
    }

    @Test
    void aSignedOperationAnswersItsCaller() {
        HttpReply reply = handler.handle(world.query(Credentials.of(world.aliceKey), "sts", STS + "AssumeRole"));
        assertThat(reply.status()).as(body(reply)).isEqualTo(200);
        assertThat(body(reply)).contains("<Arn>arn:aws:iam::111122223333:user/alice</Arn>")
                .contains("https://sts.amazonaws.com/doc/2011-06-15/");
        assertThat(audit).singleElement().satisfies(event -> {
            assertThat(event.eventSource()).isEqualTo("sts.amazonaws.com");
            assertThat(event.eventName()).isEqualTo("AssumeRole");
            assertThat(event.userIdentity().arn()).contains("arn:aws:iam::111122223333:user/alice");
            assertThat(event.errorCode()).isEmpty();
        });
    }

    @Test
    void aSignedOperationRefusesAnUnsignedRequest() {
        assertError(handler.handle(world.unsignedQuery(STS + "AssumeRole")), ErrorCode.MISSING_AUTHENTICATION_TOKEN);
        assertError(handler.handle(world.unsignedQuery(IAM + "ListUsers")), ErrorCode.MISSING_AUTHENTICATION_TOKEN);
    }

    @Test
    void anUnsignedOperationHasNoCallerEvenWhenSigned() {
        HttpReply unsigned = handler.handle(world.unsignedQuery(STS + "AssumeRoleWithWebIdentity&WebIdentityToken=t"));
        assertThat(body(unsigned)).contains("<Signed>false</Signed>").contains("<Token>t</Token>");
        HttpReply signed = handler.handle(world.query(Credentials.of(world.aliceKey), "sts",
                STS + "AssumeRoleWithWebIdentity&WebIdentityToken=t"));
        assertThat(body(signed)).contains("<Signed>false</Signed>");
    }

    /** Fix the class: every operation of a registry that does not say otherwise needs a signature. */
    @Test
    void everyOperationIsSignedUnlessItSaysOtherwise() {
        Operation forgetful = call -> Optional.empty();
        assertThat(forgetful.signing()).isEqualTo(Signing.SIGNED);
    }

    @Test
    void anIdentityProofOutlivesItsExpiresWithinTheSkewWindowAndNothingElseDoes() {
        Credentials alice = Credentials.of(world.aliceKey);
        HttpExchange proof = world.presigned(alice, "sts", STS + "GetCallerIdentity", Duration.ofSeconds(60));
        HttpExchange other = world.presigned(alice, "sts", STS + "AssumeRole", Duration.ofSeconds(60));
        world.clock.advance(Duration.ofMinutes(5));
        assertThat(handler.handle(proof).status()).isEqualTo(200);
        assertError(handler.handle(other), ErrorCode.REQUEST_EXPIRED);
        world.clock.advance(Duration.ofMinutes(11));
        HttpReply late = handler.handle(proof);
        assertError(late, ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertThat(body(late)).contains("Signature expired");
    }

    @Test
    void stsInARegionNotEnabledIsRegionDisabledOnceTheCallerIsKnown() {
        Credentials alice = Credentials.of(world.aliceKey);
        HttpReply disabled = handler.handle(world.queryIn("eu-south-1", alice, "sts", STS + "AssumeRole"));
        assertError(disabled, ErrorCode.REGION_DISABLED);
        assertThat(body(disabled)).contains("STS is not activated in this region for account:111122223333.");
        String unknownKey = AccessKeyId.generateLongTerm(TestWorld.ACCOUNT, world.ids).value();
        assertError(handler.handle(world.queryIn("eu-south-1", new Credentials(unknownKey, world.aliceKey.secret(),
                Optional.empty()), "sts", STS + "AssumeRole")), ErrorCode.INVALID_CLIENT_TOKEN_ID);
        // IAM and names that are no region keep SigV4's scope error.
        assertError(handler.handle(world.queryIn("eu-south-1", alice, "iam", IAM + "ListUsers")),
                ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        assertError(handler.handle(world.queryIn("nowhere", alice, "sts", STS + "AssumeRole")),
                ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        for (String served : List.of("eu-west-1", "us-east-1", "aws-global", "ap-east-1")) {
            assertThat(handler.handle(world.queryIn(served, alice, "sts", STS + "AssumeRole")).status())
                    .as(served).isEqualTo(200);
        }
    }

    @Test
    void onlyTheAwsGlobalScopeIsTheGlobalEndpoint() {
        Credentials alice = Credentials.of(world.aliceKey);
        assertThat(body(handler.handle(world.queryIn("aws-global", alice, "sts", STS + "GetSessionToken"))))
                .contains("<Region>us-east-1</Region>").contains("<Global>true</Global>");
        assertThat(body(handler.handle(world.queryIn("us-east-1", alice, "sts", STS + "GetSessionToken"))))
                .contains("<Region>us-east-1</Region>").contains("<Global>false</Global>");
        assertThat(body(handler.handle(world.queryIn("ap-east-1", alice, "sts", STS + "GetSessionToken"))))
                .contains("<Region>ap-east-1</Region>").contains("<Global>false</Global>");
    }

    @Test
    void aV1TokenWorksOnlyInRegionsEnabledByDefault() {
        Credentials v1 = world.v1RoleSession();
        for (String region : List.of("eu-west-1", "us-east-1", "aws-global")) {
            assertThat(handler.handle(world.queryIn(region, v1, "sts", STS + "AssumeRole")).status()).as(region)
                    .isEqualTo(200);
        }
        assertError(handler.handle(world.queryIn("ap-east-1", v1, "sts", STS + "AssumeRole")),
                ErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertThat(handler.handle(world.queryIn("ap-east-1", world.roleSession(), "sts", STS + "AssumeRole"))
                .status()).isEqualTo(200);
    }

    @Test
    void theCredentialScopeMustNameTheServiceOfTheOperation() {
        assertError(handler.handle(world.query(Credentials.of(world.aliceKey), "iam", STS + "AssumeRole")),
                ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void refusedCredentialsAreAnsweredInTheQueryApisWords() {
        String unknownKey = AccessKeyId.generateLongTerm(TestWorld.ACCOUNT, world.ids).value();
        HttpReply unknown = handler.handle(world.query(new Credentials(unknownKey, world.aliceKey.secret(),
                Optional.empty()), "sts", STS + "AssumeRole"));
        assertError(unknown, ErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertThat(audit.getLast().lanyardDetail())
                .hasValueSatisfying(d -> assertThat(d).contains("unknown or inactive access key"));
        Credentials session = world.roleSession();
        world.clock.advance(Duration.ofHours(2));
        assertError(handler.handle(world.query(session, "sts", STS + "AssumeRole")), ErrorCode.EXPIRED_TOKEN);
    }

    @Test
    void theOperationAuthorizesTheCallThroughThePolicies() {
        assertThat(handler.handle(world.query(Credentials.of(world.aliceKey), "iam", IAM + "GetUser")).status())
                .isEqualTo(200);
        assertThat(handler.handle(world.query(world.roleSession(), "iam", IAM + "GetUser")).status())
                .isEqualTo(200);
        HttpReply bob = handler.handle(world.query(Credentials.of(world.bobKey), "iam", IAM + "GetUser"));
        assertError(bob, ErrorCode.ACCESS_DENIED);
        assertThat(body(bob)).contains("arn:aws:iam::111122223333:user/bob").contains("iam:GetUser");
    }

    @Test
    void sessionLimitsApplyBeforeTheOperation() {
        assertError(handler.handle(world.query(world.federatedSession(), "iam", IAM + "ListUsers")),
                ErrorCode.ACCESS_DENIED);
        assertThat(handler.handle(world.query(world.federatedSession(), "sts", STS + "GetCallerIdentity")).status())
                .isEqualTo(200);
        assertError(handler.handle(world.query(world.userSession(Optional.empty()), "iam", IAM + "ListUsers")),
                ErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertThat(handler.handle(world.query(world.userSession(Optional.of(world.clock.instant())), "iam",
                IAM + "ListUsers")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownActionOrVersionIsInvalidAction() {
        assertError(handler.handle(world.query(Credentials.of(world.aliceKey), "sts", STS + "Nothing")),
                ErrorCode.INVALID_ACTION);
        assertError(handler.handle(world.query(Credentials.of(world.aliceKey), "sts",
                "Version=2099-01-01&Action=AssumeRole")), ErrorCode.INVALID_ACTION);
    }

    @Test
    void aJsonOperationIsDispatchedByItsSignedTarget() {
        HttpReply reply = handler.handle(world.json(Credentials.of(world.aliceKey), "organizations",
                TARGET + "DescribeOrganization", "{\"Id\":\"o-1\"}"));
        assertThat(reply.status()).as(body(reply)).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(body(reply)).isEqualTo(
                "{\"Caller\":\"arn:aws:iam::111122223333:user/alice\",\"Asked\":\"o-1\"}");
        assertThat(audit.getLast().eventSource()).isEqualTo("organizations.amazonaws.com");
        assertThat(audit.getLast().eventName()).isEqualTo("DescribeOrganization");
    }

    @Test
    void jsonErrorsAreJsonEnvelopes() {
        HttpReply unknown = handler.handle(world.json(Credentials.of(world.aliceKey), "organizations",
                TARGET + "Nothing", "{}"));
        assertError(unknown, ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION);
        assertThat(body(unknown)).startsWith("{\"__type\":\"UnknownOperationException\"");
        assertError(handler.handle(world.json(Credentials.of(world.aliceKey), "organizations",
                "OtherService.DescribeOrganization", "{}")), ErrorCode.ORGANIZATIONS_UNKNOWN_OPERATION);
        assertError(handler.handle(world.json(Credentials.of(world.aliceKey), "organizations",
                TARGET + "DescribeOrganization", "{\"Id\":1,\"Id\":2}")), ErrorCode.SERIALIZATION_EXCEPTION);
        assertError(handler.handle(world.json(Credentials.of(world.aliceKey), "sts",
                TARGET + "DescribeOrganization", "{}")), ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void sessionsThatMayNotCallIamOrStsMayCallOrganizations() {
        assertThat(handler.handle(world.json(world.federatedSession(), "organizations",
                TARGET + "DescribeOrganization", "{}")).status()).isEqualTo(200);
        assertThat(handler.handle(world.json(world.userSession(Optional.empty()), "organizations",
                TARGET + "DescribeOrganization", "{}")).status()).isEqualTo(200);
    }

    @Test
    void onlyGetAndPostOnTheRootPath() {
        HttpExchange signed = world.query(Credentials.of(world.aliceKey), "sts", STS + "AssumeRole");
        HttpReply put = handler.handle(new HttpExchange("PUT", "/", "", signed.headers(), signed.body(),
                signed.remoteAddress(), true));
        assertError(put, ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(put.headers()).containsEntry("Allow", "GET, POST");
        assertError(handler.handle(new HttpExchange("POST", "/x", "", signed.headers(), signed.body(),
                signed.remoteAddress(), true)), ErrorCode.NOT_FOUND);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        assertError(handler.handle(world.query(Credentials.of(world.aliceKey), "sts",
                STS + "AssumeRole&Pad=" + "x".repeat(2000))), ErrorCode.REQUEST_ENTITY_TOO_LARGE);
    }
}
