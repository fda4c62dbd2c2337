package dev.lanyard.policy;

import static dev.lanyard.policy.Policies.allows;
import static dev.lanyard.policy.Policies.keys;
import static dev.lanyard.policy.Policies.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** iam-policy.md §2.2 and the Resource half of §2.4. */
class ResourceMatchingTest {
    private static boolean matches(String pattern, String resource) {
        return allows("\"Action\":\"*\",\"Resource\":\"" + pattern + "\"", request("s3:GetObject", resource));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "arn:aws:s3:::bucket/1///test///object.jpg, true",
            "arn:aws:s3:::bucket//test/object.jpg,      true",
            "arn:aws:s3:::bucket/1/test/,               true",
            "arn:aws:s3:::bucket/test/object.jpg,       false",
            "arn:aws:s3:::bucket/1/2/test.jpg,          false",
    })
    void docExampleBucketStarTestStar(String resource, boolean expected) {
        assertThat(matches("arn:aws:s3:::bucket/*/test/*", resource)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "*,                                     arn:aws:s3:::b,                            true",
            "*,                                     *,                                         true",
            "arn:aws:s3:::*,                        *,                                         false",
            "arn:aws:iam::111122223333:user/Bob,    arn:aws:iam::111122223333:user/Bob,        true",
            "arn:aws:iam::111122223333:user/Bob,    arn:aws:iam::111122223333:user/bob,        false",
            "arn:aws:iam::111122223333:user/*,      arn:aws:iam::111122223333:user/a/b,        true",
            "arn:aws:iam::*:user/Bob,               arn:aws:iam::111122223333:user/Bob,        true",
            "arn:aws:iam::*:user/Bob,               arn:aws:iam::111122223333:role/Bob,        false",
            "arn:aws:logs:us-east-1:111122223333:*, arn:aws:logs:us-east-1:111122223333:log-group:a:b, true",
            "arn:aws:ec2:*:*:instance/*,            arn:aws:ec2:us-east-1:111122223333:instance/i-1, true",
            "arn:aws:ec2:us-*:*:instance/*,         arn:aws:ec2:us-east-1:111122223333:instance/i-1, true",
            "arn:aws:ec2:us-*-1:*:instance/*,       arn:aws:ec2:us-east-1:111122223333:instance/i-1, true",
            "arn:aws:ec2:us-*-1:*:instance/*,       arn:aws:ec2:us-x:y-1:111122223333:instance/i-1, false",
            "arn:aws:ec2:us-east-?:*:*,             arn:aws:ec2:us-east-1:111122223333:instance/i, true",
            "arn:aws:ec2:*,                         arn:aws:ec2:us-east-1:111122223333:instance/i, true",
            "arn:aws:sqs,                           arn:aws:sqs:us-east-1:111122223333:queue,   true",
            "arn:aws:sqs,                           arn:aws:sns:us-east-1:111122223333:topic,   false",
            "arn:aws:s3*:::b,                       arn:aws:s3:::b,                            false",
            "arn:aws:*:::b,                         arn:aws:s3:::b,                            false",
            "arn:aws:S3:::b,                        arn:aws:s3:::b,                            false",
    })
    void patterns(String pattern, String resource, boolean expected) {
        assertThat(matches(pattern, resource)).isEqualTo(expected);
    }

    /**
     * Partitions are separate worlds: an ARN in one names nothing in another, unless the pattern's partition is
     * {@code *} (IAM refuses any other wildcard there: the field must be a partition it knows, or {@code *}).
     */
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "arn:aws:s3:::b,                        arn:aws-cn:s3:::b,                         false",
            "arn:aws:s3:::b,                        arn:lanyard:s3:::b,                        false",
            "arn:aws-cn:s3:::b,                     arn:aws:s3:::b,                            false",
            "arn:aws:iam::111122223333:role/R,      arn:lanyard:iam::111122223333:role/R,      false",
            "arn:aws:s3:::*,                        arn:lanyard:s3:::b/k,                      false",
            "arn:*:s3:::b,                          arn:lanyard:s3:::b,                        true",
            "arn:*:s3:::b,                          arn:aws-cn:s3:::b,                         true",
            "arn:*:iam::111122223333:role/R,        arn:lanyard:iam::111122223333:role/R,      true",
    })
    void acrossPartitions(String pattern, String resource, boolean expected) {
        assertThat(matches(pattern, resource)).isEqualTo(expected);
    }

    @Test
    void variablesAreSubstitutedInTheResourcePartOf2012Policies() {
        String body = "\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::bucket/home/${aws:username}/*\"";
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/home/alice/x",
                keys("aws:username", "alice")))).isTrue();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/home/bob/x",
                keys("aws:username", "alice")))).isFalse();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/x")))
                .as("unresolvable variable matches nothing").isFalse();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/home/alice/x",
                keys("AWS:UserName", "alice")))).as("keys are case-insensitive").isTrue();
    }

    @Test
    void substitutedValuesAreLiteralInsideGlobs() {
        String body = "\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*\"";
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/anything/x",
                keys("aws:PrincipalTag/team", "*")))).isFalse();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/*/x",
                keys("aws:PrincipalTag/TEAM", "*")))).isTrue();
    }

    @Test
    void escapesAndDefaults() {
        assertThat(allows("\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${*}\"",
                request("s3:GetObject", "arn:aws:s3:::b/*"))).isTrue();
        assertThat(allows("\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${*}\"",
                request("s3:GetObject", "arn:aws:s3:::b/x"))).isFalse();
        assertThat(allows("\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${?}${$}\"",
                request("s3:GetObject", "arn:aws:s3:::b/?$"))).isTrue();
        String withDefault = "\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*\"";
        assertThat(allows(withDefault, request("s3:GetObject", "arn:aws:s3:::b/shared/x"))).isTrue();
        assertThat(allows(withDefault, request("s3:GetObject", "arn:aws:s3:::b/red/x",
                keys("aws:PrincipalTag/team", "red")))).isTrue();
    }

    @Test
    void variablesAreLiteralIn2008AndUnversionedPolicies() {
        for (String version : new String[] {"\"Version\":\"2008-10-17\",", ""}) {
            PolicyDocument document = Policies.parse("{" + version + "\"Statement\":{\"Effect\":\"Allow\","
                    + "\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}}");
            assertThat(Policies.evaluate(document, request("s3:GetObject", "arn:aws:s3:::b/${aws:username}",
                    keys("aws:username", "alice")))).isEqualTo(SetEffect.ALLOW);
            assertThat(Policies.evaluate(document, request("s3:GetObject", "arn:aws:s3:::b/alice",
                    keys("aws:username", "alice")))).isEqualTo(SetEffect.NOT_APPLICABLE);
        }
    }

    @Test
    void variablesOutsideTheResourcePartAreLiteral() {
        String body = "\"Action\":\"*\",\"Resource\":\"arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:queue\"";
        assertThat(allows(body, request("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:queue",
                keys("aws:PrincipalAccount", "111122223333")))).isFalse();
    }

    @Test
    void multiValuedKeysAreNotVariables() {
        String body = "\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:TagKeys}\"";
        ContextKeys keys = ContextKeys.builder().putMulti("aws:TagKeys", java.util.List.of("a")).build();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::b/a", keys))).isFalse();
    }

    @Test
    void notResourceAppliesWhenNoEntryMatchesAndUnresolvedEntriesExcludeNothing() {
        String body = "\"Action\":\"*\",\"NotResource\":[\"arn:aws:s3:::HRBucket/Payroll\","
                + "\"arn:aws:s3:::HRBucket/Payroll/*\"]";
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/x"))).isFalse();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::HRBucket/Other"))).isTrue();
        String unresolved = "\"Action\":\"*\",\"NotResource\":\"arn:aws:s3:::b/${aws:username}\"";
        assertThat(allows(unresolved, request("s3:GetObject", "arn:aws:s3:::b/alice"))).isTrue();
    }
}
