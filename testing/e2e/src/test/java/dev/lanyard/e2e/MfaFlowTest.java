package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Virtual MFA through the AWS CLI, with codes from oathtool (an independent TOTP implementation): enable with two
 * consecutive codes, MFA-backed sessions, policies that require MFA, replay refused.
 */
class MfaFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The server's clock stands still at the test's start, so the codes computed for it stay valid however slowly a
     * loaded machine runs the clients (signatures allow 15 minutes of skew).
     */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private static String oathtool(String seed, long epochSeconds) {
        ExternalProcess.Result result = ExternalProcess.run(List.of("oathtool", "--totp", "-b", "-N",
                "@" + epochSeconds, seed), Map.of());
        assertThat(result.exitCode()).as("oathtool (apt-get install oathtool): " + result.stderr()).isZero();
        return result.stdout().trim();
    }

    @Test
    void aUserHoldsAtMostEightMfaDevices() {
        try (TestServer server = TestServer.start(clock)) {
            var iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("collector"));
            long now = clock.instant().getEpochSecond();
            for (int i = 0; i < 9; i++) {
                String name = "device-" + i;
                var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
                String seed = device.base32StringSeed().asUtf8String();
                Runnable enable = () -> iam.enableMFADevice(r -> r.userName("collector")
                        .serialNumber(device.serialNumber()).authenticationCode1(oathtool(seed, now - 30))
                        .authenticationCode2(oathtool(seed, now)));
                if (i < 8) {
                    enable.run();
                } else {
                    assertThatThrownBy(enable::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot exceed quota for MFADevicesPerUser: 8");
                    });
                }
            }
            assertThat(iam.listMFADevices(r -> r.userName("collector")).mfaDevices()).hasSize(8);
        }
    }

    /**
     * The account root user has no MFA device here (AWS assigns one to root only through the console): EnableMFADevice
     * names an IAM user, and GetSessionToken by root with a serial number is refused as for any unassociated device,
     * even one enabled for a user and a code that is valid for it. See docs/adr/0007-root-user-mfa.md.
     */
    @Test
    void theRootUserHasNoMfaDevice() {
        try (TestServer server = TestServer.start(clock)) {
            var iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("holder"));
            var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("shared")).virtualMFADevice();
            String serial = device.serialNumber();
            String seed = device.base32StringSeed().asUtf8String();
            long now = clock.instant().getEpochSecond();
            assertThatThrownBy(() -> iam.enableMFADevice(r -> r.serialNumber(serial)
                    .authenticationCode1(oathtool(seed, now - 30)).authenticationCode2(oathtool(seed, now))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The request must contain the parameter UserName");
                    });
            iam.enableMFADevice(r -> r.userName("holder").serialNumber(serial)
                    .authenticationCode1(oathtool(seed, now - 30)).authenticationCode2(oathtool(seed, now)));

            var sts = Clients.sts(server, Clients.root(server));
            String code = oathtool(seed, now + 30);
            String rootDevice = "arn:aws:iam::" + server.accountId() + ":mfa/root-account-mfa-device";
            for (String number : List.of(serial, rootDevice)) {
                assertThatThrownBy(() -> sts.getSessionToken(r -> r.serialNumber(number).tokenCode(code)))
                        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("MultiFactorAuthentication failed,"
                                    + " unable to validate MFA code.  Please verify your MFA serial number is valid and"
                                    + " associated with this user.");
                        });
            }
            var session = sts.getSessionToken().credentials();
            assertThat(java.time.Duration.between(clock.instant(), session.expiration())).isLessThanOrEqualTo(
                    java.time.Duration.ofHours(1));

            // The AWS CLI refuses the call before sending it, as it does against AWS.
            Map<String, String> rootEnv = Map.of("AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard");
            ExternalProcess.Result cli = awsRaw(rootEnv, "iam", "enable-mfa-device", "--serial-number", serial,
                    "--authentication-code1", "123456", "--authentication-code2", "654321");
            assertThat(cli.exitCode()).isNotZero();
            assertThat(cli.stderr()).contains("the following arguments are required: --user-name");
        }
    }

    @Test
    void virtualDevicesCarryTags() {
        try (TestServer server = TestServer.start(clock)) {
            var iam = Clients.iam(server, Clients.root(server));
            String serial = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("tagged")).virtualMFADevice()
                    .serialNumber();
            iam.tagMFADevice(r -> r.serialNumber(serial).tags(t -> t.key("team").value("a"), t -> t.key("env")
                    .value("prod")));
            iam.tagMFADevice(r -> r.serialNumber(serial).tags(t -> t.key("TEAM").value("b")));
            iam.untagMFADevice(r -> r.serialNumber(serial).tagKeys("env"));
            // MFA device tag keys are case-sensitive (unlike users' and roles'): TEAM is a second key.
            assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=a", "TEAM=b");
            String missing = serial + "-missing";
            assertThatThrownBy(() -> iam.listMFADeviceTags(r -> r.serialNumber(missing)))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
        }
    }

    @Test
    void mfaSignInThroughTheCli(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(clock)) {
            String account = server.accountId();
            Map<String, String> rootEnv = Map.of("AWS_CONFIG_FILE", server.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(), "AWS_PROFILE", "lanyard");
            aws(rootEnv, "iam", "create-user", "--user-name", "mfa-user");
            aws(rootEnv, "iam", "put-user-policy", "--user-name", "mfa-user", "--policy-name", "needs-mfa",
                    "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":"
                            + "\"true\"}}},{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
            aws(rootEnv, "iam", "create-role", "--role-name", "mfa-role", "--assume-role-policy-document",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                            + account + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":"
                            + "{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}");
            JsonNode key = aws(rootEnv, "iam", "create-access-key", "--user-name", "mfa-user").get("AccessKey");

            Path seedFile = dir.resolve("seed.txt");
            Path qrFile = dir.resolve("qr.png");
            String serial = aws(rootEnv, "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "phone",
                    "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed")
                    .get("VirtualMFADevice").get("SerialNumber").asText();
            aws(rootEnv, "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "phone2",
                    "--outfile", qrFile.toString(), "--bootstrap-method", "QRCodePNG");
            assertThat(serial).isEqualTo("arn:aws:iam::" + account + ":mfa/phone");
            byte[] png = Files.readAllBytes(qrFile);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            String seed = Files.readString(seedFile).trim();
            assertThat(seed).matches("[A-Z2-7]{32}");

            // The device is enabled with the two codes before the current one.
            long now = clock.instant().getEpochSecond();
            ExternalProcess.Result wrong = awsRaw(rootEnv, "iam", "enable-mfa-device", "--user-name", "mfa-user",
                    "--serial-number", serial, "--authentication-code1", "000000", "--authentication-code2", "000001");
            assertThat(wrong.stderr()).contains("(InvalidAuthenticationCode)");
            aws(rootEnv, "iam", "enable-mfa-device", "--user-name", "mfa-user", "--serial-number", serial,
                    "--authentication-code1", oathtool(seed, now - 60), "--authentication-code2", oathtool(seed, now - 30));
            assertThat(aws(rootEnv, "iam", "list-mfa-devices", "--user-name", "mfa-user").get("MFADevices"))
                    .hasSize(1);

            Map<String, String> userEnv = keyEnv(server, key);
            assertThat(awsRaw(userEnv, "iam", "list-users").stderr()).contains("(AccessDenied)");
            String code = oathtool(seed, clock.instant().getEpochSecond());
            JsonNode session = aws(userEnv, "sts", "get-session-token", "--serial-number", serial,
                    "--token-code", code).get("Credentials");
            assertThat(aws(keyEnv(server, session), "iam", "list-users").get("Users")).isNotEmpty();

            ExternalProcess.Result replay = awsRaw(userEnv, "sts", "get-session-token", "--serial-number", serial,
                    "--token-code", code);
            assertThat(replay.stderr()).contains("(AccessDenied)").contains("MultiFactorAuthentication failed");

            String roleArn = "arn:aws:iam::" + account + ":role/mfa-role";
            assertThat(awsRaw(userEnv, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "nomfa")
                    .stderr()).contains("(AccessDenied)");
            String next = oathtool(seed, clock.instant().getEpochSecond() + 30);
            JsonNode assumed = aws(userEnv, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name",
                    "withmfa", "--serial-number", serial, "--token-code", next);
            assertThat(assumed.get("AssumedRoleUser").get("Arn").asText()).endsWith(":assumed-role/mfa-role/withmfa");

            // The device's clock drifts four minutes ahead: resynchronize with two of its codes, then sign in with it.
            long ahead = clock.instant().getEpochSecond() + 240;
            assertThat(awsRaw(rootEnv, "iam", "resync-mfa-device", "--user-name", "mfa-user", "--serial-number",
                    serial, "--authentication-code1", "123456", "--authentication-code2", "654321").stderr())
                    .contains("(InvalidAuthenticationCode)");
            aws(rootEnv, "iam", "resync-mfa-device", "--user-name", "mfa-user", "--serial-number", serial,
                    "--authentication-code1", oathtool(seed, ahead), "--authentication-code2", oathtool(seed, ahead + 30));
            JsonNode drifted = aws(userEnv, "sts", "get-session-token", "--serial-number", serial, "--token-code",
                    oathtool(seed, ahead + 60)).get("Credentials");
            assertThat(drifted.get("AccessKeyId").asText()).startsWith("ASIA");

            ExternalProcess.Result inUse = awsRaw(rootEnv, "iam", "delete-virtual-mfa-device", "--serial-number", serial);
            assertThat(inUse.stderr()).contains("(DeleteConflict)");
            aws(rootEnv, "iam", "deactivate-mfa-device", "--user-name", "mfa-user", "--serial-number", serial);
            aws(rootEnv, "iam", "delete-virtual-mfa-device", "--serial-number", serial);
            assertThat(aws(rootEnv, "iam", "list-virtual-mfa-devices").get("VirtualMFADevices")).hasSize(1);
        }
    }

    private static Map<String, String> keyEnv(TestServer server, JsonNode key) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText());
        env.put("AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText());
        if (key.has("SessionToken")) {
            env.put("AWS_SESSION_TOKEN", key.get("SessionToken").asText());
        }
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", server.endpoint());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        return env;
    }

    private static ExternalProcess.Result awsRaw(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, env);
    }

    private static JsonNode aws(Map<String, String> env, String... args) throws Exception {
        ExternalProcess.Result result = awsRaw(env, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }
}
