package dev.lanyard.policy;

import static dev.lanyard.policy.Policies.keys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** iam-policy.md §3: operators, missing keys, IfExists, Null, set operators, policy variables in values. */
class ConditionTest {
    /** Evaluates {@code "Condition": {operator: {key: valuesJson}}} in a 2012-10-17 policy. */
    static boolean holds(String operator, String key, String valuesJson, ContextKeys context) {
        String body = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":"
                + valuesJson + "}}";
        return Policies.allows(body, Policies.request("s3:GetObject", "*", context));
    }

    static boolean holds(String operator, String valuesJson, String requestValue) {
        return holds(operator, "k", valuesJson, requestValue == null ? ContextKeys.empty() : keys("k", requestValue));
    }

    static ContextKeys multi(String key, String... values) {
        return ContextKeys.builder().putMulti(key, List.of(values)).build();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} = {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals              | \"abc\"            | abc        | true",
            "StringEquals              | \"abc\"            | ABC        | false",
            "StringEquals              | \"a*\"             | abc        | false",
            "StringEquals              | \"a*\"             | a*         | true",
            "StringEquals              | [\"x\",\"abc\"]    | abc        | true",
            "StringNotEquals           | [\"x\",\"abc\"]    | abc        | false",
            "StringNotEquals           | [\"x\",\"y\"]      | abc        | true",
            "StringEqualsIgnoreCase    | \"ABC\"            | abc        | true",
            "StringNotEqualsIgnoreCase | \"ABC\"            | abc        | false",
            "StringLike                | \"a*c\"            | abbbc      | true",
            "StringLike                | \"a?c\"            | abc        | true",
            "StringLike                | \"a*c\"            | ABC        | false",
            "StringNotLike             | \"a*\"             | abc        | false",
            "StringNotLike             | \"b*\"             | abc        | true",
            "NumericEquals             | \"10\"             | 10.0       | true",
            "NumericEquals             | 10                 | 10         | true",
            "NumericNotEquals          | \"10\"             | 11         | true",
            "NumericLessThan           | \"10\"             | 9.5        | true",
            "NumericLessThan           | \"10\"             | 10         | false",
            "NumericLessThanEquals     | \"10\"             | 10         | true",
            "NumericGreaterThan        | \"10\"             | 10.01      | true",
            "NumericGreaterThanEquals  | \"-1\"             | -1         | true",
            "NumericEquals             | \"10\"             | ten        | false",
            "NumericNotEquals          | \"10\"             | ten        | true",
            "DateEquals                | \"2020-01-01T00:00:00Z\" | 2020-01-01T01:00:00+01:00 | true",
            "DateLessThan              | \"2020-01-01T00:00:00Z\" | 2019-12-31T23:59:59Z      | true",
            "DateLessThan              | \"2020-01-01T00:00:00Z\" | 1577836800                | false",
            "DateLessThanEquals        | \"2020-01-01T00:00:00Z\" | 1577836800                | true",
            "DateGreaterThan           | 1577836800         | 2020-01-01T00:00:00.001Z  | true",
            "DateGreaterThanEquals     | \"2020-01-01\"     | 2020-01-01T00:00:00Z      | true",
            "DateNotEquals             | \"2020-01-01\"     | 2020-01-02                | true",
            "DateEquals                | \"2020-01-01\"     | not-a-date                | false",
            "Bool                      | \"true\"           | true       | true",
            "Bool                      | true               | TRUE       | true",
            "Bool                      | \"false\"          | true       | false",
            "BinaryEquals              | \"QmluYXJ5VmFsdWU=\" | QmluYXJ5VmFsdWU= | true",
            "BinaryEquals              | \"QmluYXJ5VmFsdWU=\" | QmluYXJ5   | false",
            "IpAddress                 | \"203.0.113.0/24\" | 203.0.113.9 | true",
            "IpAddress                 | [\"10.0.0.0/8\", \"2001:db8::/32\"] | 2001:db8::5 | true",
            "IpAddress                 | \"203.0.113.0/24\" | 198.51.100.1 | false",
            "NotIpAddress              | \"203.0.113.0/24\" | 198.51.100.1 | true",
            "NotIpAddress              | \"203.0.113.0/24\" | 203.0.113.1 | false",
            "ArnLike                   | \"arn:aws:iam::*:role/*\" | arn:aws:iam::111122223333:role/x | true",
            "ArnEquals                 | \"arn:aws:iam::*:role/*\" | arn:aws:iam::111122223333:role/x | true",
            "ArnLike                   | \"arn:aws:iam::*:role/*\" | arn:aws:iam::111122223333:user/x | false",
            "ArnLike                   | \"arn:aws:iam::*:role/*\" | ARN:aws:iam::111122223333:role/x | false",
            "ArnNotLike                | \"arn:aws:iam::*:role/*\" | arn:aws:iam::111122223333:user/x | true",
            "ArnNotEquals              | \"arn:aws:iam::*:role/*\" | arn:aws:iam::111122223333:role/x | false",
            "ArnLike                   | \"arn:aws:s3:::*\"  | not-an-arn | false",
    })
    void operators(String operator, String values, String request, boolean expected) {
        assertThat(holds(operator, values, request)).isEqualTo(expected);
    }

    @Test
    void arnLikeDoesNotCrossColonsButStringLikeDoes() {
        String pattern = "\"arn:aws:someservice:*:111122223333:finance/*\"";
        String value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assertThat(holds("ArnLike", pattern, value)).isFalse();
        assertThat(holds("StringLike", pattern, value)).isTrue();
    }

    @ParameterizedTest(name = "{0} with key absent = {1}")
    @CsvSource({
            "StringEquals, false", "StringNotEquals, true", "StringEqualsIgnoreCase, false",
            "StringNotEqualsIgnoreCase, true", "StringLike, false", "StringNotLike, true", "NumericEquals, false",
            "NumericNotEquals, true", "NumericLessThan, false", "DateEquals, false", "DateNotEquals, true",
            "DateGreaterThan, false", "Bool, false", "BinaryEquals, false", "IpAddress, false", "NotIpAddress, true",
            "ArnEquals, false", "ArnLike, false", "ArnNotEquals, true", "ArnNotLike, true",
            "StringEqualsIfExists, true", "StringNotEqualsIfExists, true", "NumericLessThanIfExists, true",
            "ForAllValues:StringEquals, true", "ForAnyValue:StringEquals, false",
            "ForAllValues:StringNotLike, true", "ForAnyValue:StringNotEquals, false",
            "ForAnyValue:StringEqualsIfExists, true",
    })
    void missingKeys(String operator, boolean expected) {
        String value = operator.contains("Date") ? "\"2020-01-01\"" : operator.contains("Ip") ? "\"10.0.0.0/8\""
                : operator.contains("Arn") ? "\"arn:aws:s3:::b\"" : "\"1\"";
        assertThat(holds(operator, value, null)).isEqualTo(expected);
    }

    @Test
    void ifExistsEvaluatesNormallyWhenPresent() {
        assertThat(holds("StringEqualsIfExists", "\"a\"", "a")).isTrue();
        assertThat(holds("StringEqualsIfExists", "\"a\"", "b")).isFalse();
    }

    @Test
    void nullChecksPresence() {
        assertThat(holds("Null", "\"true\"", null)).isTrue();
        assertThat(holds("Null", "\"true\"", "x")).isFalse();
        assertThat(holds("Null", "\"false\"", "x")).isTrue();
        assertThat(holds("Null", "\"false\"", null)).isFalse();
        assertThat(holds("Null", "true", null)).as("unquoted boolean").isTrue();
        assertThat(holds("ForAllValues:Null", "\"false\"", null)).isFalse();
    }

    @Test
    void keysAreCaseInsensitiveIncludingTagSuffix() {
        assertThat(holds("StringEquals", "aws:RequestTag/TagKey1", "\"v\"", keys("AWS:requesttag/tagkey1", "v")))
                .isTrue();
        assertThat(holds("StringEquals", "aws:requesttag/tagkey1", "\"V\"", keys("aws:RequestTag/TagKey1", "v")))
                .as("values stay case-sensitive").isFalse();
    }

    @Test
    void severalKeysAndOperatorsAreAnded() {
        String body = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"Bool\":{\"c\":\"true\"}}";
        RequestContext all = Policies.request("s3:GetObject", "*", keys("a", "1", "b", "2", "c", "true"));
        RequestContext missingC = Policies.request("s3:GetObject", "*", keys("a", "1", "b", "2"));
        RequestContext wrongB = Policies.request("s3:GetObject", "*", keys("a", "1", "b", "3", "c", "true"));
        assertThat(Policies.allows(body, all)).isTrue();
        assertThat(Policies.allows(body, missingC)).isFalse();
        assertThat(Policies.allows(body, wrongB)).isFalse();
    }

    @Test
    void setOperatorsOnMultiValuedKeys() {
        String tags = "[\"environment\",\"cost-center\"]";
        assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", tags, multi("aws:TagKeys", "environment")))
                .isTrue();
        assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", tags,
                multi("aws:TagKeys", "environment", "owner"))).isFalse();
        assertThat(holds("ForAnyValue:StringEquals", "aws:TagKeys", tags,
                multi("aws:TagKeys", "environment", "owner"))).isTrue();
        assertThat(holds("ForAnyValue:StringEquals", "aws:TagKeys", tags, multi("aws:TagKeys", "owner")))
                .isFalse();
        assertThat(holds("ForAllValues:StringNotEquals", "aws:TagKeys", tags, multi("aws:TagKeys", "owner")))
                .as("none of the request values matches any policy value").isTrue();
        assertThat(holds("ForAnyValue:StringNotEquals", "aws:TagKeys", tags,
                multi("aws:TagKeys", "environment", "owner"))).as("at least one request value matches none")
                .isTrue();
        assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", tags, multi("aws:TagKeys"))).as("empty set")
                .isTrue();
    }

    @Test
    void setOperatorsTreatOnlyEmptyStringsAsAnEmptyDataSet() {
        // "If the key values in the request resolve to an empty data set (for example, an empty string)"
        assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", "\"a\"", multi("aws:TagKeys", ""))).isTrue();
        assertThat(holds("ForAnyValue:StringEquals", "aws:TagKeys", "\"\"", multi("aws:TagKeys", ""))).isFalse();
        assertThat(holds("ForAllValues:StringEquals", "\"a\"", "")).as("single-valued empty string").isTrue();
        assertThat(holds("ForAllValues:StringEquals", "aws:TagKeys", "\"a\"", multi("aws:TagKeys", "", "b")))
                .as("not empty: \"b\" must match").isFalse();
        assertThat(holds("StringEquals", "\"\"", "")).as("plain operators compare the empty string").isTrue();
    }

    @Test
    void plainOperatorOnMultiValuedKeyNeverMatches() {
        assertThat(holds("StringEquals", "aws:TagKeys", "\"a\"", multi("aws:TagKeys", "a"))).isFalse();
        assertThat(holds("StringNotEquals", "aws:TagKeys", "\"b\"", multi("aws:TagKeys", "a"))).isFalse();
    }

    @Test
    void setOperatorOnSingleValuedKeyIsAOneElementSet() {
        assertThat(holds("ForAllValues:StringEquals", "k", "\"a\"", keys("k", "a"))).isTrue();
        assertThat(holds("ForAnyValue:StringLike", "k", "\"a*\"", keys("k", "abc"))).isTrue();
    }

    @Test
    void docConsequencesOfSetOperators() {
        // Allow + ForAllValues:StringEquals allows a request with no tags; AWS recommends adding Null false.
        String allowTags = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":"
                + "{\"aws:TagKeys\":[\"a\",\"b\"]}}";
        assertThat(Policies.allows(allowTags, Policies.request("iam:TagRole", "*"))).isTrue();
        String withNull = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":"
                + "{\"aws:TagKeys\":[\"a\",\"b\"]},\"Null\":{\"aws:TagKeys\":\"false\"}}";
        assertThat(Policies.allows(withNull, Policies.request("iam:TagRole", "*"))).isFalse();
        // Deny + ForAllValues:StringNotLike denies a request with no tags; Deny + ForAnyValue:StringEquals does not.
        assertThat(denies("ForAllValues:StringNotLike", "\"key1*\"", ContextKeys.empty())).isTrue();
        assertThat(denies("ForAnyValue:StringEquals", "\"key1\"", ContextKeys.empty())).isFalse();
        // ForAnyValue:StringEquals on tag keys is case-sensitive.
        assertThat(holds("ForAnyValue:StringEquals", "aws:TagKeys", "\"environment\"",
                multi("aws:TagKeys", "Environment"))).isFalse();
        assertThat(holds("StringEqualsIgnoreCase", "aws:RequestTag/environment", "\"prod\"",
                keys("aws:RequestTag/Environment", "PROD"))).isTrue();
    }

    private static boolean denies(String operator, String values, ContextKeys context) {
        PolicyDocument document = Policies.policy(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"" + operator
                        + "\":{\"aws:TagKeys\":" + values + "}}}");
        return Policies.evaluate(document, Policies.request("iam:TagRole", "*", context)) == SetEffect.DENY;
    }

    @Test
    void variablesInConditionValues() {
        assertThat(holds("StringEquals", "s3:prefix", "\"home/${aws:username}\"",
                keys("s3:prefix", "home/alice", "aws:username", "alice"))).isTrue();
        assertThat(holds("StringLike", "s3:prefix", "\"home/${aws:username}/*\"",
                keys("s3:prefix", "home/alice/x", "aws:username", "alice"))).isTrue();
        assertThat(holds("StringLike", "s3:prefix", "\"home/${aws:username}/*\"",
                keys("s3:prefix", "home/bob/x", "aws:username", "alice"))).isFalse();
        assertThat(holds("ArnLike", "aws:SourceArn", "\"arn:aws:iam::${aws:PrincipalAccount}:role/*\"",
                keys("aws:SourceArn", "arn:aws:iam::111122223333:role/r", "aws:PrincipalAccount", "111122223333")))
                .isTrue();
        assertThat(holds("StringEquals", "k", "\"${aws:PrincipalTag/team, 'none'}\"", keys("k", "none"))).isTrue();
        assertThat(holds("NumericEquals", "k", "\"${n}\"", keys("k", "5", "n", "5")))
                .as("no variables in Numeric").isFalse();
    }

    @Test
    void unresolvableVariableFollowsTheDocsNotIamSimulate() {
        // Doc example: Deny s3:GetObject with StringNotEquals {s3:ExistingObjectTag/Team: ${aws:PrincipalTag/Team}}
        // "Access is explicitly denied when aws:principaltag/Team is not set".
        PolicyDocument document = Policies.policy(
                "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                        + "{\"s3:ExistingObjectTag/Team\":\"${aws:PrincipalTag/Team}\"}}}");
        RequestContext untagged = Policies.request("s3:GetObject", "arn:aws:s3:::b/k",
                keys("s3:ExistingObjectTag/Team", "red"));
        assertThat(Policies.evaluate(document, untagged)).isEqualTo(SetEffect.DENY);
        RequestContext sameTeam = Policies.request("s3:GetObject", "arn:aws:s3:::b/k",
                keys("s3:ExistingObjectTag/Team", "red", "aws:PrincipalTag/team", "red"));
        assertThat(Policies.evaluate(document, sameTeam)).isEqualTo(SetEffect.ALLOW);
        assertThat(holds("StringEquals", "k", "\"${missing}\"", keys("k", "x"))).isFalse();
    }

    @Test
    void emptyValueListsAndEmptyBlocks() {
        assertThat(holds("StringEquals", "k", "[]", keys("k", "x"))).isFalse();
        assertThat(holds("StringNotEquals", "k", "[]", keys("k", "x"))).isTrue();
        String emptyOperator = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{}}";
        assertThat(Policies.allows(emptyOperator, Policies.request("s3:GetObject", "*"))).isTrue();
        String unknownEmpty = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Whatever\":{}}";
        assertThat(Policies.allows(unknownEmpty, Policies.request("s3:GetObject", "*"))).isTrue();
    }
}
