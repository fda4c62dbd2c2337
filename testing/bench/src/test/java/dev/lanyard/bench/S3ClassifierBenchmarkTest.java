package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.policy.Decision;
import dev.lanyard.policy.Outcome;
import dev.lanyard.s3.RequiredAuthorizations;
import dev.lanyard.s3.S3Authorization;
import dev.lanyard.s3.S3Classification;
import dev.lanyard.s3.S3Operation;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each benchmark measures the path it names: the operation and authorizations it claims, an Allow that allows. */
class S3ClassifierBenchmarkTest {
    private final S3ClassifierBenchmark benchmark = new S3ClassifierBenchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void getObjectIsOneGetObjectAuthorization() {
        S3Classification classification = benchmark.getObject();

        assertThat(classification.operation()).isEqualTo(S3Operation.GET_OBJECT);
        assertThat(actions(classification)).containsExactly("s3:GetObject arn:aws:s3:::team-bucket/reports/2026/q4.csv");
    }

    @Test
    void putObjectNeedsThreeActions() {
        assertThat(actions(benchmark.putObjectTaggedEncrypted())).containsExactly(
                "s3:PutObject arn:aws:s3:::team-bucket/reports/2026/q4.csv",
                "s3:PutObjectAcl arn:aws:s3:::team-bucket/reports/2026/q4.csv",
                "s3:PutObjectTagging arn:aws:s3:::team-bucket/reports/2026/q4.csv");
    }

    @Test
    void listObjectsV2CarriesTheListKeys() {
        S3Authorization authorization = all(benchmark.listObjectsV2()).getFirst();

        assertThat(authorization.action()).isEqualTo("s3:ListBucket");
        assertThat(authorization.keys().singleValue("s3:prefix")).contains("reports/2026/");
        assertThat(authorization.keys().singleValue("s3:max-keys")).contains("1000");
    }

    @Test
    void copyObjectAuthorizesBothEnds() {
        assertThat(actions(benchmark.copyObject())).containsExactly(
                "s3:PutObject arn:aws:s3:::team-bucket/reports/2026/q4-copy.csv",
                "s3:GetObjectVersion arn:aws:s3:::team-bucket/reports/2026/q3.csv");
    }

    @Test
    void deleteObjectsReadsAHundredKeys() {
        RequiredAuthorizations.EachEntry each =
                (RequiredAuthorizations.EachEntry) benchmark.deleteObjects100().required();

        assertThat(each.entries()).hasSize(100);
        assertThat(each.entries().getLast().authorizations().getFirst().resource())
                .isEqualTo("arn:aws:s3:::team-bucket/reports/2026/part-99.csv");
    }

    @Test
    void classifyAndDecideIsAllowedByTheConditionalStatement() {
        Decision decision = benchmark.getObjectClassifyAndDecide();

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(decision.determining()).singleElement()
                .satisfies(matched -> assertThat(matched.sid()).hasValue("ReadWriteReports"));
    }

    private static List<S3Authorization> all(S3Classification classification) {
        return ((RequiredAuthorizations.AllOf) classification.required()).authorizations();
    }

    private static List<String> actions(S3Classification classification) {
        return all(classification).stream().map(a -> a.action() + " " + a.resource()).toList();
    }
}
