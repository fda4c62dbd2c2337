package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuthenticationFailure;
import dev.lanyard.iam.spi.Observations;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whatever a front end hands in, only the finite label values come out. */
class MicrometerObservationsTest {
    private final MicrometerObservations metrics = new MicrometerObservations(() -> Set.of("sts:AssumeRole"));

    @Test
    void valuesOutsideTheirSetsAreCountedAsUnknownOrOther() {
        metrics.requestStarted(Observations.FrontEnd.S3).finished("my-bucket", "arn:aws:iam::123456789012:root",
                "AKIAZZZZZZZZZZZZZZZZ");
        metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole", "NotACode");
        metrics.requestStarted(Observations.FrontEnd.QUERY).finished("iam", "AssumeRole", "ok");
        String scraped = metrics.scrape();
        assertThat(scraped).contains("lanyard_requests_total{action=\"Unknown\",front_end=\"s3\",outcome=\"other\","
                + "service=\"other\"} 1.0", "lanyard_requests_total{action=\"AssumeRole\",front_end=\"query\","
                + "outcome=\"other\",service=\"sts\"} 1.0", "lanyard_requests_total{action=\"Unknown\","
                + "front_end=\"query\",outcome=\"ok\",service=\"iam\"} 1.0")
                .doesNotContain("my-bucket", "123456789012", "AKIA", "NotACode");
    }

    /** The meters an action finds again on later requests (remembered by name) count as the first time's. */
    @Test
    void repeatedRequestsCountInTheirOwnSeriesEveryTime() {
        for (int i = 0; i < 3; i++) {
            metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole", "ok");
            metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole" + i, "ok");
            metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole", "NotACode" + i);
        }
        metrics.requestStarted(Observations.FrontEnd.S3).finished("sts", "AssumeRole", "AccessDenied");
        assertThat(metrics.scrape()).contains(
                "lanyard_requests_total{action=\"AssumeRole\",front_end=\"query\",outcome=\"ok\",service=\"sts\"} 3.0",
                "lanyard_requests_total{action=\"Unknown\",front_end=\"query\",outcome=\"ok\",service=\"sts\"} 3.0",
                "lanyard_requests_total{action=\"AssumeRole\",front_end=\"query\",outcome=\"other\","
                        + "service=\"sts\"} 3.0",
                "lanyard_requests_total{action=\"AssumeRole\",front_end=\"s3\",outcome=\"AccessDenied\","
                        + "service=\"sts\"} 1.0",
                "lanyard_request_duration_seconds_count{action=\"AssumeRole\",front_end=\"query\",service=\"sts\"} 6",
                "lanyard_credentials_issued_total{operation=\"AssumeRole\"} 3.0")
                .doesNotContain("AssumeRole0", "NotACode");
    }

    @Test
    void credentialsIssuedCountOnlySuccessfulIssuingStsCalls() {
        metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole", "ok");
        metrics.requestStarted(Observations.FrontEnd.QUERY).finished("sts", "AssumeRole", "AccessDenied");
        assertThat(metrics.scrape()).contains("lanyard_credentials_issued_total{operation=\"AssumeRole\"} 1.0",
                "lanyard_credentials_issued_total{operation=\"GetSessionToken\"} 0.0");
    }

    /** Every reason and scope is a series from the start, at zero: dashboards and alerts need no first event. */
    @Test
    void everyReasonAndScopeIsThereFromTheStart() {
        String scraped = metrics.scrape();
        for (AuthenticationFailure reason : AuthenticationFailure.values()) {
            assertThat(scraped).contains("lanyard_authentication_failures_total{front_end=\"query\",reason=\""
                    + reason.name().toLowerCase(java.util.Locale.ROOT) + "\"} 0.0");
        }
        for (Observations.ThrottleScope scope : Observations.ThrottleScope.values()) {
            assertThat(scraped).contains("lanyard_throttled_requests_total{front_end=\"query\",scope=\""
                    + scope.name().toLowerCase(java.util.Locale.ROOT) + "\"} 0.0");
        }
    }
}
