package dev.lanyard.tokens;

import static dev.lanyard.tokens.TestFixtures.ACCESS_KEY_ID;
import static dev.lanyard.tokens.TestFixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.aws.UniqueIdPrefix;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTokenSizeTest {
    private final SecureRandom rnd = TestFixtures.seededRandom(11);
    private final TokenKeyset keyset = TokenKeyset.generate(new MutableClock(TestFixtures.EPOCH), rnd);
    private final SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, rnd);

    @Test
    void plainAssumeRoleTokenIsUnder600Characters() {
        String token = codec.seal(plainAssumeRole(), ACCESS_KEY_ID);
        System.out.println("plain AssumeRole token: " + token.length() + " characters");
        assertThat(token.length()).isLessThan(600);
    }

    @Test
    void plainFederationTokenNamingItsCreatorIsUnder600Characters() {
        SessionClaims claims = SessionClaims.builder().kind(SessionKind.FEDERATED_USER)
                .origin(SessionOrigin.GET_FEDERATION_TOKEN).account(ACCOUNT)
                .secretAccessKey(SecretAccessKey.generate(new Random(2)))
                .principalArn("arn:aws:sts::123456789012:federated-user/bob").principalId("123456789012:bob")
                .sessionName("bob").parentUserArn(Optional.of("arn:aws:iam::123456789012:user/engineering/alice"))
                .parentUserId(Optional.of(UniqueIdPrefix.AIDA.generate(new Random(3)))).issuedAt(TestFixtures.EPOCH)
                .expiresAt(TestFixtures.EPOCH.plus(Duration.ofHours(12))).build();
        String token = codec.seal(claims, ACCESS_KEY_ID);
        System.out.println("plain GetFederationToken token: " + token.length() + " characters");
        assertThat(token.length()).isLessThan(600);
        assertThat(codec.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
    }

    @Test
    void maximalFittingTokenStaysWithinTheLimit() {
        String token = codec.seal(ClaimsGenerator.maximal(), ACCESS_KEY_ID);
        System.out.println("maximal token: " + token.length() + " characters");
        assertThat(token.length()).isLessThanOrEqualTo(SessionTokenCodec.MAX_TOKEN_LENGTH);
    }

    @Test
    void fullSessionPolicyTenArnsAndFiftyLargeTagsAreTooLarge() {
        String policy = ClaimsGenerator.samplePolicy(2048);
        List<String> arns = policyArns(10);
        List<SessionTag> tags = largeTags(50);
        SessionClaims claims = withPackedPolicies(plainAssumeRole(), Optional.of(policy), arns, tags);

        assertThatThrownBy(() -> codec.seal(claims, ACCESS_KEY_ID))
                .isInstanceOfSatisfying(TokenTooLargeException.class, e -> {
                    System.out.println("oversized token would be: " + e.tokenLength() + " characters");
                    assertThat(e.tokenLength()).isGreaterThan(SessionTokenCodec.MAX_TOKEN_LENGTH);
                });
        assertThat(SessionTokenCodec.packedPolicyPercent(Optional.of(policy), arns, tags)).isGreaterThan(100);
    }

    @Test
    void fullSessionPolicyAloneFitsAndCompresses() {
        String policy = ClaimsGenerator.samplePolicy(2048);
        String token = codec.seal(withPackedPolicies(plainAssumeRole(), Optional.of(policy), List.of(), List.of()),
                ACCESS_KEY_ID);
        System.out.println("AssumeRole with a 2048-char policy: " + token.length() + " characters");
        assertThat(token.length()).isLessThan(1200);
        assertThat(SessionTokenCodec.packedPolicyPercent(Optional.of(policy), List.of(), List.of())).isBetween(1, 50);
    }

    @Test
    void policyIsNeverStoredLargerThanRaw() {
        Random random = new Random(1);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            noise.append((char) ('!' + random.nextInt(90)));
        }
        String policy = noise.toString();
        assertThat(SessionTokenCodec.packedPolicyBytes(Optional.of(policy), List.of(), List.of()))
                .isLessThanOrEqualTo(1 + 2 + 300);
        assertThat(SessionTokenCodec.packedPolicyBytes(Optional.of("{}"), List.of(), List.of())).isEqualTo(1 + 1 + 2);
        SessionClaims claims = withPackedPolicies(plainAssumeRole(), Optional.of(policy), List.of(), List.of());
        assertThat(codec.unseal(codec.seal(claims, ACCESS_KEY_ID), ACCESS_KEY_ID)).isEqualTo(claims);
    }

    @Test
    void packedPolicyPercentFollowsThePackedBytes() {
        assertThat(SessionTokenCodec.packedPolicyPercent(Optional.empty(), List.of(), List.of())).isZero();
        String oneStatement = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        int one = SessionTokenCodec.packedPolicyPercent(Optional.of(oneStatement), List.of(), List.of());
        assertThat(one).isBetween(1, 10);
        int withTags = SessionTokenCodec.packedPolicyPercent(Optional.of(oneStatement), policyArns(2), largeTags(3));
        assertThat(withTags).isGreaterThan(one);
        assertThat(SessionTokenCodec.packedPolicyPercent(Optional.empty(), List.of(), largeTags(50)))
                .isGreaterThan(100);
        long bytes = SessionTokenCodec.packedPolicyBytes(Optional.empty(), List.of(), List.of(new SessionTag("k", "v")));
        assertThat(bytes).isEqualTo(4);
        assertThat(SessionTokenCodec.packedPolicyPercent(Optional.empty(), List.of(), List.of(new SessionTag("k", "v"))))
                .isEqualTo(1);
    }

    private static SessionClaims plainAssumeRole() {
        return SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE).origin(SessionOrigin.ASSUME_ROLE)
                .account(ACCOUNT).secretAccessKey(SecretAccessKey.generate(new Random(2)))
                .principalArn("arn:aws:iam::123456789012:role/service-role/deployments/ci-deployment-role")
                .principalId(UniqueIdPrefix.AROA.generate(new Random(3))).sessionName("botocore-session-1735689600")
                .issuedAt(TestFixtures.EPOCH).expiresAt(TestFixtures.EPOCH.plus(Duration.ofHours(1))).build();
    }

    private static SessionClaims withPackedPolicies(SessionClaims c, Optional<String> policy, List<String> arns,
                                                    List<SessionTag> tags) {
        return c.toBuilder().tags(tags).inlineSessionPolicy(policy).sessionPolicyArns(arns).build();
    }

    private static List<String> policyArns(int count) {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arns.add("arn:aws:iam::123456789012:policy/team/managed-session-policy-" + i);
        }
        return arns;
    }

    /** Tags at AWS's limits: 128-character keys, 256-character values. */
    private static List<SessionTag> largeTags(int count) {
        List<SessionTag> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("%03d", i) + "k".repeat(125);
            tags.add(new SessionTag(key, "v".repeat(256)));
        }
        return tags;
    }
}
