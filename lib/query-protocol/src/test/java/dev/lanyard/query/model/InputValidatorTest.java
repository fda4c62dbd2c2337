package dev.lanyard.query.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.query.QueryParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validator against answers AWS gave (IAM recorded 2025-2026 in LocalStack's AWS-validated snapshots, STS in
 * aws-recorded/sts-recorded.json). The model lines are those derive_models.py writes for the shapes concerned.
 */
class InputValidatorTest {
    private static final String MODEL = String.join("\n",
            "operation\tCreateOpenIDConnectProvider\tCreateOpenIDConnectProviderRequest\t-",
            "operation\tUpdateAccountPasswordPolicy\tUpdateAccountPasswordPolicyRequest\t-",
            "operation\tCreatePolicy\tCreatePolicyRequest\t-",
            "operation\tUntagPolicy\tUntagPolicyRequest\t-",
            "operation\tCreateRole\tCreateRoleRequest\t-",
            "operation\tAssumeRole\tAssumeRoleRequest\t-",
            "structure\tCreateOpenIDConnectProviderRequest\tUrl:OpenIDConnectProviderUrlType:required"
                    + "\tClientIDList:clientIDListType\tThumbprintList:thumbprintListType\tTags:tagListType",
            "structure\tUpdateAccountPasswordPolicyRequest\tMinimumPasswordLength:minimumPasswordLengthType"
                    + "\tRequireSymbols:booleanType\tRequireNumbers:booleanType"
                    + "\tRequireUppercaseCharacters:booleanType\tRequireLowercaseCharacters:booleanType"
                    + "\tAllowUsersToChangePassword:booleanType\tMaxPasswordAge:maxPasswordAgeType"
                    + "\tPasswordReusePrevention:passwordReusePreventionType\tHardExpiry:booleanType",
            "structure\tCreatePolicyRequest\tPolicyName:policyNameType:required\tPath:policyPathType"
                    + "\tPolicyDocument:policyDocumentType:required\tDescription:policyDescriptionType"
                    + "\tTags:tagListType",
            "structure\tUntagPolicyRequest\tPolicyArn:arnType:required\tTagKeys:tagKeyListType:required",
            "structure\tCreateRoleRequest\tPath:pathType\tRoleName:roleNameType:required"
                    + "\tStatus:statusType\tMaxSessionDuration:roleMaxSessionDurationType",
            "structure\tAssumeRoleRequest\tRoleArn:arnType:required\tRoleSessionName:roleSessionNameType:required"
                    + "\tTokenCode:tokenCodeType",
            "structure\tTag\tKey:tagKeyType:required\tValue:tagValueType:required",
            "list\tclientIDListType\tclientIDType\t-\t-",
            "list\tthumbprintListType\tthumbprintType\t-\t-",
            "list\ttagListType\tTag\t-\t50",
            "list\ttagKeyListType\ttagKeyType\t-\t50",
            "scalar\tstring\tOpenIDConnectProviderUrlType\t1\t255\t-\t-",
            "scalar\tstring\tclientIDType\t1\t255\t-\t-",
            "scalar\tstring\tthumbprintType\t40\t40\t-\t-",
            "scalar\tstring\ttagKeyType\t1\t128\t-\t[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
            "scalar\tstring\ttagValueType\t0\t256\t-\t[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
            "scalar\tinteger\tminimumPasswordLengthType\t6\t128\t-\t-",
            "scalar\tinteger\tmaxPasswordAgeType\t1\t1095\t-\t-",
            "scalar\tinteger\tpasswordReusePreventionType\t1\t24\t-\t-",
            "scalar\tboolean\tbooleanType\t-\t-\t-\t-",
            "scalar\tstring\tpolicyNameType\t1\t128\t-\t[\\w+=,.@-]+",
            "scalar\tstring\tpolicyPathType\t1\t512\t-\t((/[A-Za-z0-9\\.,\\+@=_-]+)*)/",
            "scalar\tstring\tpolicyDocumentType\t1\t131072\t-\t[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
            "scalar\tstring\tpolicyDescriptionType\t-\t1000\t-\t-",
            "scalar\tstring\tarnType\t20\t2048\t-\t-",
            "scalar\tstring\tpathType\t1\t512\t-\t(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
            "scalar\tstring\troleNameType\t1\t64\t-\t[\\w+=,.@-]+",
            "scalar\tstring\tstatusType\t-\t-\t-\t-\tActive\tInactive",
            "scalar\tinteger\troleMaxSessionDurationType\t3600\t43200\t-\t-",
            "scalar\tstring\troleSessionNameType\t2\t64\t-\t[\\w+=,.@-]*",
            "scalar\tstring\ttokenCodeType\t6\t6\tsensitive\t[\\d]*");

