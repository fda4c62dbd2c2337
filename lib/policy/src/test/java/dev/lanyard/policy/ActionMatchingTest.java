package dev.lanyard.policy;

import static dev.lanyard.policy.Policies.allows;
import static dev.lanyard.policy.Policies.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** iam-policy.md §2.1. */
class ActionMatchingTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "*,                    s3:GetObject,          true",
            "s3:GetObject,         s3:GetObject,          true",
            "IAM:listaccesskeys,   iam:ListAccessKeys,    true",
            "iam:ListAccessKeys,   IAM:LISTACCESSKEYS,    true",
            "s3:Get*,              s3:GetObject,          true",
            "s3:Get*,              s3:PutObject,          false",
            "iam:*AccessKey*,      iam:CreateAccessKey,   true",
            "iam:*AccessKey*,      iam:ListAccessKeys,    true",
            "iam:*AccessKey*,      iam:GetUser,           false",
            "s3:Get?bject,         s3:GetObject,          true",
            "s3:Get?bject,         s3:GetObbject,         false",
            "s3:*,                 s3:GetObject,          true",
            "s3:*,                 s3x:GetObject,         false",
            "s3:*,                 sqs:SendMessage,       false",
            "'s3:GetObject ',      s3:GetObject,          false",
            "'s3: GetObject',      s3:GetObject,          false",
            "'s3:GetObject,PutObject', s3:GetObject,      false",
            "*:GetObject,          s3:GetObject,          false",
            "sts:AssumeRole,       sts:AssumeRoleWithSAML, false",
            "sts:AssumeRole*,      sts:AssumeRoleWithSAML, true",
    })
    void actionPatterns(String pattern, String action, boolean expected) {
        String body = "\"Action\":\"" + pattern + "\",\"Resource\":\"*\"";
        assertThat(allows(body, request(action, "*"))).isEqualTo(expected);
    }

    @Test
    void notActionAppliesToEverythingElseIncludingOtherServices() {
        String body = "\"NotAction\":\"iam:*\",\"Resource\":\"*\"";
        assertThat(allows(body, request("s3:GetObject", "*"))).isTrue();
        assertThat(allows(body, request("ec2:RunInstances", "*"))).isTrue();
        assertThat(allows(body, request("iam:CreateUser", "*"))).isFalse();
        assertThat(allows(body, request("IAM:createuser", "*"))).isFalse();
    }

    @Test
    void notActionWithResourceDoesNotGrantWildcardOnlyActions() {
        // Doc NotAction example: Allow NotAction s3:DeleteBucket on arn:aws:s3:::* does not grant
        // s3:ListAllMyBuckets "because that action requires the "*" resource".
        String body = "\"NotAction\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::*\"";
        assertThat(allows(body, request("s3:ListAllMyBuckets", "*"))).isFalse();
        assertThat(allows(body, request("s3:GetObject", "arn:aws:s3:::bucket/key"))).isTrue();
        assertThat(allows(body, request("s3:DeleteBucket", "arn:aws:s3:::bucket"))).isFalse();
    }

    @Test
    void notActionEntryWithWhitespaceExcludesNothing() {
        String body = "\"NotAction\":\"s3:GetObject \",\"Resource\":\"*\"";
        assertThat(allows(body, request("s3:GetObject", "*"))).isTrue();
    }

    @Test
    void denyWithNotActionDeniesEverythingElse() {
        PolicyDocument document = Policies.policy(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"NotAction\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}");
        assertThat(Policies.evaluate(document, request("iam:GetUser", "*"))).isEqualTo(SetEffect.ALLOW);
        assertThat(Policies.evaluate(document, request("iam:DeleteUser", "*"))).isEqualTo(SetEffect.DENY);
        assertThat(Policies.evaluate(document, request("s3:GetObject", "*"))).isEqualTo(SetEffect.DENY);
    }
}
