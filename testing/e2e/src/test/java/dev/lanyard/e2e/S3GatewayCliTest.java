package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static dev.lanyard.e2e.GatewayFixture.aws;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The AWS CLI (`aws s3`, `aws s3api`) through the gateway onto s3proxy, with credentials from AssumeRole. */
class S3GatewayCliTest {
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static ExternalProcess.Result ok(ExternalProcess.Result result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void cpLsAndRmRoundTripWithAssumedRoleCredentials(@TempDir Path dir) throws IOException {
        Credentials writer = gateway.assumeRole("cli-writer", allow("cli-bucket", "s3:*"));
        Map<String, String> env = gateway.cliEnv(writer);
        ok(aws(env, "s3", "mb", "s3://cli-bucket"));
        Path small = Files.write(dir.resolve("small.txt"), "hello through the gateway\n".getBytes());
        // Above the CLI's 8 MiB threshold: a multipart upload, every part authorized as s3:PutObject.
        Path large = Files.write(dir.resolve("large.bin"), randomBytes(9 * 1024 * 1024 + 17, 7));
        ok(aws(env, "s3", "cp", small.toString(), "s3://cli-bucket/docs/small.txt"));
        ok(aws(env, "s3", "cp", large.toString(), "s3://cli-bucket/large.bin"));

        String listing = ok(aws(env, "s3", "ls", "--recursive", "s3://cli-bucket")).stdout();
        assertThat(listing).contains("docs/small.txt", "large.bin");
        assertThat(ok(aws(env, "s3", "ls")).stdout()).contains("cli-bucket");

        Path back = dir.resolve("back.bin");
        ok(aws(env, "s3", "cp", "s3://cli-bucket/large.bin", back.toString()));
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(large));
        assertThat(gateway.backend.storage.resolve("cli-bucket/large.bin")).exists();

        ok(aws(env, "s3", "rm", "s3://cli-bucket/docs/small.txt"));
        assertThat(ok(aws(env, "s3", "ls", "--recursive", "s3://cli-bucket")).stdout())
                .doesNotContain("docs/small.txt");
    }

    @Test
    void aRoleWithoutPutObjectIsRefusedAndNothingReachesTheBackend(@TempDir Path dir) throws IOException {
        Credentials owner = gateway.assumeRole("cli-owner", allow("cli-readonly", "s3:*"));
        ok(aws(gateway.cliEnv(owner), "s3", "mb", "s3://cli-readonly"));
        Credentials reader = gateway.assumeRole("cli-reader", allow("cli-readonly", "s3:GetObject",
                "s3:ListBucket"));
        Path file = Files.write(dir.resolve("f.txt"), "no".getBytes());
        ExternalProcess.Result refused = aws(gateway.cliEnv(reader), "s3", "cp", file.toString(),
                "s3://cli-readonly/f.txt");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("AccessDenied");
        assertThat(gateway.backend.storage.resolve("cli-readonly/f.txt")).doesNotExist();
    }
}
