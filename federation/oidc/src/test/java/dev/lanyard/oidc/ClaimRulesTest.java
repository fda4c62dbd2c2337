package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Audience and azp, time claims at the skew boundary, required claims, and the AWS tag claim's shape. */
class ClaimRulesTest {
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = Harness.loopback();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String sign(JWTClaimsSet.Builder claims) {
        return Tokens.sign(claims.build(), TestKeys.RSA, JWSAlgorithm.RS256);
    }

    private static Date at(Duration offset) {
        return Date.from(Harness.START.plus(offset));
    }

    @Test
    void azpMatchesWhenNoAudienceDoes() {
        VerifiedWebIdentity identity = harness.verifier.verify(sign(harness.claims().audience("web-server-client")
                .claim("azp", Tokens.CLIENT_ID)), harness.provider());

        assertThat(identity.audience()).isEqualTo(Tokens.CLIENT_ID);
        assertThat(identity.allAudiences()).containsExactly("web-server-client");
        assertThat(identity.authorizedParty()).contains(Tokens.CLIENT_ID);
    }

    @Test
    void audienceWinsOverAzp() {
        var provider = harness.provider(List.of(Tokens.CLIENT_ID, "android-client"), List.of());

        VerifiedWebIdentity identity = harness.verifier.verify(sign(harness.claims().claim("azp", "android-client")),
                provider);

        assertThat(identity.audience()).isEqualTo(Tokens.CLIENT_ID);
    }

    @Test
    void azpThatMatchesNothingIsRefused() {
        refused(harness.verifier, sign(harness.claims().audience("a").claim("azp", "b")), harness.provider(),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience", "aud");
    }

    @Test
    void azpAloneIsNotAnAudience() {
        refused(harness.verifier, sign(harness.claims().audience((String) null).claim("azp", Tokens.CLIENT_ID)),
                harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN, "Missing a required claim: aud", "aud");
    }

    @Test
    void emptyAudienceArrayIsMissing() {
        refused(harness.verifier, sign(harness.claims().audience(List.of())), harness.provider(),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Missing a required claim: aud", "aud");
    }

    @Test
    void providerWithoutClientIdsAcceptsNoAudience() {
        refused(harness.verifier, harness.rsaToken(), harness.provider(List.of(), List.of()),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience", "aud");
    }

    @Test
    void timesWithinTheSkewAreAccepted() {
        String token = sign(harness.claims().issueTime(at(Duration.ofMinutes(4)))
                .notBeforeTime(at(Duration.ofMinutes(4))).expirationTime(at(Duration.ofMinutes(-4))));

        assertThat(harness.verifier.verify(token, harness.provider()).expiresAt())
                .isEqualTo(Harness.START.minus(Duration.ofMinutes(4)));
    }

    @Test
    void expiryExactlyAtTheSkewIsRefused() {
        refused(harness.verifier, sign(harness.claims().expirationTime(at(Duration.ofMinutes(-5)))),
                harness.provider(), ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Token expired: current date/time "
                        + Harness.START.getEpochSecond() + " must be before the expiration date/time "
                        + (Harness.START.getEpochSecond() - 300), "exp");
    }

    @Test
    void zeroSkewIsStrict() {
        try (Harness strict = new Harness(TestIdp.http(TestKeys.standardSet()),
                Harness.loopbackConfig().withClockSkew(Duration.ZERO))) {
            String token = Tokens.sign(strict.claims().issueTime(Date.from(Harness.START.plusSeconds(1))).build(),
                    TestKeys.RSA, JWSAlgorithm.RS256);

            refused(strict.verifier, token, strict.provider(), ErrorCode.INVALID_IDENTITY_TOKEN,
                    "Token issued in the future: current date/time " + Harness.START.getEpochSecond()
                            + " must be after the issue date/time " + (Harness.START.getEpochSecond() + 1), "iat");
        }
    }

    static Stream<Arguments> missingClaims() {
        return Stream.of(Arguments.of("exp", "exp"), Arguments.of("iat", "iat"), Arguments.of("sub", "sub"));
    }

    @ParameterizedTest
    @MethodSource("missingClaims")
    void requiredClaims(String claim, String check) {
        JWTClaimsSet.Builder claims = harness.claims().claim(claim, null);

        refused(harness.verifier, sign(claims), harness.provider(), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Missing a required claim: " + claim, check);
    }

    static Stream<Arguments> malformedClaims() {
        String tags = "https://aws.amazon.com/tags";
        return Stream.of(
                Arguments.of("exp", 1.8e9, "exp"),
                Arguments.of("iat", "yesterday", "iat"),
                Arguments.of("nbf", true, "nbf"),
                Arguments.of("sub", 42L, "sub"),
                Arguments.of("azp", List.of(Tokens.CLIENT_ID), "aud"),
                Arguments.of(tags, "Project=Automation", "federation-claims"),
                Arguments.of(tags, Map.of("principal_tags", List.of("Project")), "federation-claims"),
                Arguments.of(tags, Map.of("principal_tags", Map.of("Project", "Automation")), "federation-claims"),
                Arguments.of(tags, Map.of("principal_tags", Map.of("Project", List.of("A", "B"))),
                        "federation-claims"),
                Arguments.of(tags, Map.of("principal_tags", Map.of("Project", List.of())), "federation-claims"),
                Arguments.of(tags, Map.of("principal_tags", Map.of("Project", List.of(7L))), "federation-claims"),
                Arguments.of(tags, Map.of("transitive_tag_keys", "Project"), "federation-claims"),
                Arguments.of("https://aws.amazon.com/source_identity", List.of("alice"), "federation-claims"),
                Arguments.of("amr", Map.of("pwd", true), "federation-claims"),
                Arguments.of("amr", List.of("pwd", 2L), "federation-claims"));
    }

    @ParameterizedTest
    @MethodSource("malformedClaims")
    void malformedClaimsAreRefused(String claim, Object value, String check) {
        refused(harness.verifier, sign(harness.claims().claim(claim, value)), harness.provider(),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Invalid value for claim: " + claim, check);
    }

    @ParameterizedTest
    @MethodSource("malformedAudiences")
    void malformedAudienceIsRefused(String audJson) {
        String payload = "{\"iss\":\"" + harness.idp.issuer() + "\",\"sub\":\"" + Tokens.SUBJECT + "\",\"iat\":"
                + Harness.START.getEpochSecond() + ",\"exp\":" + (Harness.START.getEpochSecond() + 600) + ",\"aud\":"
                + audJson + "}";

        refused(harness.verifier, Tokens.signRaw(payload, TestKeys.RSA), harness.provider(),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Invalid value for claim: aud", "aud");
    }

    static Stream<String> malformedAudiences() {
        return Stream.of("[\"" + Tokens.CLIENT_ID + "\",1]", "{\"a\":\"b\"}", "42", "true");
    }

    @Test
    void tagClaimWithOnlyTransitiveKeysAndUnknownMembers() {
        VerifiedWebIdentity identity = harness.verifier.verify(sign(harness.claims().claim(
                "https://aws.amazon.com/tags", Map.of("transitive_tag_keys", List.of(), "future_member", 1L))),
                harness.provider());

        assertThat(identity.sessionTags()).isEmpty();
        assertThat(identity.transitiveTagKeys()).isEmpty();
    }
}
