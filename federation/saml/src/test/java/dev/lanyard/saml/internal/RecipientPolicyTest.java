package dev.lanyard.saml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientPolicyTest {
    private final RecipientPolicy aws = new RecipientPolicy(List.of("https://signin.aws.amazon.com/saml"), true);

    @ParameterizedTest
    @ValueSource(strings = {"https://signin.aws.amazon.com/saml", "https://us-east-1.signin.aws.amazon.com/saml",
        "https://ap-southeast-4.signin.aws.amazon.com/saml", "https://us-gov-west-1.signin.aws.amazon.com/saml"})
    void acceptsAwsEndpoints(String url) {
        assertThat(aws.accepts(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://signin.aws.amazon.com/saml/", "http://signin.aws.amazon.com/saml",
        "https://.signin.aws.amazon.com/saml", "https://evil.com/x.signin.aws.amazon.com/saml",
        "https://evil.com?.signin.aws.amazon.com/saml", "https://EU-WEST-1.signin.aws.amazon.com/saml",
        "https://a.b.signin.aws.amazon.com/saml", "https://signin.aws.amazon.com.evil.com/saml", "",
        "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.signin.aws.amazon.com/saml"})
    void refusesLookalikes(String url) {
        assertThat(aws.accepts(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://eu-west-1.signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml"})
    void exactListOnlyWhenRegionalIsOff(String url) {
        RecipientPolicy own = new RecipientPolicy(List.of("https://lanyard.example/saml"), false);

        assertThat(own.accepts(url)).isFalse();
        assertThat(own.accepts("https://lanyard.example/saml")).isTrue();
    }
}
