package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.store.testing.PostgresServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Two nodes on one PostgreSQL, each with the S3 gateway in front of the same s3proxy: a bucket policy put through node
 * A is enforced by node B once B's registry reloads from the shared store (a deny takes effect, removing the policy
 * gives the access back), as behind a load balancer that sends the owner and the reader to different nodes.
 */
class ClusterBucketPolicyTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static PostgresServer postgres;
    private static S3Proxy backend;
    private static LanyardServer nodeA;
    private static LanyardServer nodeB;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        backend = S3Proxy.start();
        Nodes nodes = new Nodes(postgres);
        nodeA = LanyardServer.start(withGateway(nodes.config("a", Duration.ofDays(1), Duration.ofMinutes(1))));
        nodeB = LanyardServer.start(withGateway(nodes.config("b", Duration.ofDays(1), Duration.ofMinutes(1))));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable each : new AutoCloseable[] {nodeB, nodeA, backend, postgres}) {
            try {
                if (each != null) {
                    each.close();
                }
            } catch (Exception e) {
                // the others are still closed
            }
        }
    }

    private static LanyardConfig withGateway(LanyardConfig config) {
        BackendCredentials credentials = new BackendCredentials(backend.accessKeyId,
                SecretAccessKey.of(backend.secretAccessKey));
        return config.withS3Gateway(Optional.of(S3GatewayConfig.of("127.0.0.1", 0, backend.endpoint, credentials,
                List.of(GatewayFixture.DOMAIN))));
    }

    @Test
    void aBucketPolicyPutThroughNodeAIsEnforcedByNodeB() {
        List<String> root = Nodes.rootCredentials(nodeA);
        String account = nodeA.managementAccountId();
        IamClient iam = Clients.iam(nodeA.endpointUrl(), Clients.basic(root.get(0), root.get(1)));
        AwsCredentials owner = user(iam, "owner", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        AwsCredentials reader = user(iam, "reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cluster-shared/*\"}]}");
        S3Client ownerOnA = s3(nodeA, owner);
        S3Client readerOnB = s3(nodeB, reader);
        ownerOnA.createBucket(r -> r.bucket("cluster-shared"));
        ownerOnA.putObject(r -> r.bucket("cluster-shared").key("k"), RequestBody.fromString("v"));
        await(() -> status(readerOnB) == 200, "node B lets the reader read before any bucket policy");

        ownerOnA.putBucketPolicy(r -> r.bucket("cluster-shared").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/reader\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cluster-shared/*\"}]}"));
        await(() -> status(readerOnB) == 403, "node B refuses the reader under node A's deny");
        assertThat(status(s3(nodeA, reader))).as("node A too").isEqualTo(403);

        ownerOnA.deleteBucketPolicy(r -> r.bucket("cluster-shared"));
        await(() -> status(readerOnB) == 200, "node B lets the reader read again once the policy is gone");
    }

    private static AwsCredentials user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("s3").policyDocument(policy));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    /** GetObject's HTTP status (200, or the refusal's). */
    private static int status(S3Client client) {
        try {
            client.getObjectAsBytes(r -> r.bucket("cluster-shared").key("k"));
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private static S3Client s3(LanyardServer node, AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(URI.create(node.s3EndpointUrl().orElseThrow()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + PROPAGATION).isLessThan(deadline);
            ServeProcess.sleep(Duration.ofMillis(200));
        }
    }
}
