package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuthenticationFailure;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every reason the shared authentication refuses credentials is counted under its own metric reason, whichever front
 * end asked (a closed account's refusals once read as an unknown key on the S3 gateway).
 */
class CredentialRejectionTest {
    @Test
    void everyRejectionHasTheMetricReasonOfItsName() {
        for (CredentialRejection rejection : CredentialRejection.values()) {
            assertThat(rejection.metricReason()).isEqualTo(AuthenticationFailure.valueOf(rejection.name()));
        }
        assertThat(Arrays.stream(CredentialRejection.values()).map(CredentialRejection::metricReason).distinct())
                .hasSize(CredentialRejection.values().length);
    }
}
