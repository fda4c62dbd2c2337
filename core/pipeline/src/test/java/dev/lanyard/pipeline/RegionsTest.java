package dev.lanyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which regions are served, which scope is the global endpoint, and where a v1 token is valid. */
class RegionsTest {
    private final Regions regions = Regions.of("home", List.of("ap-east-1", "eu-west-2"));

    @Test
    void theHomeTheGlobalAndTheEnabledRegionsAreServed() {
        assertThat(List.of("home", "us-east-1", "aws-global", "ap-east-1", "eu-west-2")).allMatch(regions::serves);
        assertThat(regions.serves("eu-west-1")).isFalse();
        assertThat(regions.serves("")).isFalse();
    }

    @Test
    void onlyAwsGlobalIsTheGlobalEndpointAndItStandsForUsEast1() {
        assertThat(regions.globalEndpoint("aws-global")).isTrue();
        assertThat(regions.globalEndpoint("us-east-1")).isFalse();
        assertThat(regions.globalEndpoint("home")).isFalse();
        assertThat(regions.requested("aws-global")).isEqualTo("us-east-1");
        assertThat(regions.requested("ap-east-1")).isEqualTo("ap-east-1");
    }

    @Test
    void aV1TokenIsValidInAwsDefaultRegionsAndTheHomeRegionOnly() {
        assertThat(List.of("home", "aws-global", "us-east-1", "eu-west-2", "sa-east-1", "ap-northeast-3"))
                .allMatch(regions::enabledByDefault);
        assertThat(List.of("ap-east-1", "af-south-1", "me-south-1", "eu-south-1", "il-central-1"))
                .noneMatch(regions::enabledByDefault);
    }

    @Test
    void enabledRegionsMustBeRegionNames() {
        assertThat(Regions.isRegionName("ap-southeast-5")).isTrue();
        assertThat(Regions.isRegionName("us-gov-west-1")).isTrue();
        assertThat(List.of("eu_west_2", "EU-WEST-2", "nowhere", "aws-global", "eu-west-")).noneMatch(
                Regions::isRegionName);
        assertThatThrownBy(() -> Regions.of("us-east-1", List.of("eu_west_2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eu_west_2");
    }
}
