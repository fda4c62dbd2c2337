package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.Partition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** iam-policy.md §1 beyond the recorded corpus: kinds, AST, positions, sizes. */
class PolicyParserTest {
    private static final String IDENTITY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static ParseResult parse(String json, PolicyKind kind) {
        return PolicyParser.parse(json, kind);
    }

    private static ParseResult.Invalid invalid(String message) {
        return new ParseResult.Invalid(message);
    }

    @ParameterizedTest
    @EnumSource(value = PolicyKind.class, names = {"MANAGED", "INLINE", "SESSION"})
    void identityKindsRejectPrincipals(PolicyKind kind) {
        assertThat(parse(IDENTITY, kind)).isInstanceOf(ParseResult.Valid.class);
        String withPrincipal = IDENTITY.replace("\"Effect\":\"Allow\",", "\"Effect\":\"Allow\",\"Principal\":\"*\",");
        assertThat(parse(withPrincipal, kind)).isEqualTo(invalid("Policy document should not specify a principal."));
        String withNotPrincipal = IDENTITY.replace("\"Effect\":\"Allow\",",
                "\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},");
        assertThat(parse(withNotPrincipal, kind))
                .isEqualTo(invalid("Policy document should not specify a principal."));
    }

    @Test
    void aResourceMayNameTheServedPartitionBesidesAwssOwn() {
        Partition lanyard = Partition.of("lanyard");
        String own = IDENTITY.replace("\"*\"", "\"arn:lanyard:s3:::b/*\"");
        assertThat(parse(own, PolicyKind.MANAGED))
                .isEqualTo(invalid("Partition \"lanyard\" is not valid for resource \"arn:lanyard:s3:::b/*\"."));
        assertThat(PolicyParser.parse(own, PolicyKind.MANAGED, lanyard)).isInstanceOf(ParseResult.Valid.class);
        // AWS's partitions stay valid (they match nothing here, as arn:aws-cn: in aws); a third one does not
        for (String resource : List.of("arn:aws:s3:::b/*", "arn:aws-cn:s3:::b/*", "arn:*:s3:::b/*")) {
            assertThat(PolicyParser.parse(IDENTITY.replace("\"*\"", "\"" + resource + "\""), PolicyKind.MANAGED,
                    lanyard)).as(resource).isInstanceOf(ParseResult.Valid.class);
        }
        assertThat(PolicyParser.parse(IDENTITY.replace("\"*\"", "\"arn:corp:s3:::b\""), PolicyKind.MANAGED,
                lanyard)).isEqualTo(invalid("Partition \"corp\" is not valid for resource \"arn:corp:s3:::b\"."));
    }

    @Test
    void onlyManagedPoliciesRequireVersion2012() {
        String unversioned = IDENTITY.replace("\"Version\":\"2012-10-17\",", "");
        assertThat(parse(unversioned, PolicyKind.MANAGED))
                .isEqualTo(invalid("Policy document must be version 2012-10-17 or greater."));
        for (PolicyKind kind : List.of(PolicyKind.INLINE, PolicyKind.SESSION)) {
            ParseResult result = parse(unversioned, kind);
            assertThat(result).isInstanceOf(ParseResult.Valid.class);
            assertThat(((ParseResult.Valid) result).document().version()).isEqualTo(PolicyVersion.V2008_10_17);
        }
    }

