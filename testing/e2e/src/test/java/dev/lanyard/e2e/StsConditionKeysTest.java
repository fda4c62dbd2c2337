package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Table-driven, through the server with the AWS SDK: the STS-specific and tag keys of the AssumeRole family in the
 * role's trust policy and in the caller's identity policy, and those of GetFederationToken and GetWebIdentityToken.
 * For each key: the request carries it and a condition wanting its value allows, one wanting another value refuses,
 * and a request without it leaves it absent (a condition on its value refuses, {@code Null: true} allows).
 */
class StsConditionKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tag TEAM = Tag.builder().key("team").value("blue").build();

    private static TestServer server;
    private static IamClient root;
    private static StsClient caller;
    private static String callerArn;
    private static String tagged;
    private static String plain;
    private static TestIdentityProvider idp;
    private static StsClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        root = Clients.iam(server, Clients.root(server));
        callerArn = root.createUser(r -> r.userName("caller")).user().arn();
        AccessKey key = root.createAccessKey(r -> r.userName("caller")).accessKey();
        caller = Clients.sts(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
        tagged = root.createRole(r -> r.roleName("tagged").assumeRolePolicyDocument(trusting(server.accountId()))
                .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("team").value("blue").build()))
                .role().arn();
        plain = root.createRole(r -> r.roleName("plain").assumeRolePolicyDocument(trusting(server.accountId())))
                .role().arn();
        root.enableOutboundWebIdentityFederation(r -> { });
        idp = new TestIdentityProvider();
        anonymous = StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        idp.close();
        server.close();
    }

    /** One key: the operator and value a policy wants, another value, and requests with and without the key. */
    private record KeyCase(String key, String operator, String value, String other, Runnable with,
            Optional<Runnable> without) {
        String name() {
            return key + " " + operator;
        }
    }

    /** Where the condition under test goes: the trust policy, or the caller's identity policy. */
    @FunctionalInterface
    private interface PolicySlot {
        void condition(Map<String, Object> condition);
    }

    // ---- AssumeRole --------------------------------------------------------------------------------------------

    private static Runnable assume(Consumer<AssumeRoleRequest.Builder> request) {
        return () -> caller.assumeRole(r -> {
            r.roleArn(plain).roleSessionName("session");
            request.accept(r);
        });
    }

    private static List<KeyCase> assumeRoleCases() {
        return List.of(
                new KeyCase("sts:ExternalId", "StringEquals", "ext-123", "ext-999",
                        assume(r -> r.externalId("ext-123")), Optional.of(assume(r -> { }))),
                new KeyCase("sts:RoleSessionName", "StringLike", "build-*", "deploy-*",
                        assume(r -> r.roleSessionName("build-7")), Optional.empty()),
                new KeyCase("sts:SourceIdentity", "StringEquals", "alice", "bob",
                        assume(r -> r.sourceIdentity("alice")), Optional.of(assume(r -> { }))),
                new KeyCase("sts:TransitiveTagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        assume(r -> r.tags(TEAM).transitiveTagKeys("team")), Optional.of(assume(r -> r.tags(TEAM)))),
                new KeyCase("aws:RequestTag/team", "StringEquals", "blue", "red",
                        assume(r -> r.tags(TEAM)), Optional.of(assume(r -> { }))),
                new KeyCase("aws:TagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        assume(r -> r.tags(TEAM)), Optional.of(assume(r -> { }))),
                // The documented "assume roles that have a specific tag" policy uses iam:ResourceTag.
                new KeyCase("iam:ResourceTag/team", "StringEquals", "blue", "red",
                        assume(r -> r.roleArn(tagged)), Optional.of(assume(r -> { }))),
                new KeyCase("aws:ResourceTag/team", "StringEquals", "blue", "red",
                        assume(r -> r.roleArn(tagged)), Optional.of(assume(r -> { }))));
    }

    private static final List<String> ASSUME_ACTIONS = List.of("sts:AssumeRole", "sts:TagSession",
            "sts:SetSourceIdentity");

    @TestFactory
    Stream<DynamicTest> assumeRoleKeysDecideInTheTrustPolicy() {
        // The trust policy names the caller, so it decides alone (same account).
        PolicySlot trust = condition -> {
            String document = statement(Map.of("AWS", callerArn), ASSUME_ACTIONS, Optional.empty(), condition);
            for (String role : List.of("tagged", "plain")) {
                root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(document));
            }
        };
        return assumeRoleCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> decides(trust, c)));
    }

    @TestFactory
    Stream<DynamicTest> assumeRoleKeysDecideInTheIdentityPolicy() {
        // The trust policy names the account: the caller's identity policy must allow, and decides.
        return assumeRoleCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (String role : List.of("tagged", "plain")) {
                root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(
                        statement(Map.of("AWS", server.accountId()), ASSUME_ACTIONS, Optional.empty(), Map.of())));
            }
            decides(identityPolicy(ASSUME_ACTIONS), c);
        }));
    }

    /** Transitive session tags replace the role's tags of the same key in both resource-tag keys of the trust. */
    @Test
    void transitiveTagsReplaceTheRoleTagsInTheTrustPolicy() {
        root.putUserPolicy(r -> r.userName("caller").policyName("case").policyDocument(statement(null,
                ASSUME_ACTIONS, Optional.of("*"), Map.of())));
        for (String role : List.of("tagged", "plain")) {
            root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(statement(Map.of("AWS",
                    server.accountId()), ASSUME_ACTIONS, Optional.empty(), Map.of("StringEquals", Map.of(
                            "iam:ResourceTag/team", "red", "aws:ResourceTag/team", "red")))));
        }
        // First hop: plain role, the condition cannot hold (plain has no tags) unless it carries team=red itself.
        root.updateAssumeRolePolicy(r -> r.roleName("plain").policyDocument(statement(Map.of("AWS",
                server.accountId()), ASSUME_ACTIONS, Optional.empty(), Map.of())));
        Credentials first = caller.assumeRole(r -> r.roleArn(plain).roleSessionName("hop1")
                .tags(Tag.builder().key("team").value("red").build()).transitiveTagKeys("team")).credentials();
        root.putRolePolicy(r -> r.roleName("plain").policyName("chain").policyDocument(statement(null,
                ASSUME_ACTIONS, Optional.of("*"), Map.of())));
        StsClient hop = Clients.sts(server, Clients.session(first));
        // The tagged role says team=blue; the inherited transitive team=red replaces it for both keys.
        assertThat(hop.assumeRole(r -> r.roleArn(tagged).roleSessionName("hop2")).assumedRoleUser().arn())
                .endsWith(":assumed-role/tagged/hop2");
        assertThatThrownBy(() -> caller.assumeRole(r -> r.roleArn(tagged).roleSessionName("direct")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    // ---- GetFederationToken and GetWebIdentityToken -------------------------------------------------------------

    private static Runnable federate(Consumer<GetFederationTokenRequest.Builder> request) {
        return () -> caller.getFederationToken(r -> {
            r.name("fed-user");
            request.accept(r);
        });
    }

    @TestFactory
    Stream<DynamicTest> getFederationTokenKeysDecide() {
        List<KeyCase> cases = List.of(
                new KeyCase("aws:RequestTag/team", "StringEquals", "blue", "red",
                        federate(r -> r.tags(TEAM)), Optional.of(federate(r -> { }))),
                new KeyCase("aws:TagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        federate(r -> r.tags(TEAM)), Optional.of(federate(r -> { }))));
        PolicySlot identity = identityPolicy(List.of("sts:GetFederationToken", "sts:TagSession"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> decides(identity, c)));
    }

    private static Runnable webIdentityToken(Consumer<GetWebIdentityTokenRequest.Builder> request) {
        return () -> caller.getWebIdentityToken(r -> {
            r.audience("https://api.example.test").signingAlgorithm("RS256");
            request.accept(r);
        });
    }

    @TestFactory
    Stream<DynamicTest> getWebIdentityTokenKeysDecide() {
        List<KeyCase> cases = List.of(
                new KeyCase("sts:IdentityTokenAudience", "ForAnyValue:StringEquals", "https://api.example.test",
                        "https://other.example.test", webIdentityToken(r -> { }), Optional.empty()),
                new KeyCase("sts:SigningAlgorithm", "StringEquals", "ES384", "RS256",
                        webIdentityToken(r -> r.signingAlgorithm("ES384")), Optional.empty()),
                // DurationSeconds is the token's lifetime, the default of 300 when the request names none.
                new KeyCase("sts:DurationSeconds", "NumericLessThanEquals", "300", "299",
                        webIdentityToken(r -> { }), Optional.empty()),
                new KeyCase("aws:RequestTag/team", "StringEquals", "blue", "red",
                        webIdentityToken(r -> r.tags(TEAM)), Optional.of(webIdentityToken(r -> { }))),
                new KeyCase("aws:TagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        webIdentityToken(r -> r.tags(TEAM)), Optional.of(webIdentityToken(r -> { }))));
        PolicySlot identity = identityPolicy(List.of("sts:GetWebIdentityToken", "sts:TagGetWebIdentityToken"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> decides(identity, c)));
    }

    /** Tags in a token need sts:TagGetWebIdentityToken, as session tags need sts:TagSession. */
    @Test
    void taggedWebIdentityTokensNeedTheirOwnPermission() {
        root.putUserPolicy(r -> r.userName("caller").policyName("case").policyDocument(statement(null,
                List.of("sts:GetWebIdentityToken"), Optional.of("*"), Map.of())));
        webIdentityToken(r -> { }).run();
        expectDenied(webIdentityToken(r -> r.tags(TEAM)), "sts:GetWebIdentityToken only");
        root.putUserPolicy(r -> r.userName("caller").policyName("case").policyDocument(statement(null,
                List.of("sts:GetWebIdentityToken", "sts:TagGetWebIdentityToken"), Optional.of("*"), Map.of())));
        webIdentityToken(r -> r.tags(TEAM)).run();
    }

    // ---- AssumeRoleWithWebIdentity and AssumeRoleWithSAML (trust policy only: no caller identity) ---------------

    @TestFactory
    Stream<DynamicTest> assumeRoleWithWebIdentityKeysDecide() {
        String provider = root.createOpenIDConnectProvider(r -> r.url(idp.issuer).clientIDList("app"))
                .openIDConnectProviderArn();
        Map<String, Object> tagClaims = Map.of("https://aws.amazon.com/tags", Map.of("principal_tags",
                Map.of("team", List.of("blue")), "transitive_tag_keys", List.of("team")));
        java.util.function.BiFunction<String, Map<String, Object>, Runnable> call = (role, claims) -> () -> {
            Instant now = Instant.now();
            anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role).roleSessionName("build-7")
                    .webIdentityToken(idp.token("alice", "app", now, now.plusSeconds(300), claims)));
        };
        Map<String, Object> untaggedTags = Map.of("https://aws.amazon.com/tags", Map.of("principal_tags",
                Map.of("team", List.of("blue"))));
        List<KeyCase> cases = List.of(
                new KeyCase(idp.hostAndPath() + ":sub", "StringEquals", "alice", "bob",
                        call.apply(plain, Map.of()), Optional.empty()),
                new KeyCase("sts:RoleSessionName", "StringEquals", "build-7", "build-8",
                        call.apply(plain, Map.of()), Optional.empty()),
                new KeyCase("sts:SourceIdentity", "StringEquals", "alice", "bob",
                        call.apply(plain, Map.of("https://aws.amazon.com/source_identity", "alice")),
                        Optional.of(call.apply(plain, Map.of()))),
                new KeyCase("aws:RequestTag/team", "StringEquals", "blue", "red",
                        call.apply(plain, tagClaims), Optional.of(call.apply(plain, Map.of()))),
                new KeyCase("aws:TagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        call.apply(plain, tagClaims), Optional.of(call.apply(plain, Map.of()))),
                new KeyCase("sts:TransitiveTagKeys", "ForAnyValue:StringEquals", "team", "owner",
                        call.apply(plain, tagClaims), Optional.of(call.apply(plain, untaggedTags))),
                new KeyCase("iam:ResourceTag/team", "StringEquals", "blue", "red",
                        call.apply(tagged, Map.of()), Optional.of(call.apply(plain, Map.of()))),
                new KeyCase("aws:ResourceTag/team", "StringEquals", "blue", "red",
                        call.apply(tagged, Map.of()), Optional.of(call.apply(plain, Map.of()))));
        PolicySlot trust = condition -> {
            String document = statement(Map.of("Federated", provider), List.of("sts:AssumeRoleWithWebIdentity",
                    "sts:TagSession", "sts:SetSourceIdentity"), Optional.empty(), condition);
            for (String role : List.of("tagged", "plain")) {
                root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(document));
            }
        };
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> decides(trust, c)));
    }

    @Test
    void assumeRoleWithSamlKeysDecide(@TempDir Path dir) throws Exception {
        SamlFixture saml = new SamlFixture(dir);
        String provider = root.createSAMLProvider(r -> r.name("corp").samlMetadataDocument(saml.metadata()))
                .samlProviderArn();
        java.util.function.Function<String, Runnable> call = role -> () -> {
            try {
                String assertion = saml.signedResponse(role, provider, "alice@example.test", "build-7");
                anonymous.assumeRoleWithSAML(r -> r.roleArn(role).principalArn(provider).samlAssertion(assertion));
            } catch (AwsServiceException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        PolicySlot trust = condition -> {
            String document = statement(Map.of("Federated", provider), List.of("sts:AssumeRoleWithSAML"),
                    Optional.empty(), condition);
            for (String role : List.of("tagged", "plain")) {
                root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(document));
            }
        };
        for (KeyCase c : List.of(
                new KeyCase("saml:sub", "StringEquals", "alice@example.test", "bob@example.test",
                        call.apply(plain), Optional.empty()),
                new KeyCase("sts:RoleSessionName", "StringEquals", "build-7", "build-8",
                        call.apply(plain), Optional.empty()),
                new KeyCase("iam:ResourceTag/team", "StringEquals", "blue", "red",
                        call.apply(tagged), Optional.of(call.apply(plain))),
                new KeyCase("aws:ResourceTag/team", "StringEquals", "blue", "red",
                        call.apply(tagged), Optional.of(call.apply(plain))))) {
            decides(trust, c);
        }
    }

    // ---- the harness -------------------------------------------------------------------------------------------

    private static void decides(PolicySlot slot, KeyCase c) {
        slot.condition(Map.of(c.operator(), Map.of(c.key(), c.value())));
        try {
            c.with().run();
        } catch (AwsServiceException e) {
            throw new AssertionError(c.name() + " = " + c.value() + " refused: " + e.getMessage(), e);
        }
        slot.condition(Map.of(c.operator(), Map.of(c.key(), c.other())));
        expectDenied(c.with(), c.name() + " = " + c.other());
        c.without().ifPresent(without -> {
            slot.condition(Map.of(c.operator(), Map.of(c.key(), c.value())));
            expectDenied(without, c.name() + " = " + c.value() + " with the key absent");
            slot.condition(Map.of("Null", Map.of(c.key(), "true")));
            try {
                without.run();
            } catch (AwsServiceException e) {
                throw new AssertionError(c.key() + " is not absent: " + e.getMessage(), e);
            }
        });
    }

    private static void expectDenied(Runnable call, String description) {
        assertThatThrownBy(call::run).as(description).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    private static PolicySlot identityPolicy(List<String> actions) {
        return condition -> root.putUserPolicy(r -> r.userName("caller").policyName("case")
                .policyDocument(statement(null, actions, Optional.of("*"), condition)));
    }

    private static String trusting(String account) {
        return statement(Map.of("AWS", account), List.of("sts:AssumeRole"), Optional.empty(), Map.of());
    }

    /** One Allow statement: with a principal (trust policy) or a resource (identity policy), and a condition. */
    private static String statement(Map<String, String> principal, List<String> actions, Optional<String> resource,
            Map<String, ?> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        if (principal != null) {
            statement.put("Principal", principal);
        }
        statement.put("Action", actions);
        resource.ifPresent(r -> statement.put("Resource", r));
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        try {
            return JSON.writeValueAsString(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
