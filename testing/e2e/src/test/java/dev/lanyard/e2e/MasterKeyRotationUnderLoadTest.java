package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code lanyard rotate-master-key} on a running packaged server while clients keep assuming roles, using the sessions
 * and creating users with access keys, none of them retried: every request succeeds, everything at rest ends up sealed
 * under the new key, the server restarts with the new key alone, and what was issued before the rotation (sessions,
 * access keys) still works. A backup taken before the rotation restores with the retired key kept beside the data.
 */
class MasterKeyRotationUnderLoadTest {
    private static final int CLIENTS = 4;
    private static final Pattern SEALING = Pattern.compile("sealing key: ([0-9a-f]{16})");

    @Test
    void rotationWhileServingLosesNoRequestAndLeavesNothingUnderTheOldKey(@TempDir Path work) throws Exception {
        assertThat(ServeProcess.JAR).as("the packaged command (built by the cli module)").exists();
        Path data = work.resolve("data");
        Path log = work.resolve("serve.log");
        MasterKeyId oldKey;
        AwsCredentials root;
        AwsCredentials callerKey;
        Credentials sessionBefore;
        String account;
        List<Load> loads = new ArrayList<>();
        Path backupBefore = work.resolve("before-rotation.backup");
        MasterKeyId newKey;
        try (ServeProcess server = ServeProcess.start(data, log)) {
            oldKey = keyIds(data.resolve("master.key")).getFirst();
            root = server.rootCredentials();
            IamClient iam = BackupRestoreTest.iam(server.endpoint(), root);
            account = sts(server.endpoint(), root).getCallerIdentity().account();
            iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                    "Action":"sts:AssumeRole"}]}""".formatted(account)));
            iam.createUser(r -> r.userName("caller"));
            iam.putUserPolicy(r -> r.userName("caller").policyName("assume").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",\
                    "Resource":"arn:aws:iam::%s:role/deployer"}]}""".formatted(account)));
            AccessKey caller = iam.createAccessKey(r -> r.userName("caller")).accessKey();
            callerKey = Clients.basic(caller.accessKeyId(), caller.secretAccessKey());
            sessionBefore = assume(sts(server.endpoint(), callerKey), account, "before");
            assertThat(ServeProcess.command(work.resolve("backup.log"), "backup", "--data-dir", data.toString(),
                    "--output", backupBefore.toString()).exitCode()).isZero();

            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < CLIENTS; i++) {
                loads.add(new Load(server.endpoint(), root, callerKey, account, "c" + i + "-", done));
            }
            List<Thread> threads = loads.stream().map(l -> Thread.ofPlatform().start(l)).toList();
            Nodes.await(() -> done.get() >= 20, Duration.ofSeconds(60));
            int atStart = done.get();
            CliRunner.Result rotated = ServeProcess.command(work.resolve("rotate.log"), "rotate-master-key",
                    "--data-dir", data.toString());
            int atEnd = done.get();
            Nodes.await(() -> done.get() >= atEnd + 20, Duration.ofSeconds(60));
            loads.forEach(Load::stop);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }

            assertThat(rotated.exitCode()).as(rotated.output()).isZero();
            for (Load l : loads) {
                assertThat(l.failures).as("requests that failed around the rotation; server log:\n%s",
                        ServeProcess.read(log)).isEmpty();
            }
            assertThat(atEnd - atStart).as("requests answered while the rotation ran").isPositive();
            Matcher sealing = SEALING.matcher(rotated.output());
            assertThat(sealing.find()).as(rotated.output()).isTrue();
            newKey = new MasterKeyId(sealing.group(1));
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(keyIds(data.resolve("master.key"))).containsExactly(newKey);
            Path retired = data.resolve("master-key-" + oldKey + ".retired");
            assertThat(keyIds(retired)).containsExactly(oldKey);
            assertThat(Files.getPosixFilePermissions(retired)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            CliRunner.Result status = ServeProcess.command(work.resolve("status.log"), "rotate-master-key",
                    "--status", "--data-dir", data.toString());
            assertThat(status.output()).contains("sealing key: " + newKey)
                    .containsPattern("sealed values by key: \\{" + newKey + "=\\d+\\}");
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }

        // The new key alone opens everything: sessions and keys from before and during the rotation still work.
        try (ServeProcess server = ServeProcess.start(data, log)) {
            assertThat(sts(server.endpoint(), Clients.session(sessionBefore)).getCallerIdentity().arn())
                    .endsWith(":assumed-role/deployer/before");
            assertThat(sts(server.endpoint(), callerKey).getCallerIdentity().arn()).endsWith(":user/caller");
            for (Load l : loads) {
                AccessKey made = l.keysMade.peekLast();
                assertThat(made).isNotNull();
                assertThat(sts(server.endpoint(), Clients.basic(made.accessKeyId(), made.secretAccessKey()))
                        .getCallerIdentity().arn()).endsWith(":user/" + made.userName());
            }
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }

        // The backup from before the rotation needs the old key: restore finds it beside the data.
        CliRunner.Result restore = ServeProcess.command(work.resolve("restore.log"), "restore", "--data-dir",
                data.toString(), "--input", backupBefore.toString(), "--force");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(keyIds(data.resolve("master.key"))).startsWith(oldKey).contains(newKey);
        try (ServeProcess server = ServeProcess.start(data, log)) {
            assertThat(sts(server.endpoint(), callerKey).getCallerIdentity().arn()).endsWith(":user/caller");
            AccessKey madeAfter = loads.getFirst().keysMade.peekLast();
            assertThat(BackupRestoreTest.iam(server.endpoint(), root).listUsers().users())
                    .noneMatch(u -> u.userName().equals(madeAfter.userName()));
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void withAKeyFileTheNodeRotatesToTheKeyPutFirstAndDropsTheOldOneWhenItLeavesTheFile(@TempDir Path work)
            throws Exception {
        SecureRandom random = new SecureRandom();
        MasterKey first = MasterKey.generate(random);
        MasterKey second = MasterKey.generate(random);
        Path keyFile = work.resolve("keys");
        Files.writeString(keyFile, first.toBase64() + "\n");
        Path data = work.resolve("data");
        Path log = work.resolve("serve.log");
        try (ServeProcess server = ServeProcess.start(data, log, "--master-key-file", keyFile.toString())) {
            IamClient iam = BackupRestoreTest.iam(server.endpoint(), server.rootCredentials());
            iam.createUser(r -> r.userName("carol"));
            AccessKey key = iam.createAccessKey(r -> r.userName("carol")).accessKey();
            Files.writeString(keyFile, second.toBase64() + "\n" + first.toBase64() + "\n");
            Nodes.await(() -> status(work, data).contains("this node's keys: [" + second.id() + ", " + first.id()
                    + "]"), Duration.ofSeconds(30));
            CliRunner.Result rotated = ServeProcess.command(work.resolve("rotate.log"), "rotate-master-key",
                    "--data-dir", data.toString());
            assertThat(rotated.exitCode()).as(rotated.output()).isZero();
            assertThat(rotated.output()).contains("sealing key: " + second.id(),
                    "keys no longer needed: [" + first.id() + "]");

            Files.writeString(keyFile, second.toBase64() + "\n");
            Nodes.await(() -> status(work, data).contains("this node's keys: [" + second.id() + "]"),
                    Duration.ofSeconds(30));
            assertThat(sts(server.endpoint(), Clients.basic(key.accessKeyId(), key.secretAccessKey()))
                    .getCallerIdentity().arn()).endsWith(":user/carol");
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }
        try (ServeProcess server = ServeProcess.start(data, log, "--master-key-file", keyFile.toString())) {
            assertThat(server.health()).hasValueSatisfying(h -> assertThat(h).contains("\"status\":\"UP\""));
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }
        assertThat(ServeProcess.read(log)).doesNotContain(first.toBase64(), second.toBase64());
    }

    private static String status(Path work, Path data) {
        return ServeProcess.command(work.resolve("status.log"), "rotate-master-key", "--status", "--data-dir",
                data.toString()).output();
    }

    private static List<MasterKeyId> keyIds(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return MasterKeyring.fromBase64List(Files.readString(file, StandardCharsets.US_ASCII), new SecureRandom())
                .ids();
    }

    private static Credentials assume(StsClient sts, String account, String session) {
        return sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/deployer").roleSessionName(session))
                .credentials();
    }

    static StsClient sts(String endpoint, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * One client: assumes the role and calls with the session (the token keyset and an access key's secret), then
     * creates a user with an access key (a new secret sealed mid-rotation), over and over; nothing is retried.
     */
    private static final class Load implements Runnable {
        private final IamClient iam;
        private final StsClient caller;
        private final String endpoint;
        private final String account;
        private final String prefix;
        private final AtomicInteger done;
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final Deque<AccessKey> keysMade = new ConcurrentLinkedDeque<>();
        private volatile boolean stopped;

        Load(String endpoint, AwsCredentials root, AwsCredentials callerKey, String account, String prefix,
                AtomicInteger done) {
            this.iam = BackupRestoreTest.iam(endpoint, root);
            this.caller = sts(endpoint, callerKey);
            this.endpoint = endpoint;
            this.account = account;
            this.prefix = prefix;
            this.done = done;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            for (int n = 0; !stopped; n++) {
                String name = prefix + n;
                try {
                    Credentials session = assume(caller, account, name);
                    done.incrementAndGet();
                    sts(endpoint, Clients.session(session)).getCallerIdentity();
                    done.incrementAndGet();
                    iam.createUser(r -> r.userName(name));
                    keysMade.add(iam.createAccessKey(r -> r.userName(name)).accessKey());
                    done.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                    return;
                }
            }
        }
    }
}
