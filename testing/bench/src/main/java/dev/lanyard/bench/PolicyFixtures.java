package dev.lanyard.bench;

import dev.lanyard.aws.AccountId;
import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two identity-policy sets {@link PolicyBenchmark} decides on, parsed once with {@link PolicyParser} as the
 * server does when it loads the model, and the request context the server builds for an IAM user.
 */
final class PolicyFixtures {
    static final String ACCOUNT = "123456789012";
    static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/engineering/alice";
    static final int WORST_POLICIES = 10;
    static final int WORST_STATEMENTS_PER_POLICY = 10;

    private PolicyFixtures() {
    }

    /** A developer: an inline S3 policy with one condition and two managed policies, 10 statements in all. */
    static List<LabeledPolicy> typical() {
        return List.of(
                parsed(PolicySource.USER_INLINE, "developer-s3", """
                        {"Version":"2012-10-17","Statement":[
                         {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::team-bucket"},
                         {"Sid":"ReadWriteReports","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
                          "Resource":"arn:aws:s3:::team-bucket/reports/*",
                          "Condition":{"Bool":{"aws:SecureTransport":"true"}}},
                         {"Sid":"NoBucketDeletes","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}"""),
                parsed(PolicySource.CUSTOMER_MANAGED, "arn:aws:iam::123456789012:policy/ReadOnlyOps", """
                        {"Version":"2012-10-17","Statement":[
                         {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},
                         {"Effect":"Allow","Action":["cloudwatch:GetMetricData","cloudwatch:ListMetrics"],
                          "Resource":"*"},
                         {"Effect":"Allow","Action":["logs:Get*","logs:FilterLogEvents"],
                          "Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/app/*"}]}"""),
                parsed(PolicySource.CUSTOMER_MANAGED, "arn:aws:iam::123456789012:policy/SelfManage", """
                        {"Version":"2012-10-17","Statement":[
                         {"Effect":"Allow","Action":["iam:GetUser","iam:ListAccessKeys"],
                          "Resource":"arn:aws:iam::123456789012:user/engineering/alice"},
                         {"Effect":"Allow","Action":"iam:ChangePassword",
                          "Resource":"arn:aws:iam::123456789012:user/engineering/alice"},
                         {"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"},
                         {"Effect":"Deny","Action":"iam:DeleteUser","Resource":"*"}]}"""));
    }

    /** S3 GetObject of a report: allowed by the inline policy's conditional statement. */
    static AuthorizationRequest typicalRequest() {
        return request("s3:GetObject", "arn:aws:s3:::team-bucket/reports/2026/q4.csv", typical());
    }

    /**
     * 10 attached policies of 10 statements, each statement built to be read as far as possible before it fails to
     * apply: wildcard actions that match, resources with policy variables that match, then conditions
     * (ForAnyValue over a multi-valued key, IP ranges, dates, tag variables) that fail; only the last policy's last
     * statement allows. Explicit Deny statements in every policy must be evaluated too, and none applies.
     */
    static List<LabeledPolicy> worstCase() {
        List<LabeledPolicy> policies = new ArrayList<>();
        for (int p = 0; p < WORST_POLICIES; p++) {
            String team = p == WORST_POLICIES - 1 ? "data" : "team-" + p;
            policies.add(parsed(PolicySource.CUSTOMER_MANAGED, "arn:aws:iam::" + ACCOUNT + ":policy/worst-" + p,
                    worstPolicy(p, team)));
        }
        return List.copyOf(policies);
    }

    /** S3 PutObject with request tags into the caller's home prefix. */
    static AuthorizationRequest worstCaseRequest() {
        return request("s3:PutObject", "arn:aws:s3:::analytics-prod/home/alice/2026/11/report.parquet",
                worstCase());
    }

    private static String worstPolicy(int p, String team) {
        String home = "arn:aws:s3:::analytics-*/home/${aws:username}/*";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",",
                statement("Allow", "[\"s3:Get*\",\"s3:List*\"]", home, "{}"),
                statement("Allow", "\"s3:Put*\"", "arn:aws:s3:::analytics-*/team/${aws:PrincipalTag/team}/*",
                        "{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}"),
                statement("Allow", "\"s3:*Object*\"", home,
                        "{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":[\"cost-*\",\"billing-*\",\"p" + p + "-*\"]}}"),
                statement("Deny", "\"s3:*\"", "*", "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"),
                "{\"Effect\":\"Deny\",\"NotAction\":[\"s3:*\",\"iam:Get*\",\"sts:*\"],\"Resource\":\"*\"}",
                statement("Allow", "\"s3:PutObject\"", home, "{\"IpAddress\":{\"aws:SourceIp\":"
                        + "[\"192.0.2.0/24\",\"198.51.100.0/24\"]},\"DateGreaterThan\":"
                        + "{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}"),
                statement("Deny", "\"s3:PutObject*\"", "*", "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":"
                        + "[\"secret-" + p + "\",\"classified\"]}}"),
                "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject*\",\"NotResource\":\"arn:aws:s3:::analytics-*/home/*\"}",
                statement("Allow", "[\"ec2:*\",\"rds:Describe*\",\"lambda:Invoke*\",\"dynamodb:*Item\"]", "*", "{}"),
                statement("Allow", "\"s3:PutObject\"", home, "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"" + team
                        + "\"},\"StringLike\":{\"aws:RequestTag/project\":[\"at*\",\"${aws:PrincipalTag/team}-*\"]}}"))
                + "]}";
    }

    private static String statement(String effect, String action, String resource, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":\"" + resource + "\""
                + (condition.equals("{}") ? "" : ",\"Condition\":" + condition) + "}";
    }

    /** The keys the server puts in a signed request's context for an IAM user, plus the request's tags. */
    static ContextKeys userContext() {
        return ContextKeys.builder()
                .put("aws:username", "alice")
                .put("aws:userid", "AIDAEXAMPLEALICE0001")
                .put("aws:PrincipalArn", USER_ARN)
                .put("aws:PrincipalAccount", ACCOUNT)
                .put("aws:PrincipalType", "User")
                .put("aws:PrincipalTag/team", "data")
                .put("aws:PrincipalTag/cost-center", "cc-42")
                .put("aws:SourceIp", "203.0.113.7")
                .put("aws:SecureTransport", "true")
                .put("aws:CurrentTime", "2026-11-23T12:00:00Z")
                .put("aws:EpochTime", "1795435200")
                .put("aws:MultiFactorAuthPresent", "false")
                .put("aws:RequestedRegion", "us-east-1")
                .put("aws:RequestTag/project", "atlas")
                .putMulti("aws:TagKeys", List.of("project", "owner"))
                .build();
    }

    private static AuthorizationRequest request(String action, String resource, List<LabeledPolicy> policies) {
        AccountId account = AccountId.of(ACCOUNT);
        RequestContext context = new RequestContext(action, resource,
                Optional.of(PrincipalIdentity.user(account, USER_ARN, "AIDAEXAMPLEALICE0001")), userContext());
        return AuthorizationRequest.builder().context(context).principalAccount(account).identityPolicies(policies)
                .build();
    }

    private static LabeledPolicy parsed(PolicySource source, String name, String json) {
        return switch (PolicyParser.parse(json, PolicyKind.MANAGED)) {
            case ParseResult.Valid valid -> new LabeledPolicy(new PolicyRef(source, name), valid.document());
            case ParseResult.Invalid invalid -> throw new IllegalStateException(name + ": " + invalid.message());
        };
    }
}
