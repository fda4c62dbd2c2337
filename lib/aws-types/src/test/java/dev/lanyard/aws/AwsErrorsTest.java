package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsErrorsTest {
    /** Every refused key or token reads alike, whatever the operator detail says (there were three spellings). */
    @Test
    void invalidClientTokenIdHasOneSpelling() {
        AwsException bare = AwsErrors.invalidClientTokenId();
        AwsException detailed = AwsErrors.invalidClientTokenId("a v1 token outside the default regions");

        assertThat(bare.errorCode()).isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertThat(bare.getMessage()).isEqualTo("The security token included in the request is invalid.")
                .isEqualTo(detailed.getMessage());
        assertThat(detailed.operatorDetail()).isEqualTo("a v1 token outside the default regions");
    }

    /** STS's scope sentences end with a space after the period (observed); the other services' do not. */
    @Test
    void credentialScopeSentencesEndAsEachServiceEndsThem() {
        assertThat(AwsErrors.regionOutOfScope("eu-west-9", true, "").getMessage())
                .isEqualTo("Credential should be scoped to a valid region, not 'eu-west-9'. ");
        assertThat(AwsErrors.regionOutOfScope("", false, "").getMessage())
                .isEqualTo("Credential should be scoped to a valid region.");
        assertThat(AwsErrors.serviceOutOfScope("iam", false, "signed for 'sts'").getMessage())
                .isEqualTo("Credential should be scoped to correct service: 'iam'.");
    }
}