    @Test
    void trustPolicyRules() {
        assertThat(parse(TRUST, PolicyKind.TRUST)).isInstanceOf(ParseResult.Valid.class);
        assertThat(parse("{", PolicyKind.TRUST)).isEqualTo(invalid("This policy contains invalid Json"));
        assertThat(parse("{", PolicyKind.INLINE)).isEqualTo(invalid("Syntax errors in policy."));
        assertThat(parse("[]", PolicyKind.TRUST)).isEqualTo(invalid("Syntax errors in policy."));
        assertThat(parse(TRUST.replace("sts:AssumeRole", "s3:GetObject"), PolicyKind.TRUST))
                .isEqualTo(invalid("AssumeRole policy may only specify STS AssumeRole actions."));
        assertThat(parse(TRUST.replace("\"Action\"", "\"NotAction\""), PolicyKind.TRUST))
                .isEqualTo(invalid("AssumeRole policy may only specify STS AssumeRole actions."));
        for (String action : List.of("sts:AssumeRoleWithSAML", "sts:assumerolewithwebidentity", "sts:TagSession",
                "sts:SetSourceIdentity", "sts:AssumeRole*", "sts:*")) {
            assertThat(parse(TRUST.replace("sts:AssumeRole", action), PolicyKind.TRUST)).as(action)
                    .isInstanceOf(ParseResult.Valid.class);
        }
        assertThat(parse(TRUST.replace("\"Action\"", "\"Resource\":\"*\",\"Action\""), PolicyKind.TRUST))
                .isEqualTo(invalid("Has prohibited field Resource"));
        assertThat(parse(TRUST.replace("\"Principal\"", "\"NotPrincipal\""), PolicyKind.TRUST))
                .isEqualTo(invalid("Has prohibited field NotPrincipal"));
        assertThat(parse(TRUST.replace("\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},", ""),
                PolicyKind.TRUST)).isEqualTo(invalid("Missing required field Principal"));
        assertThat(parse(TRUST.replace("arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/*"),
                PolicyKind.TRUST)).isEqualTo(invalid(
                "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:role/*\""));
        assertThat(parse(TRUST.replace("arn:aws:iam::111122223333:root", "AROAAAAAAAAAAAAAAAAAA"),
                PolicyKind.TRUST)).isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        String duplicate = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}}";
        assertThat(parse(duplicate, PolicyKind.INLINE)).isEqualTo(invalid("Syntax errors in policy."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}} x", "", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"\u4e2d\"}}", "{\"Version\":\"2012-10-17\",\"Statement\":null}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEquals\":{\"a\":[null]}}}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Principal\":\"arn:aws:iam::111122223333:root\"}}"})
    void malformedDocuments(String json) {
        assertThat(parse(json, PolicyKind.RESOURCE)).isEqualTo(invalid("Syntax errors in policy."));
    }

    @Test
    void characterRange() {
        assertThat(PolicyParser.hasOnlyPolicyCharacters("{\t\r\n \u00ff}")).isTrue();
        assertThat(PolicyParser.hasOnlyPolicyCharacters("\u0100")).isFalse();
        assertThat(PolicyParser.hasOnlyPolicyCharacters("\u0001")).isFalse();
        assertThat(PolicyParser.hasOnlyPolicyCharacters("")).isFalse();
        assertThat(PolicyParser.parse(null, PolicyKind.INLINE)).isEqualTo(invalid("Syntax errors in policy."));
    }

    /** AWS refuses a region in bucket ARNs but writes one in its own policies' access point and grant ARNs. */
    @Test
    void s3ArnsOfAccountResourcesMayNameARegion() {
        String bucket = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:us-east-1::example_bucket\"}}";
        String grants = bucket.replace("arn:aws:s3:us-east-1::example_bucket", "arn:aws:s3:*:*:access-grants/default/*");
        assertThat(PolicyParser.parse(bucket, PolicyKind.MANAGED)).isInstanceOf(ParseResult.Invalid.class);
        assertThat(PolicyParser.parse(grants, PolicyKind.MANAGED)).isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void wildcardVendorsAreRejected() {
        assertThat(parse(IDENTITY.replace("s3:GetObject", "s3*:GetObject"), PolicyKind.INLINE))
                .isEqualTo(invalid("Vendor s3* is not valid"));
    }

    @Test
    void buildsTheAst() {
        String json = """
                {
                  "Version": "2012-10-17",
                  "Id": "doc",
                  "Statement": [
                    {"Sid": "One", "Effect": "Allow", "Action": "s3:Get*", "Resource": ["arn:aws:s3:::b/*"],
                     "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true}}},
                    {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "*"}
                  ]
                }""";
        PolicyDocument document = Policies.parse(json);
        assertThat(document.id()).contains("doc");
        assertThat(document.version()).isEqualTo(PolicyVersion.V2012_10_17);
        Statement first = document.statements().getFirst();
        assertThat(first.index()).isZero();
        assertThat(first.sid()).contains("One");
        assertThat(first.effect()).isEqualTo(Effect.ALLOW);
        assertThat(first.action()).isEqualTo(ActionElement.action(List.of("s3:Get*")));
        assertThat(first.resource().orElseThrow().patterns()).containsExactly("arn:aws:s3:::b/*");
        assertThat(first.conditions()).extracting(c -> c.operator().text(), ConditionClause::key,
                        ConditionClause::values)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NumericLessThan", "s3:max-keys", List.of("10")),
                        org.assertj.core.groups.Tuple.tuple("Bool", "aws:SecureTransport", List.of("true")));
        Statement second = document.statements().get(1);
        assertThat(second.sid()).isEqualTo(Optional.empty());
        assertThat(second.action().negated()).isTrue();
        assertThat(second.resource().orElseThrow().negated()).isTrue();
        assertThat(first.start()).isEqualTo(new SourcePosition(5, 5));
        assertThat(first.end()).isEqualTo(new SourcePosition(6, 99));
        assertThat(second.start()).isEqualTo(new SourcePosition(7, 5));
        assertThat(second.end()).isEqualTo(new SourcePosition(7, 67));
    }

    @Test
    void singleStatementObjectHasPositionsToo() {
        Statement only = Policies.parse(IDENTITY).statements().getFirst();
        assertThat(only.start()).isEqualTo(new SourcePosition(1, 37));
        assertThat(only.end()).isEqualTo(new SourcePosition(1, IDENTITY.length()));
    }

    @Test
    void sizeCountsEverythingButWhitespaceBetweenTokens() {
        PolicyDocument compact = Policies.parse(IDENTITY);
        assertThat(compact.nonWhitespaceLength()).isEqualTo(IDENTITY.length());
        String spaced = IDENTITY.replace(",", " ,\n\t ").replace("\":", "\" :\r\n ");
        assertThat(Policies.parse(spaced).nonWhitespaceLength()).isEqualTo(IDENTITY.length());
        String withSpacesInStrings = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"iam: a b \\\" c\", \"Resource\": \"*\"}}";
        assertThat(Policies.parse(withSpacesInStrings).nonWhitespaceLength())
                .isEqualTo(withSpacesInStrings.replace(" ", "").length() + 4);
    }
}
