package dev.lanyard.policy;

import dev.lanyard.aws.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded generator of valid policies and request contexts over small vocabularies that exercise every rule. */
final class PolicyGenerator {
    static final String[] ACTION_PATTERNS = {"*", "s3:GetObject", "s3:Get*", "S3:getobject", "s3:*Object",
        "s3:Put?bject", "iam:*", "iam:GetUser", "sts:AssumeRole", "sts:AssumeRole*", "ec2:*Instances"};
    static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "iam:GetUser", "iam:CreateUser",
        "sts:AssumeRole", "ec2:RunInstances", "sts:AssumeRoleWithSAML"};
    static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/home/${aws:username}/*",
        "arn:aws:s3:::*", "arn:aws:iam::111122223333:user/*", "arn:aws:iam::*:user/${aws:username}",
        "arn:aws:s3:::bucket/a?c", "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-*-1:*:*", "arn:aws:sqs",
        "arn:aws:s3:::b/${*}x", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*", "arn:aws:s3:::bucket/*/x"};
    static final String[] RESOURCES = {"*", "arn:aws:s3:::bucket/x", "arn:aws:s3:::bucket/home/alice/f",
        "arn:aws:s3:::bucket/home/bob/f", "arn:aws:iam::111122223333:user/alice", "arn:aws:s3:::bucket/abc",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:sqs:us-east-1:111122223333:q",
        "arn:aws:s3:::b/*x", "arn:aws:s3:::b/shared/x", "arn:aws:s3:::b/red/x", "arn:aws:s3:::bucket/a/b/x",
        "arn:aws:ec2:us-x:y-1:111122223333:instance/i-1"};
    private static final String[][] CONDITIONS = {
        {"StringEquals", "aws:username", "\"alice\"", "[\"alice\",\"bob\"]", "\"${aws:PrincipalTag/team}\""},
        {"StringNotEquals", "aws:username", "\"alice\"", "[\"alice\",\"bob\"]", "\"${aws:PrincipalTag/team}\""},
        {"StringEqualsIgnoreCase", "k", "\"A\"", "[\"a\",\"b\"]", "\"${aws:username}\""},
        {"StringNotEqualsIgnoreCase", "k", "\"A\"", "[\"a\",\"b\"]", "\"${aws:username}\""},
        {"StringLike", "aws:SourceArn", "\"arn:aws:*:*:*:*\"", "\"arn:aws:iam::*:role/${aws:username}*\"", "[]"},
        {"StringNotLike", "aws:TagKeys", "\"a*\"", "[\"a\",\"b\"]", "\"${aws:username}\""},
        {"StringEquals", "aws:TagKeys", "\"a\"", "[\"a\",\"b\"]", "[\"c\"]"},
        {"NumericLessThan", "s3:max-keys", "\"10\"", "10", "[\"5\",\"15\"]"},
        {"NumericNotEquals", "s3:max-keys", "\"10\"", "10.0", "[\"5\",\"15\"]"},
        {"NumericGreaterThanEquals", "s3:max-keys", "\"10\"", "\"x\"", "[\"5\",\"15\"]"},
        {"DateLessThan", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "\"2024-01-01\"", "1704067200"},
        {"DateGreaterThanEquals", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "\"2023-06-01\"", "1704067200"},
        {"DateNotEquals", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "\"2024-01-01\"", "1704067200"},
        {"Bool", "aws:MultiFactorAuthPresent", "\"true\"", "false", "[\"TRUE\"]"},
        {"IpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", "[\"192.168.0.0/24\",\"2001:db8::/32\"]", "\"10.1.2.3\""},
        {"NotIpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", "[\"192.168.0.0/24\",\"2001:db8::/32\"]", "\"10.1.2.3\""},
        {"ArnLike", "aws:SourceArn", "\"arn:aws:iam::*:role/*\"", "\"arn:aws:iam::111122223333:*\"",
            "\"arn:aws:iam::*:role/${aws:username}\""},
        {"ArnNotEquals", "aws:SourceArn", "\"arn:aws:iam::*:role/*\"", "\"arn:aws:iam::111122223333:*\"", "[]"},
        {"BinaryEquals", "k", "\"YQ==\"", "\"Yg==\"", "[\"YQ==\",\"Yg==\"]"},
        {"Null", "aws:username", "\"true\"", "\"false\"", "true"},
        {"Null", "aws:TagKeys", "\"true\"", "\"false\"", "false"},
    };
    private static final String[] QUALIFIERS = {"", "", "", "ForAllValues:", "ForAnyValue:"};

    private final RandomGenerator random;

    PolicyGenerator(long seed) {
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    RandomGenerator random() {
        return random;
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    String statement(boolean deny, Optional<String> principal) {
        StringBuilder json = new StringBuilder("{\"Effect\":\"").append(deny ? "Deny" : "Allow").append('"');
        principal.ifPresent(p -> json.append(",\"Principal\":").append(p));
        json.append(random.nextInt(5) == 0 ? ",\"NotAction\":" : ",\"Action\":").append(list(ACTION_PATTERNS));
        json.append(random.nextInt(6) == 0 ? ",\"NotResource\":" : ",\"Resource\":").append(list(RESOURCE_PATTERNS));
        int conditions = random.nextInt(4) == 0 ? 0 : random.nextInt(3);
        java.util.Set<String> operators = new java.util.LinkedHashSet<>();
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < conditions; i++) {
            String[] row = CONDITIONS[random.nextInt(CONDITIONS.length)];
            String operator = pick(QUALIFIERS) + row[0] + (random.nextInt(5) == 0 ? "IfExists" : "");
            if (operators.add(operator)) {
                blocks.add('"' + operator + "\":{\"" + row[1] + "\":" + row[2 + random.nextInt(3)] + '}');
            }
        }
        if (!blocks.isEmpty()) {
            json.append(",\"Condition\":{").append(String.join(",", blocks)).append('}');
        }
        return json.append('}').toString();
    }

    private String list(String[] options) {
        int count = 1 + random.nextInt(3);
        if (count == 1 && random.nextBoolean()) {
            return '"' + pick(options) + '"';
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add('"' + pick(options) + '"');
        }
        return "[" + String.join(",", values) + "]";
    }

    /** A document of 1-4 statements; mostly 2012-10-17, sometimes unversioned (variables literal). */
    String document(Optional<String> principal) {
        int count = 1 + random.nextInt(4);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statements.add(statement(random.nextInt(4) == 0, principal.map(p -> pick(PRINCIPALS))));
        }
        String version = random.nextInt(6) == 0 ? "" : "\"Version\":\"2012-10-17\",";
        return "{" + version + "\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static final String[] PRINCIPALS = {"\"*\"", "{\"AWS\":\"111122223333\"}", "{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
        "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "{\"AWS\":\"arn:aws:iam::111122223333:role/R\"}",
        "{\"AWS\":[\"arn:aws:sts::111122223333:assumed-role/R/s\",\"444455556666\"]}",
        "{\"AWS\":\"AROAAAAAAAAAAAAAAAAAA\"}", "{\"Service\":\"lambda.amazonaws.com\"}",
        "{\"Federated\":\"accounts.google.com\"}", "{\"AWS\":\"arn:aws:sts::111122223333:federated-user/bob\"}"};

    ContextKeys keys() {
        ContextKeys.Builder keys = ContextKeys.builder();
        maybe(keys, "aws:username", "alice", "bob", "Alice");
        maybe(keys, "aws:PrincipalTag/team", "red", "shared", "*", "alice");
        maybe(keys, "k", "a", "A", "b", "YQ==");
        maybe(keys, "s3:max-keys", "5", "10", "15", "x", "10.00");
        maybe(keys, "aws:CurrentTime", "2023-06-01T00:00:00Z", "2024-01-01T00:00:00Z", "1704067200",
                "2025-01-01T00:00:00Z");
        maybe(keys, "aws:MultiFactorAuthPresent", "true", "false", "TRUE");
        maybe(keys, "aws:SourceIp", "10.1.2.3", "192.168.0.7", "2001:db8::1", "8.8.8.8");
        maybe(keys, "aws:SourceArn", "arn:aws:iam::111122223333:role/alice", "arn:aws:s3:::b",
                "arn:aws:iam::444455556666:user/x");
        if (random.nextInt(3) > 0) {
            List<String> tags = new ArrayList<>();
            for (String tag : new String[] {"a", "b", "c", "ab"}) {
                if (random.nextBoolean()) {
                    tags.add(tag);
                }
            }
            keys.putMulti("aws:TagKeys", tags);
        }
        return keys.build();
    }

    private void maybe(ContextKeys.Builder keys, String key, String... values) {
        if (random.nextInt(3) > 0) {
            keys.put(random.nextInt(4) == 0 ? key.toUpperCase(java.util.Locale.ROOT) : key, pick(values));
        }
    }

    RequestContext context() {
        return new RequestContext(pick(ACTIONS), pick(RESOURCES), Optional.empty(), keys());
    }

    Optional<PrincipalIdentity> caller() {
        AccountId account = AccountId.of("111122223333");
        return switch (random.nextInt(7)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(PrincipalIdentity.root(account));
            case 2 -> Optional.of(PrincipalIdentity.user(account, "arn:aws:iam::111122223333:user/alice",
                    "AIDAAAAAAAAAAAAAAAAAA"));
            case 3 -> Optional.of(PrincipalIdentity.roleSession(account, "arn:aws:iam::111122223333:role/R",
                    "AROAAAAAAAAAAAAAAAAAA", "arn:aws:sts::111122223333:assumed-role/R/s"));
            case 4 -> Optional.of(PrincipalIdentity.federatedUser(account,
                    "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:user/alice"));
            case 5 -> Optional.of(PrincipalIdentity.service(account, "lambda.amazonaws.com"));
            default -> Optional.of(PrincipalIdentity.webIdentity(AccountId.of("444455556666"),
                    "accounts.google.com"));
        };
    }
}