    private static final ServiceModel SERVICE = ServiceModel.parse(MODEL);
    private static final InputValidator IAM = new InputValidator(SERVICE, new ServiceStyle(false, false, Map.of(
            "[\\w+=,.@-]+", "The specified value for {member} is invalid. It must contain only alphanumeric"
                    + " characters and/or the following: +=,.@_-",
            "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)", "The specified value for {member} is invalid. It must"
                    + " begin and end with / and contain only alphanumeric characters and/or / characters."), true));
    private static final InputValidator STS = new InputValidator(SERVICE, new ServiceStyle(true, true, Map.of(),
            false));

    private static QueryParameters form(String form) {
        return QueryParameters.decode("", form.getBytes(UTF_8));
    }

    private static void assertValidationError(InputValidator validator, String operation, String form,
            String message) {
        assertThatThrownBy(() -> validator.validate(operation, form(form))).isInstanceOfSatisfying(AwsException.class,
                e -> {
                    org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void severalFailuresInAwsOrderForOidcProvider() {
        assertValidationError(IAM, "CreateOpenIDConnectProvider", "Url=" + "b".repeat(256)
                + "&ThumbprintList.member.1=" + "b".repeat(41) + "&ClientIDList.member.1=" + "b".repeat(256),
                "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: Member must"
                        + " satisfy constraint: [Member must have length less than or equal to 255, Member must have"
                        + " length greater than or equal to 1]; Value at 'thumbprintList' failed to satisfy"
                        + " constraint: Member must satisfy constraint: [Member must have length less than or equal"
                        + " to 40, Member must have length greater than or equal to 40]; Value at 'url' failed to"
                        + " satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void severalFailuresInAwsOrderForPasswordPolicy() {
        assertValidationError(IAM, "UpdateAccountPasswordPolicy",
                "MaxPasswordAge=1096&MinimumPasswordLength=129&PasswordReusePrevention=25",
                "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member"
                        + " must have value less than or equal to 128; Value at 'passwordReusePrevention' failed to"
                        + " satisfy constraint: Member must have value less than or equal to 24; Value at"
                        + " 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal"
                        + " to 1095");
    }

    @Test
    void tagRulesAtTheirListPaths() {
        String doc = "&PolicyName=p&PolicyDocument=%7B%7D";
        assertValidationError(IAM, "CreatePolicy", "Tags.member.1.Key=" + "k".repeat(129) + "&Tags.member.1.Value=v"
                + doc, "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint:"
                + " Member must have length less than or equal to 128");
        assertValidationError(IAM, "CreatePolicy", "Tags.member.1.Key=a%7Cb&Tags.member.1.Value=v" + doc,
                "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        assertValidationError(IAM, "CreatePolicy", "Tags.member.1.Key=k&Tags.member.1.Value=" + "v".repeat(257)
                + doc, "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint:"
                + " Member must have length less than or equal to 256");
        StringBuilder tags = new StringBuilder("PolicyName=p&PolicyDocument=%7B%7D");
        for (int i = 1; i <= 51; i++) {
            tags.append("&Tags.member.").append(i).append(".Key=k").append(i).append("&Tags.member.").append(i)
                    .append(".Value=v");
        }
        assertValidationError(IAM, "CreatePolicy", tags.toString(), "1 validation error detected: Value at 'tags'"
                + " failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void untagKeysAreCheckedAsAList() {
        String arn = "PolicyArn=arn:aws:iam::123456789012:policy/p";
        assertValidationError(IAM, "UntagPolicy", arn + "&TagKeys.member.1=" + "k".repeat(129),
                "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy"
                        + " constraint: [Member must have length less than or equal to 128, Member must have length"
                        + " greater than or equal to 1, Member must satisfy regular expression pattern:"
                        + " [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]");
        StringBuilder keys = new StringBuilder(arn);
        for (int i = 1; i <= 51; i++) {
            keys.append("&TagKeys.member.").append(i).append("=k").append(i);
        }
        assertValidationError(IAM, "UntagPolicy", keys.toString(), "1 validation error detected: Value at 'tagKeys'"
                + " failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void namesAndPathsInIamsOwnSentencesOnlyWhenTheModelConstraintsHold() {
        assertValidationError(IAM, "CreateRole", "RoleName=bad/name", "The specified value for roleName is invalid."
                + " It must contain only alphanumeric characters and/or the following: +=,.@_-");
        assertValidationError(IAM, "CreateRole", "RoleName=r&Path=bad", "The specified value for path is invalid. It"
                + " must begin and end with / and contain only alphanumeric characters and/or / characters.");
        assertValidationError(IAM, "CreateRole", "RoleName=bad/name&MaxSessionDuration=60",
                "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member"
                        + " must have value greater than or equal to 3600");
        assertValidationError(IAM, "CreateRole", "RoleName=" + "r".repeat(65), "1 validation error detected: Value"
                + " at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
        assertValidationError(IAM, "CreateRole", "RoleName=r&Status=Gone", "1 validation error detected: Value at"
                + " 'status' failed to satisfy constraint: Member must satisfy enum value set");
    }

    @Test
    void stsRepeatsTheValueButNotASensitiveOne() {
        String arn = "RoleArn=arn:aws:iam::123456789012:role/r";
        assertValidationError(STS, "AssumeRole", arn + "&RoleSessionName=Session1:2", "1 validation error detected:"
                + " Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: [\\w+=,.@-]*");
        assertValidationError(STS, "AssumeRole", arn + "&RoleSessionName=" + "s".repeat(65), "1 validation error"
                + " detected: Value '" + "s".repeat(65) + "' at 'roleSessionName' failed to satisfy constraint:"
                + " Member must have length less than or equal to 64");
        assertValidationError(STS, "AssumeRole", arn + "&RoleSessionName=s1&TokenCode=12", "1 validation error"
                + " detected: Value at 'tokenCode' failed to satisfy constraint: Member must have length greater than"
                + " or equal to 6");
    }

    @Test
    void validRequestsAndUnknownOperationsPass() {
        assertThatCode(() -> IAM.validate("CreateRole", form("RoleName=role%2B=,.@-_1&Path=/a/b/&MaxSessionDuration="
                + "3600&Status=Active"))).doesNotThrowAnyException();
        assertThatCode(() -> IAM.validate("CreatePolicy", form("PolicyName=p&PolicyDocument=%7B%7D&Tags.member.1.Key"
                + "=team%20a&Tags.member.1.Value="))).doesNotThrowAnyException();
        assertThatCode(() -> IAM.validate("NoSuchOperation", form("X=1"))).doesNotThrowAnyException();
        // A number that does not parse is the operation's to refuse, in its own words.
        assertThatCode(() -> IAM.validate("CreateRole", form("RoleName=r&MaxSessionDuration=soon")))
                .doesNotThrowAnyException();
    }
}
