package dev.lanyard.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import dev.lanyard.iam.spi.federation.FederationCheck;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid tokens, signed with every supported algorithm, against a real loopback IdP. */
class HappyPathTest {
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = Harness.loopback();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(Arguments.of(TestKeys.RSA, JWSAlgorithm.RS256), Arguments.of(TestKeys.RSA, JWSAlgorithm.RS384),
                Arguments.of(TestKeys.RSA, JWSAlgorithm.RS512), Arguments.of(TestKeys.RSA, JWSAlgorithm.PS256),
                Arguments.of(TestKeys.RSA, JWSAlgorithm.PS384), Arguments.of(TestKeys.RSA, JWSAlgorithm.PS512),
                Arguments.of(TestKeys.EC_P256, JWSAlgorithm.ES256), Arguments.of(TestKeys.EC_P384, JWSAlgorithm.ES384));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void acceptsEverySupportedAlgorithm(JWK key, JWSAlgorithm alg) {
        VerifiedWebIdentity identity = harness.verifier.verify(harness.token(key, alg), harness.provider());

        assertThat(identity.issuer()).isEqualTo(harness.idp.issuer());
        assertThat(identity.subject()).isEqualTo(Tokens.SUBJECT);
        assertThat(identity.audience()).isEqualTo(Tokens.CLIENT_ID);
        assertThat(identity.keyId()).isEqualTo(key.getKeyID());
        assertThat(identity.expiresAt()).isEqualTo(Harness.START.plus(Duration.ofMinutes(10)));
        assertThat(identity.issuedAt()).isEqualTo(Harness.START);
    }

    @Test
    void returnsTheFederationClaims() {
        String token = Tokens.sign(harness.claims().audience(List.of("other", Tokens.CLIENT_ID))
                .claim("azp", "other")
                .claim("amr", List.of("pwd", "mfa"))
                .claim("https://aws.amazon.com/source_identity", "alice@example.com")
                .claim("https://aws.amazon.com/tags", Map.of(
                        "principal_tags", Map.of("Project", List.of("Automation"), "CostCenter", List.of("987")),
                        "transitive_tag_keys", List.of("Project")))
                .build(), TestKeys.EC_P256, JWSAlgorithm.ES256);

        VerifiedWebIdentity identity = harness.verifier.verify(token, harness.provider());

        assertThat(identity.audience()).isEqualTo(Tokens.CLIENT_ID);
        assertThat(identity.allAudiences()).containsExactly("other", Tokens.CLIENT_ID);
        assertThat(identity.authorizedParty()).contains("other");
        assertThat(identity.amr()).containsExactly("pwd", "mfa");
        assertThat(identity.sourceIdentity()).contains("alice@example.com");
        assertThat(identity.sessionTags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Project", "Automation", "CostCenter", "987"));
        assertThat(identity.transitiveTagKeys()).containsExactly("Project");
    }

    @Test
    void amrMayBeASingleString() {
        String token = Tokens.sign(harness.claims().claim("amr", "authenticated").build(), TestKeys.RSA,
                JWSAlgorithm.RS256);

        VerifiedWebIdentity identity = harness.verifier.verify(token, harness.provider());

        assertThat(identity.amr()).containsExactly("authenticated");
        assertThat(identity.sessionTags()).isEmpty();
        assertThat(identity.sourceIdentity()).isEmpty();
        assertThat(identity.authorizedParty()).isEqualTo(Optional.empty());
    }

    @Test
    void explainListsEveryPassedCheck() {
        List<FederationCheck> checks = harness.verifier.explain(harness.rsaToken(), harness.provider());

        assertThat(checks).allMatch(FederationCheck::passed);
        assertThat(checks).extracting(FederationCheck::name).containsExactly("token-length", "token-format",
                "header", "issuer", "signing-key", "algorithm", "signature", "exp", "nbf", "iat", "aud", "sub",
                "federation-claims");
    }

    @Test
    void unverifiedIssuerReadsIssWithoutChecking() {
        assertThat(harness.verifier.unverifiedIssuer(harness.rsaToken())).contains(harness.idp.issuer());
        assertThat(harness.verifier.unverifiedIssuer("not a token")).isEmpty();
        assertThat(harness.verifier.unverifiedIssuer("")).isEmpty();
    }

    @Test
    void keysAreFetchedOnceWhileFresh() {
        try (Harness own = Harness.loopback()) {
            for (int i = 0; i < 5; i++) {
                own.verifier.verify(own.rsaToken(), own.provider());
            }
            assertThat(own.idp.discoveryRequests).hasValue(1);
            assertThat(own.idp.jwksRequests).hasValue(1);
        }
    }
}
