package dev.lanyard.saml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion.RolePair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsAttributesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:saml-provider/P|arn:aws:iam::123456789012:role/R",
        "arn:aws:iam::123456789012:saml-provider/P,arn:aws:iam::123456789012:role/R|arn:aws:iam::123456789012:role/R",
        "arn:aws-cn:iam::123456789012:role/a/b/R , arn:aws-cn:iam::123456789012:saml-provider/P"
                + "|arn:aws-cn:iam::123456789012:role/a/b/R"
    })
    void readsPairsInEitherOrder(String value, String role) {
        assertThat(AwsAttributes.rolePair(value)).map(RolePair::roleArn).contains(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "arn:aws:iam::123456789012:role/R", "arn:aws:iam::123456789012:role/R,",
        "arn:aws:iam::123456789012:role/,arn:aws:iam::123456789012:saml-provider/P",
        "arn:aws:iam:us-east-1:123456789012:role/R,arn:aws:iam::123456789012:saml-provider/P",
        "arn:aws:iam::12345678901:role/R,arn:aws:iam::123456789012:saml-provider/P",
        "arn:aws:iam::123456789012:user/R,arn:aws:iam::123456789012:saml-provider/P",
        "arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:oidc-provider/P",
        "arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:saml-provider/P,x"})
    void refusesAnythingElse(String value) {
        assertThat(AwsAttributes.rolePair(value)).isEmpty();
    }
}
