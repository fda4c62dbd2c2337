package dev.lanyard.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationErrorsTest {

    @Test
    void singleErrorMatchesAwsWording() {
        AwsException e = ValidationErrors.single("roleSessionName", "x".repeat(65), ValidationErrors.lengthAtMost(64));
        assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value '" + "x".repeat(65)
                + "' at 'roleSessionName' failed to satisfy constraint: "
                + "Member must have length less than or equal to 64");
    }

    @Test
    void constraintTexts() {
        assertThat(ValidationErrors.lengthAtLeast(2)).isEqualTo("Member must have length greater than or equal to 2");
        assertThat(ValidationErrors.pattern("[\\w+=,.@-]*"))
                .isEqualTo("Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        assertThat(ValidationErrors.valueAtMost(43200)).isEqualTo("Member must have value less than or equal to 43200");
        assertThat(ValidationErrors.valueAtLeast(900)).isEqualTo("Member must have value greater than or equal to 900");
        assertThat(ValidationErrors.notNull()).isEqualTo("Member must not be null");
        assertThat(ValidationErrors.enumValueSet(List.of("Active", "Inactive")))
                .isEqualTo("Member must satisfy enum value set: [Active, Inactive]");
    }

    @Test
    void severalErrorsAreCountedAndJoinedWithSemicolons() {
        ValidationErrors.Collector errors = ValidationErrors.collector();
        assertThat(errors.isEmpty()).isTrue();
        assertThat(errors.toException()).isEmpty();
        errors.throwIfAny();

        errors.add("roleSessionName", "a b", ValidationErrors.pattern("[\\w+=,.@-]*"))
                .add("durationSeconds", "60", ValidationErrors.valueAtLeast(900))
                .addNull("roleArn", ValidationErrors.notNull())
                .addWithoutValue("tokenCode", ValidationErrors.lengthAtLeast(6));
        assertThat(errors.count()).isEqualTo(4);
        assertThat(errors.message()).contains("4 validation errors detected: "
                + "Value 'a b' at 'roleSessionName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@-]*; "
                + "Value '60' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 900; "
                + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
                + "Value at 'tokenCode' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 6");
        assertThat(errors.toException()).hasValueSatisfying(
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @ParameterizedTest
    @CsvSource({
        "RoleSessionName, roleSessionName",
        "Tags.member.1.Key, tags.1.member.key",
        "PolicyArns.member.12.arn, policyArns.12.member.arn",
        "TaskPolicyArn.arn, taskPolicyArn.arn",
        "Audience.member.3, audience.3.member",
        "A.member.x, a.member.x",
        "member, member"
    })
    void memberPaths(String wire, String path) {
        assertThat(ValidationErrors.memberPath(wire)).isEqualTo(path);
    }
}
