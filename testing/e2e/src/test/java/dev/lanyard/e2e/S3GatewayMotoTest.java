package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static dev.lanyard.e2e.GatewayFixture.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The gateway in front of a second S3 implementation, moto's: the AWS CLI's flow, and s3:ExistingObjectTag conditions,
 * which need the store's GetObjectTagging (s3proxy's filesystem store does not implement it, so a policy naming an
 * existing tag is an InternalError there, never an allow).
 */
class S3GatewayMotoTest {
    private static MotoServer moto;
    private static TestServer server;
    private static IamClient rootIam;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        try {
            BackendCredentials credentials = new BackendCredentials(moto.accessKeyId,
                    SecretAccessKey.of(moto.secretAccessKey));
            server = TestServer.start(Clock.systemUTC(), config -> config.withS3Gateway(Optional.of(
                    S3GatewayConfig.of("127.0.0.1", 0, moto.endpoint, credentials, List.of()))));
            rootIam = Clients.iam(server, Clients.root(server));
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            server.close();
        } finally {
            moto.close();
        }
    }

    /** A role of the test account with {@code policy} inline, assumed by the account root's user-less trust. */
    private static Credentials assumeRole(String name, String policy) {
        rootIam.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + server.accountId() + "\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}"));
        rootIam.putRolePolicy(r -> r.roleName(name).policyName("s3").policyDocument(policy));
        rootIam.createUser(r -> r.userName(name + "-user"));
        rootIam.putUserPolicy(r -> r.userName(name + "-user").policyName("assume").policyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":"
                + "\"*\"}]}"));
        var key = rootIam.createAccessKey(r -> r.userName(name + "-user")).accessKey();
        return Clients.sts(server, Clients.basic(key.accessKeyId(), key.secretAccessKey())).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + server.accountId() + ":role/" + name).roleSessionName(name))
                .credentials();
    }

    private static S3Client s3(Credentials credentials) {
        return S3Client.builder().endpointOverride(java.net.URI.create(server.s3Endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        Clients.session(credentials)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())).build();
    }

    private static Map<String, String> cliEnv(Credentials credentials) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", server.s3Endpoint());
        env.put("AWS_CONFIG_FILE", "/nonexistent-lanyard-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent-lanyard-credentials");
        env.put("AWS_MAX_ATTEMPTS", "1");
        return env;
    }

    private static ExternalProcess.Result ok(ExternalProcess.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    @Test
    void theCliFlowOnMoto(@TempDir Path dir) throws IOException {
        Map<String, String> writer = cliEnv(assumeRole("moto-cli-writer", allow("moto-cli", "s3:*")));
        ok(aws(writer, "s3", "mb", "s3://moto-cli"));
        Path file = Files.writeString(dir.resolve("note.txt"), "through the gateway onto moto\n");
        ok(aws(writer, "s3", "cp", file.toString(), "s3://moto-cli/docs/note.txt"));
        assertThat(ok(aws(writer, "s3", "ls", "--recursive", "s3://moto-cli")).stdout()).contains("docs/note.txt");
        Path back = dir.resolve("back.txt");
        ok(aws(writer, "s3", "cp", "s3://moto-cli/docs/note.txt", back.toString()));
        assertThat(Files.readString(back)).isEqualTo("through the gateway onto moto\n");

        Map<String, String> reader = cliEnv(assumeRole("moto-cli-reader", allow("moto-cli", "s3:GetObject",
                "s3:ListBucket")));
        ExternalProcess.Result refused = aws(reader, "s3", "cp", file.toString(), "s3://moto-cli/docs/other.txt");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("AccessDenied");
    }

    /**
     * s3:ExistingObjectTag/<key> is the object's tag as the store holds it: a reader limited to objects tagged public
     * reads those and no others, and a retagged object changes sides.
     */
    @Test
    void existingObjectTagConditionsReadTheObjectsTagsFromTheStore() {
        try (S3Client owner = s3(assumeRole("moto-tags-owner", allow("moto-tags", "s3:*")));
                S3Client reader = s3(assumeRole("moto-tags-reader", "{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::moto-tags/*\","
                        + "\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"public\"}}}]}"))) {
            owner.createBucket(r -> r.bucket("moto-tags"));
            owner.putObject(r -> r.bucket("moto-tags").key("brochure.pdf").tagging("classification=public&team=web"),
                    RequestBody.fromString("for everyone"));
            owner.putObject(r -> r.bucket("moto-tags").key("payroll.csv").tagging("classification=secret"),
                    RequestBody.fromString("for nobody"));
            owner.putObject(r -> r.bucket("moto-tags").key("untagged.txt"), RequestBody.fromString("no tags"));

            assertThat(reader.getObjectAsBytes(r -> r.bucket("moto-tags").key("brochure.pdf")).asUtf8String())
                    .isEqualTo("for everyone");
            for (String refused : List.of("payroll.csv", "untagged.txt")) {
                assertThatThrownBy(() -> reader.getObjectAsBytes(r -> r.bucket("moto-tags").key(refused)))
                        .isInstanceOfSatisfying(S3Exception.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            owner.putObjectTagging(r -> r.bucket("moto-tags").key("payroll.csv").tagging(t -> t.tagSet(
                    Tag.builder().key("classification").value("public").build())));
            assertThat(reader.getObjectAsBytes(r -> r.bucket("moto-tags").key("payroll.csv")).asUtf8String())
                    .isEqualTo("for nobody");
        }
    }
}
