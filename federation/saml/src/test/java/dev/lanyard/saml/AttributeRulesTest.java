package dev.lanyard.saml;

import static dev.lanyard.saml.Harness.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.ErrorCode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS's rules for the {@code https://aws.amazon.com/SAML/Attributes/*} attributes, with AWS's messages. */
class AttributeRulesTest {
    private static final String PREFIX = "https://aws.amazon.com/SAML/Attributes/";
    private static final String SESSION_NAME_RULE =
            "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}";
    private static final String SOURCE_IDENTITY_RULE =
            "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"";

    @TempDir
    static Path directory;
    static Harness harness;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
    }

    @Test
    void roleSessionNameIsRequired() {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(PREFIX + "RoleSessionName");

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "RoleSessionName is required in AuthnResponse", "role-session-name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice smith", "al/ice", "ålice",
        "x1234567890123456789012345678901234567890123456789012345678901234"})
    void roleSessionNameMustMatchAwsPattern(String name) {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(PREFIX + "RoleSessionName")
                .attribute(PREFIX + "RoleSessionName", name);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN, SESSION_NAME_RULE,
                "role-session-name");
    }

    @Test
    void roleSessionNameWithEveryAllowedCharacter() {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(PREFIX + "RoleSessionName")
                .attribute(PREFIX + "RoleSessionName", "Az_09+=,.@-" + "x".repeat(53));

        assertThat(harness.verify(harness.signed(response)).roleSessionName()).hasValueSatisfying(
                name -> assertThat(name).hasSize(64));
    }

    @Test
    void twoRoleSessionNamesAreRefused() {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(PREFIX + "RoleSessionName")
                .attribute(PREFIX + "RoleSessionName", "alice", "bob");

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN, SESSION_NAME_RULE,
                "role-session-name");
    }

    @ParameterizedTest
    @MethodSource("roleValues")
    void roleAttributeWithoutAnyValidPair(String[] values) {
        ResponseBuilder response = new ResponseBuilder().withoutAttribute(PREFIX + "Role");
        if (values.length > 0) {
            response.attribute(PREFIX + "Role", values);
        }

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Role is required in AuthnResponse", "role");
    }

    static Stream<Arguments> roleValues() {
        return Stream.of(
                Arguments.of((Object) new String[0]),
                Arguments.of((Object) new String[] {ResponseBuilder.ROLE_ARN}),
                Arguments.of((Object) new String[] {ResponseBuilder.ROLE_ARN + "," + ResponseBuilder.ROLE_ARN}),
                Arguments.of((Object) new String[] {"arn:aws:iam::123:role/X," + ResponseBuilder.PROVIDER_ARN}),
                Arguments.of((Object) new String[] {"arn:aws:sts::123456789012:role/X,"
                        + ResponseBuilder.PROVIDER_ARN}),
                Arguments.of((Object) new String[] {ResponseBuilder.ROLE_ARN + "," + ResponseBuilder.PROVIDER_ARN
                        + ",extra"}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"899", "43201", "3600s", "-900", "", "99999999999"})
    void sessionDurationOutOfRange(String value) {
        ResponseBuilder response = new ResponseBuilder().attribute(PREFIX + "SessionDuration", value);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "SessionDuration in AuthnResponse must be an integer between 900 and 43200", "session-duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "aws:alice", "alice smith", "al:ice"})
    void sourceIdentityMustMatchAwsPattern(String value) {
        ResponseBuilder response = new ResponseBuilder().attribute(PREFIX + "SourceIdentity", value);

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                SOURCE_IDENTITY_RULE, "source-identity");
    }

    @Test
    void principalTagKeysDifferingOnlyInCase() {
        ResponseBuilder response = new ResponseBuilder().attribute(PREFIX + "PrincipalTag:Project", "a")
                .attribute(PREFIX + "PrincipalTag:project", "b");

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_PARAMETER_VALUE,
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.", "session-tags");
    }

    @Test
    void multiValuedPrincipalTag() {
        ResponseBuilder response = new ResponseBuilder().attribute(PREFIX + "PrincipalTag:Project", "a", "b");

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "PrincipalTag in AuthnResponse is not valid", "session-tags");
    }

    @Test
    void structuredAndNilValuesAreSkippedForOtherAttributes() {
        ResponseBuilder response = new ResponseBuilder();
        response.extraAssertion = "<saml:AttributeStatement><saml:Attribute Name=\"urn:oid:1.3.6.1.4.1.5923.1.1.1.10\">"
                + "<saml:AttributeValue><saml:NameID>opaque</saml:NameID></saml:AttributeValue>"
                + "<saml:AttributeValue xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
                + "<saml:AttributeValue>plain</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>";

        assertThat(harness.verify(harness.signed(response)).attributes())
                .containsEntry("urn:oid:1.3.6.1.4.1.5923.1.1.1.10", java.util.List.of("plain"));
    }

    @Test
    void encryptedAttributeIsRefused() {
        ResponseBuilder response = new ResponseBuilder();
        response.extraAssertion = "<saml:AttributeStatement><saml:EncryptedAttribute/></saml:AttributeStatement>";

        assertRefused(harness.refusal(harness.signed(response)), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Attribute in AuthnResponse is not valid", "attributes");
    }
}
