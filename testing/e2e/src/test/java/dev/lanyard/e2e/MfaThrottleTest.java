package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Wrong MFA codes are throttled wherever a code is checked: five in a row for a device (or for a caller, over all its
 * devices) lock codes out, the right one included, and the lockout ends on the server's clock. Codes come from
 * oathtool, an independent TOTP implementation; the server runs on a clock the test moves, so nothing sleeps.
 */
class MfaThrottleTest {
    private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:AssumeRole\",\"iam:ListUsers\"],\"Resource\":\"*\"}]}";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(
            Instant.now().getEpochSecond() / 30 * 30 + 5));

    private static String oathtool(String seed, Instant at) {
        ExternalProcess.Result result = ExternalProcess.run(List.of("oathtool", "--totp", "-b", "-N",
                "@" + at.getEpochSecond(), seed), Map.of());
        assertThat(result.exitCode()).as("oathtool (apt-get install oathtool): " + result.stderr()).isZero();
        return result.stdout().trim();
    }

    /** A code that none of the steps around {@code at} would accept. */
    private static String wrongCode(String seed, Instant at) {
        Set<String> valid = Set.of(oathtool(seed, at.minusSeconds(30)), oathtool(seed, at),
                oathtool(seed, at.plusSeconds(30)));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    private record Device(String serial, String seed) {}

    /** A virtual device enabled for {@code user} with the codes of the two steps before the clock's. */
    private Device enabledDevice(IamClient root, String user, String name) {
        VirtualMFADevice created = root.createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
        String seed = created.base32StringSeed().asUtf8String();
        Instant now = clock.instant();
        root.enableMFADevice(r -> r.userName(user).serialNumber(created.serialNumber())
                .authenticationCode1(oathtool(seed, now.minusSeconds(60)))
                .authenticationCode2(oathtool(seed, now.minusSeconds(30))));
        return new Device(created.serialNumber(), seed);
    }

    private static AwsCredentials user(IamClient root, String name) {
        root.createUser(r -> r.userName(name));
        root.putUserPolicy(r -> r.userName(name).policyName("work").policyDocument(ALLOW));
        AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static void assertThrottled(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
            assertThat(e.isThrottlingException()).as("the SDK reads it as throttling").isTrue();
        });
    }

    private static void assertRefused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void wrongCodesLockTheDeviceOutForEveryCallThenTheLockoutEnds() {
        List<String> audit = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (audit) {
                    audit.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger auditLog = Logger.getLogger("dev.lanyard.audit");
        auditLog.addHandler(capture);
        try (TestServer server = TestServer.start(clock)) {
            IamClient root = Clients.iam(server, Clients.root(server), clock);
            AwsCredentials credentials = user(root, "guesser");
            Device device = enabledDevice(root, "guesser", "phone");
            String roleArn = root.createRole(r -> r.roleName("needs-mfa").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + server.accountId() + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":"
                    + "{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}")).role().arn();
            StsClient sts = Clients.sts(server, credentials, clock);
            String wrong = wrongCode(device.seed(), clock.instant());

            // Four wrong codes through AssumeRole and one through GetSessionToken: one count per device.
            for (int i = 0; i < 4; i++) {
                assertRefused(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session")
                        .serialNumber(device.serial()).tokenCode(wrong)), 403, "AccessDenied");
            }
            assertRefused(() -> sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(wrong)), 403,
                    "AccessDenied");
            String right = oathtool(device.seed(), clock.instant());
            assertThrottled(() -> sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(right)));
            assertThrottled(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session")
                    .serialNumber(device.serial()).tokenCode(right)));

            clock.advance(Duration.ofSeconds(59));
            String stillEarly = oathtool(device.seed(), clock.instant());
            assertThrottled(() -> sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(stillEarly)));

            // A minute after the fifth failure the right code works, and the count starts over.
            clock.advance(Duration.ofSeconds(1));
            String now = oathtool(device.seed(), clock.instant());
            var session = sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(now)).credentials();
            assertThat(Clients.iam(server, Clients.session(session), clock).listUsers().users()).isNotEmpty();
            clock.advance(Duration.ofSeconds(30));
            String wrongAgain = wrongCode(device.seed(), clock.instant());
            assertRefused(() -> sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(wrongAgain)), 403,
                    "AccessDenied");
            String next = oathtool(device.seed(), clock.instant());
            assertThat(sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session").serialNumber(device.serial())
                    .tokenCode(next)).assumedRoleUser().arn()).endsWith(":assumed-role/needs-mfa/session");
        } finally {
            auditLog.removeHandler(capture);
        }
        synchronized (audit) {
            assertThat(audit).anySatisfy(line -> assertThat(line).contains("action=sts:GetSessionToken")
                    .contains("outcome=Throttling").contains("user/guesser are refused unchecked until"));
            assertThat(audit).anySatisfy(line -> assertThat(line).contains("action=sts:GetSessionToken")
                    .contains("outcome=AccessDenied").contains("5 failed in a row for the device")
                    .contains("codes are now refused unchecked until"));
        }
    }

    @Test
    void aCallerWithSeveralDevicesGetsOneAllowance() {
        try (TestServer server = TestServer.start(clock)) {
            IamClient root = Clients.iam(server, Clients.root(server), clock);
            AwsCredentials credentials = user(root, "collector");
            Device first = enabledDevice(root, "collector", "first");
            Device second = enabledDevice(root, "collector", "second");
            StsClient sts = Clients.sts(server, credentials, clock);
            for (Device device : List.of(first, first, first, second, second)) {
                String wrong = wrongCode(device.seed(), clock.instant());
                assertRefused(() -> sts.getSessionToken(r -> r.serialNumber(device.serial()).tokenCode(wrong)), 403,
                        "AccessDenied");
            }
            String right = oathtool(second.seed(), clock.instant());
            assertThrottled(() -> sts.getSessionToken(r -> r.serialNumber(second.serial()).tokenCode(right)));
            clock.advance(Duration.ofMinutes(1));
            String later = oathtool(second.seed(), clock.instant());
            assertThat(sts.getSessionToken(r -> r.serialNumber(second.serial()).tokenCode(later)).credentials())
                    .isNotNull();
        }
    }

    @Test
    void enablingAndResynchronizingAreThrottledToo() {
        try (TestServer server = TestServer.start(clock)) {
            IamClient root = Clients.iam(server, Clients.root(server), clock);
            root.createUser(r -> r.userName("holder"));
            root.createUser(r -> r.userName("admin"));
            root.putUserPolicy(r -> r.userName("admin").policyName("mfa").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*MFADevice\","
                    + "\"Resource\":\"*\"}]}"));
            AccessKey key = root.createAccessKey(r -> r.userName("admin")).accessKey();
            IamClient admin = Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()), clock);
            VirtualMFADevice created = root.createVirtualMFADevice(r -> r.virtualMFADeviceName("token"))
                    .virtualMFADevice();
            String serial = created.serialNumber();
            String seed = created.base32StringSeed().asUtf8String();

            // Three wrong pairs from root and two from an administrator: neither caller is locked out, the device is.
            for (IamClient caller : List.of(root, root, root, admin, admin)) {
                assertRefused(() -> caller.enableMFADevice(r -> r.userName("holder").serialNumber(serial)
                        .authenticationCode1("000000").authenticationCode2("000001")), 403,
                        "InvalidAuthenticationCode");
            }
            Instant now = clock.instant();
            assertThrottled(() -> admin.enableMFADevice(r -> r.userName("holder").serialNumber(serial)
                    .authenticationCode1(oathtool(seed, now.minusSeconds(30)))
                    .authenticationCode2(oathtool(seed, now))));
            clock.advance(Duration.ofMinutes(1));
            Instant later = clock.instant();
            admin.enableMFADevice(r -> r.userName("holder").serialNumber(serial)
                    .authenticationCode1(oathtool(seed, later.minusSeconds(60)))
                    .authenticationCode2(oathtool(seed, later.minusSeconds(30))));

            // The accepted codes started the administrator and the device over; root is still three down.
            for (int i = 0; i < 5; i++) {
                assertRefused(() -> admin.resyncMFADevice(r -> r.userName("holder").serialNumber(serial)
                        .authenticationCode1("000000").authenticationCode2("000001")), 403,
                        "InvalidAuthenticationCode");
            }
            Instant ahead = clock.instant().plusSeconds(120);
            assertThrottled(() -> admin.resyncMFADevice(r -> r.userName("holder").serialNumber(serial)
                    .authenticationCode1(oathtool(seed, ahead))
                    .authenticationCode2(oathtool(seed, ahead.plusSeconds(30)))));
            clock.advance(Duration.ofMinutes(1));
            Instant resync = clock.instant().plusSeconds(120);
            admin.resyncMFADevice(r -> r.userName("holder").serialNumber(serial)
                    .authenticationCode1(oathtool(seed, resync))
                    .authenticationCode2(oathtool(seed, resync.plusSeconds(30))));
        }
    }
}
