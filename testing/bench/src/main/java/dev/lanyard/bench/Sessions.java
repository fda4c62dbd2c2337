package dev.lanyard.bench;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** AssumeRole sessions as the STS core issues them, from seeded generators so every run seals the same claims. */
public final class Sessions {
    public static final AccountId ACCOUNT = AccountId.of("123456789012");
    public static final String ROLE_NAME = "deploy-role";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ci/" + ROLE_NAME;
    public static final String ROLE_ID = "AROAQNZGKIQY56JQ7WMLX";
    public static final String SESSION_NAME = "bench-session";
    public static final Instant ISSUED_AT = Instant.parse("2025-11-23T12:00:00Z");
    public static final int POLICY_LENGTH = 1_000;

    /** Ten session tags, two of them transitive, of the sizes CI systems and IdPs typically send. */
    public static final List<SessionTag> TAGS = List.of(
            new SessionTag("Project", "lanyard"),
            new SessionTag("Team", "platform-engineering"),
            new SessionTag("CostCenter", "CC-10042"),
            new SessionTag("Environment", "production"),
            new SessionTag("Owner", "alice@example.com"),
            new SessionTag("Repository", "example-org/payments-service"),
            new SessionTag("Branch", "refs/heads/main"),
            new SessionTag("Workflow", "deploy.yml"),
            new SessionTag("RunId", "9876543210"),
            new SessionTag("Actor", "release-bot"));
    public static final List<String> TRANSITIVE_TAG_KEYS = List.of("Project", "Team");

    public enum Shape {
        /** AssumeRole with no session policy and no tags: the common case. */
        PLAIN,
        /** A 1,000-character inline session policy and ten session tags. */
        POLICY_AND_TAGS
    }

    private Sessions() {}

    /** The temporary access key id the token is bound to. */
    public static AccessKeyId accessKeyId() {
        return AccessKeyId.generateTemporary(ACCOUNT, new SplittableRandom(1));
    }

    public static SessionClaims claims(Shape shape) {
        SecretAccessKey secret = SecretAccessKey.generate(new SplittableRandom(2));
        boolean rich = switch (shape) {
            case PLAIN -> false;
            case POLICY_AND_TAGS -> true;
        };
        return SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE).origin(SessionOrigin.ASSUME_ROLE)
                .account(ACCOUNT).secretAccessKey(secret).principalArn(ROLE_ARN).principalId(ROLE_ID)
                .sessionName(SESSION_NAME).issuedAt(ISSUED_AT).expiresAt(ISSUED_AT.plus(Duration.ofHours(1)))
                .tags(rich ? TAGS : List.of()).transitiveTagKeys(rich ? TRANSITIVE_TAG_KEYS : List.of())
                .inlineSessionPolicy(rich ? Optional.of(sessionPolicy()) : Optional.empty()).build();
    }

    /** A realistic session policy (allow statements and a network-condition deny) of exactly {@link #POLICY_LENGTH}. */
    public static String sessionPolicy() {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[";
        String deny = "{\"Sid\":\"DenyOutsideCorporateNetwork\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}}";
        StringBuilder allows = new StringBuilder();
        for (int i = 1; ; i++) {
            String next = allowStatement(i) + ",";
            if (head.length() + allows.length() + next.length() + deny.length() + 2 > POLICY_LENGTH) {
                break;
            }
            allows.append(next);
        }
        int padding = POLICY_LENGTH - head.length() - allows.length() - deny.length() - 2;
        // The remainder goes into the first Sid, which accepts any alphanumerics.
        int sid = allows.indexOf("\"Sid\":\"") + "\"Sid\":\"".length();
        allows.insert(sid, "X".repeat(padding));
        return head + allows + deny + "]}";
    }

    private static String allowStatement(int i) {
        return "{\"Sid\":\"ReadOrders" + i + "\",\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\","
                + "\"s3:GetObject\"],\"Resource\":[\"arn:aws:dynamodb:us-east-1:123456789012:table/orders-" + i
                + "\",\"arn:aws:s3:::orders-archive-" + i + "/*\"]}";
    }
}
