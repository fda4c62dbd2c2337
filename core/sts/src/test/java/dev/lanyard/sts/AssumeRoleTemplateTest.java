package dev.lanyard.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sequence the AssumeRole operations share: the trust checks in order, then the session and its answer. */
class AssumeRoleTemplateTest {
    private static final AccountId ACCOUNT = AccountId.of("111122223333");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private final Role role = new Role(ACCOUNT, "AROADEPLOYER", "deployer", "/", StoredPolicy.parse(TRUST,
            PolicyKind.TRUST), Optional.empty(), Duration.ofHours(1), NOW, Optional.empty(), List.of(), List.of(),
            List.of());
    private final SecureRandom random = seeded();
    private final SessionTokenCodec codec = codec(random);
    private final AssumeRoleTemplate template = new AssumeRoleTemplate(InMemoryIamStore.of(List.of(new Account(
            ACCOUNT, "main", "main@example.test", Account.AccountStatus.ACTIVE, NOW, true), role)),
            new CredentialIssuer(codec, random), Partition.AWS);
    private final List<String> checked = new ArrayList<>();

    @Test
    void everyCheckRunsBeforeTheLifetimeIsWorkedOutAndTheSessionIssued() {
        AssumeRoleTemplate.RoleSession session = session(tags(Map.of("team", "blue")),
                List.of(new SessionTag("project", "apollo")), Optional.of("alice"), Optional.of(POLICY));
        Struct answer = template.assume(call(), "sts:AssumeRole", session, new AssumeRoleTemplate.Variant(
                checked::add,
                now -> {
                    assertThat(checked).containsExactly("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");
                    return now.plus(Duration.ofMinutes(20));
                },
                builder -> builder.chainDepth(2),
                result -> result.put("Extra", "member")));

        SessionClaims claims = claims(answer);
        assertThat(claims.origin()).isEqualTo(SessionOrigin.ASSUME_ROLE);
        assertThat(claims.principalArn()).isEqualTo(role.arn().toString());
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(claims.chainDepth()).isEqualTo(2);
        assertThat(claims.tags()).containsExactly(new SessionTag("project", "apollo"), new SessionTag("team", "blue"));
        assertThat(claims.transitiveTagKeys()).containsExactly("project");
        assertThat(claims.sourceIdentity()).contains("alice");
        assertThat(claims.inlineSessionPolicy()).contains(POLICY);
        assertThat(answer.fields()).containsEntry("Extra", new Value.Text("member"))
                .containsEntry("SourceIdentity", new Value.Text("alice"));
        assertThat(((Struct) answer.fields().get("AssumedRoleUser")).fields())
                .containsEntry("AssumedRoleId", new Value.Text("AROADEPLOYER:session"));
        // The percentage the answer reports is the one the issuer held the session to: everything it carries.
        assertThat(answer.fields()).containsEntry("PackedPolicySize", new Value.Int(SessionTokenCodec
                .packedPolicyPercent(claims.inlineSessionPolicy(), claims.sessionPolicyArns(), claims.tags())));
    }

    @Test
    void onlyTheActionIsCheckedWhenTheSessionHasNoTagsNorSourceIdentity() {
        Struct answer = template.assume(call(), "sts:AssumeRoleWithSAML",
                session(tags(Map.of()), List.of(), Optional.empty(), Optional.empty()), variant());

        assertThat(checked).containsExactly("sts:AssumeRoleWithSAML");
        // Nothing passed in the request: no PackedPolicySize, as AWS leaves it out.
        assertThat(answer.fields()).doesNotContainKeys("PackedPolicySize", "SourceIdentity");
    }

    @Test
    void inheritedTagsAloneReportNoPackedSize() {
        Struct answer = template.assume(call(), "sts:AssumeRole", session(tags(Map.of()),
                List.of(new SessionTag("project", "apollo")), Optional.empty(), Optional.empty()), variant());

        assertThat(checked).containsExactly("sts:AssumeRole");
        assertThat(answer.fields()).doesNotContainKey("PackedPolicySize");
        assertThat(claims(answer).tags()).containsExactly(new SessionTag("project", "apollo"));
    }

    @Test
    void aRefusedCheckStopsTheSequenceBeforeTheLifetimeAndTheSession() {
        AssumeRoleTemplate.RoleSession session = session(tags(Map.of("team", "blue")), List.of(),
                Optional.of("alice"), Optional.empty());
        List<Instant> lifetimes = new ArrayList<>();
        assertThatThrownBy(() -> template.assume(call(), "sts:AssumeRole", session, new AssumeRoleTemplate.Variant(
                action -> {
                    checked.add(action);
                    if (action.equals("sts:TagSession")) {
                        throw StsErrors.notAuthorized(action, "refused");
                    }
                },
                now -> {
                    lifetimes.add(now);
                    return now.plus(Duration.ofHours(1));
                },
                builder -> builder,
                result -> {}))).isInstanceOf(AwsException.class);

        assertThat(checked).containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(lifetimes).isEmpty();
    }

    @Test
    void theTrustContextNamesTheSessionItsSourceIdentityTagsAndTheRolesTags() {
        ContextKeys keys = AssumeRoleTemplate.trustKeys(session(tags(Map.of("team", "blue")),
                List.of(new SessionTag("project", "apollo")), Optional.of("alice"), Optional.empty())).build();

        assertThat(keys.singleValue("sts:RoleSessionName")).contains("session");
        assertThat(keys.singleValue("sts:SourceIdentity")).contains("alice");
        assertThat(keys.singleValue("aws:RequestTag/team")).contains("blue");
        assertThat(keys.singleValue("aws:ResourceTag/project")).contains("apollo");
    }

    private AssumeRoleTemplate.Variant variant() {
        return new AssumeRoleTemplate.Variant(checked::add, now -> now.plus(Duration.ofHours(1)), b -> b, r -> {});
    }

    private AssumeRoleTemplate.RoleSession session(SessionTagsRequest tags, List<SessionTag> inherited,
            Optional<String> sourceIdentity, Optional<String> policy) {
        return new AssumeRoleTemplate.RoleSession(role, "session", SessionOrigin.ASSUME_ROLE, tags, inherited,
                sourceIdentity, new StsRequests.SessionPolicies(policy, List.of()));
    }

    private static SessionTagsRequest tags(Map<String, String> tags) {
        return SessionTagsRequest.fromClaims(tags, List.of());
    }

    private static OperationCall call() {
        return new OperationCall("AssumeRole", Optional.empty(), new RequestEnvironment(NOW, "192.0.2.1", true,
                "us-east-1", Optional.empty(), "r"), QueryParameters.decode("", new byte[0]));
    }

    private SessionClaims claims(Struct answer) {
        Struct credentials = (Struct) answer.fields().get("Credentials");
        String keyId = ((Value.Text) credentials.fields().get("AccessKeyId")).value();
        String token = ((Value.Text) credentials.fields().get("SessionToken")).value();
        return codec.unseal(token, AccessKeyId.parse(keyId).orElseThrow());
    }

    private static SessionTokenCodec codec(SecureRandom random) {
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(NOW), random);
        return new SessionTokenCodec(() -> keyset, random);
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
