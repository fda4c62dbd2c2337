package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A bucket the store held before the gateway: unknown to the registry it is NoSuchBucket and cannot be claimed by
 * CreateBucket; `lanyard s3 map-bucket` gives it to its account, and the gateway serves it from then on.
 */
class S3GatewayMigrationTest {
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String code(Throwable e) {
        return ((S3Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void anExistingBucketIsServedOnceMappedToItsAccount() {
        try (S3Client direct = S3Client.builder().endpointOverride(gateway.backend.endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        gateway.backend.accessKeyId, gateway.backend.secretAccessKey))).build()) {
            direct.createBucket(r -> r.bucket("legacy-logs"));
            direct.putObject(r -> r.bucket("legacy-logs").key("2025/app.log"), RequestBody.fromString("old line"));
        }
        Credentials role = gateway.assumeRole("legacy-reader", allow("legacy-logs", "s3:*"));
        S3Client s3 = S3GatewaySdkTestClients.s3(gateway, role);
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("legacy-logs").key("2025/app.log")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchBucket"));
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("legacy-logs")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("BucketAlreadyExists"));

        String dataDir = gateway.server.dataDirectory.toString();
        gateway.server.restart(() -> {
            CliRunner.Result mapped = CliRunner.run("s3", "map-bucket", "--data-dir", dataDir, "--bucket",
                    "legacy-logs", "--account", gateway.account);
            assertThat(mapped.exitCode()).as(mapped.output()).isZero();
            assertThat(CliRunner.run("s3", "buckets", "--data-dir", dataDir).output())
                    .contains("legacy-logs\t" + gateway.account);
            assertThat(CliRunner.run("s3", "map-bucket", "--data-dir", dataDir, "--bucket", "legacy-logs",
                    "--account", "999999999999").exitCode()).isNotZero();
        });

        S3Client after = S3GatewaySdkTestClients.s3(gateway, role);
        assertThat(after.getObjectAsBytes(r -> r.bucket("legacy-logs").key("2025/app.log")).asUtf8String())
                .isEqualTo("old line");
        assertThat(after.listBuckets().buckets()).extracting(b -> b.name()).contains("legacy-logs");
        assertThat(URI.create(gateway.s3Endpoint()).getPort()).isPositive();
    }
}
