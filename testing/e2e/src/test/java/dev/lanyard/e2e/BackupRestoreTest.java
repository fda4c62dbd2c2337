package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lanyard backup} while writers keep writing, then {@code lanyard restore} into a new data directory on another
 * "machine" (only the master key file carried over), every step a real process: the restored store holds every write
 * acknowledged before the backup began, none begun after it ended, and its secrets open (an access key made before
 * the backup signs requests again).
 */
class BackupRestoreTest {
    private static final int WRITERS = 4;

    @Test
    void aBackupDuringAWriteBurstRestoresEveryWriteAcknowledgedBeforeItBegan(@TempDir Path work) throws Exception {
        assertThat(ServeProcess.JAR).as("the packaged command (built by the cli module)").exists();
        Path data = work.resolve("data");
        Path backup = work.resolve("lanyard.backup");
        Set<String> acknowledgedBefore = new HashSet<>();
        List<String> begunAfter = new ArrayList<>();
        AwsCredentials root;
        AccessKey key;
        // The write burst is about durability, not rates: on an idle machine four writers pass IAM's per-account rate.
        try (ServeProcess server = ServeProcess.start(data, work.resolve("serve.log"), "--no-throttling")) {
            root = server.rootCredentials();
            IamClient iam = iam(server.endpoint(), root);
            iam.createUser(r -> r.userName("keyholder"));
            key = iam.createAccessKey(r -> r.userName("keyholder")).accessKey();

            List<Writer> writers = new ArrayList<>();
            AtomicInteger acknowledged = new AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(new Writer(iam(server.endpoint(), root), "w" + w + "-", acknowledged));
            }
            List<Thread> threads = writers.stream().map(w -> Thread.ofPlatform().start(w)).toList();
            Nodes.await(() -> acknowledged.get() >= 40, Duration.ofSeconds(60));

            writers.forEach(w -> acknowledgedBefore.addAll(w.acknowledged));
            CliRunner.Result result = ServeProcess.command(work.resolve("backup.log"), "backup", "--data-dir",
                    data.toString(), "--output", backup.toString());
            writers.forEach(Writer::backupEnded);
            int atBackupEnd = acknowledged.get();
            Nodes.await(() -> acknowledged.get() >= atBackupEnd + 20, Duration.ofSeconds(60));
            writers.forEach(Writer::stop);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("written to " + backup, "restoring it needs master key(s)");
            for (Writer w : writers) {
                assertThat(w.failure).as("writer %s", w.prefix).isNull();
                begunAfter.addAll(w.begunAfterBackup);
            }
            assertThat(ServeProcess.read(work.resolve("serve.log"))).doesNotContain(key.secretAccessKey());
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(acknowledgedBefore).hasSizeGreaterThanOrEqualTo(40);
        assertThat(begunAfter).isNotEmpty();

        // Another machine: the backup and the master key file, nothing else of the old data directory.
        Path keyFile = work.resolve("kept-apart.key");
        Files.copy(data.resolve("master.key"), keyFile);
        Path restored = work.resolve("restored");
        CliRunner.Result restore = ServeProcess.command(work.resolve("restore.log"), "restore", "--data-dir",
                restored.toString(), "--input", backup.toString(), "--master-key-file", keyFile.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("restored the backup of");

        try (ServeProcess server = ServeProcess.start(restored, work.resolve("restored.log"), "--master-key-file",
                keyFile.toString())) {
            IamClient iam = iam(server.endpoint(), root);
            Set<String> users = new HashSet<>();
            iam.listUsersPaginator().users().stream().map(User::userName).forEach(users::add);
            assertThat(users).as("every user acknowledged before the backup began").containsAll(acknowledgedBefore);
            assertThat(users).as("no user begun after the backup ended").doesNotContainAnyElementsOf(begunAfter);
            String arn = Clients.sts(server.endpoint(), Clients.basic(key.accessKeyId(), key.secretAccessKey()))
                    .getCallerIdentity().arn();
            assertThat(arn).endsWith(":user/keyholder");
            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    /**
     * The S3 gateway's registry through {@code lanyard restore}: buckets created through the gateway, a bucket policy
     * naming a user (bound to the user's unique ID), the data directory wiped, restored from the backup, and the
     * gateway in front of the same backend serves the same buckets with the same policy to the same user.
     */
    @Test
    void theGatewaysBucketsAndPoliciesComeBackAfterWipeAndRestore(@TempDir Path work) throws Exception {
        try (S3Proxy backend = S3Proxy.start()) {
            Path backendKey = work.resolve("backend.properties");
            Files.writeString(backendKey, "aws_access_key_id=" + backend.accessKeyId + "\naws_secret_access_key="
                    + backend.secretAccessKey + "\n");
            Files.setPosixFilePermissions(backendKey, PosixFilePermissions.fromString("rw-------"));
            Path data = work.resolve("data");
            Path backup = work.resolve("lanyard.backup");
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::%s:user/reader\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::kept-bucket/*\"}]}";
            AwsCredentials root;
            AccessKey reader;
            int s3Port = LoopbackProcess.freePort();
            try (ServeProcess server = ServeProcess.start(data, work.resolve("serve.log"),
                    gatewayOptions(backend, backendKey, s3Port))) {
                root = server.rootCredentials();
                IamClient iam = iam(server.endpoint(), root);
                String account = iam.getUser().user().arn().split(":")[4];
                iam.createUser(r -> r.userName("reader"));
                reader = iam.createAccessKey(r -> r.userName("reader")).accessKey();
                S3Client owner = s3(s3Port, root);
                owner.createBucket(r -> r.bucket("kept-bucket"));
                owner.createBucket(r -> r.bucket("empty-bucket"));
                owner.putObject(r -> r.bucket("kept-bucket").key("report"), RequestBody.fromString("report"));
                owner.putBucketPolicy(r -> r.bucket("kept-bucket").policy(policy.formatted(account)));
                assertThat(readReport(s3Port, reader)).isEqualTo("report");
                CliRunner.Result saved = ServeProcess.command(work.resolve("backup.log"), "backup", "--data-dir",
                        data.toString(), "--output", backup.toString());
                assertThat(saved.exitCode()).as(saved.output()).isZero();
                assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
            }
            Path keyFile = work.resolve("kept-apart.key");
            Files.copy(data.resolve("master.key"), keyFile);
            wipe(data);

            CliRunner.Result restore = ServeProcess.command(work.resolve("restore.log"), "restore", "--data-dir",
                    data.toString(), "--input", backup.toString(), "--master-key-file", keyFile.toString());
            assertThat(restore.exitCode()).as(restore.output()).isZero();
            int restoredPort = LoopbackProcess.freePort();
            List<String> options = new ArrayList<>(List.of(gatewayOptions(backend, backendKey, restoredPort)));
            options.addAll(List.of("--master-key-file", keyFile.toString()));
            try (ServeProcess server = ServeProcess.start(data, work.resolve("restored.log"),
                    options.toArray(String[]::new))) {
                S3Client owner = s3(restoredPort, root);
                assertThat(owner.listBuckets().buckets()).extracting(b -> b.name())
                        .containsExactlyInAnyOrder("kept-bucket", "empty-bucket");
                String account = iam(server.endpoint(), root).getUser().user().arn().split(":")[4];
                assertThat(owner.getBucketPolicy(r -> r.bucket("kept-bucket")).policy())
                        .isEqualTo(policy.formatted(account));
                // Allowed by the bucket policy alone (the user has no policy of its own): its binding came back.
                assertThat(readReport(restoredPort, reader)).isEqualTo("report");
                assertThat(server.terminate(Duration.ofSeconds(30))).isZero();
            }
        }
    }

    private static String[] gatewayOptions(S3Proxy backend, Path backendKey, int s3Port) {
        return new String[] {"--no-throttling", "--s3-port", Integer.toString(s3Port), "--s3-backend",
            backend.endpoint.toString(), "--s3-backend-credentials-file", backendKey.toString()};
    }

    private static S3Client s3(int port, AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static String readReport(int port, AccessKey key) {
        return s3(port, Clients.basic(key.accessKeyId(), key.secretAccessKey()))
                .getObjectAsBytes(r -> r.bucket("kept-bucket").key("report")).asUtf8String();
    }

    /** Everything of the data directory, as a lost disk would leave it. */
    private static void wipe(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aBackupThatDoesNotCheckIsNotRestoredAndNothingIsReplaced(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Path backup = work.resolve("lanyard.backup");
        try (ServeProcess server = ServeProcess.start(data, work.resolve("serve.log"))) {
            iam(server.endpoint(), server.rootCredentials()).createUser(r -> r.userName("kept"));
            CliRunner.Result result = ServeProcess.command(work.resolve("backup.log"), "backup", "--data-dir",
                    data.toString(), "--output", backup.toString());
            assertThat(result.exitCode()).as(result.output()).isZero();
            CliRunner.Result running = ServeProcess.command(work.resolve("running.log"), "restore", "--data-dir",
                    data.toString(), "--input", backup.toString(), "--force");
            assertThat(running.exitCode()).isNotZero();
            assertThat(running.output()).contains("stop it before restoring");
            server.terminate(Duration.ofSeconds(30));
        }
        byte[] whole = Files.readAllBytes(backup);
        Path truncated = work.resolve("truncated.backup");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 40));
        byte[] before = Files.readAllBytes(data.resolve("lanyard.mv.db"));
        CliRunner.Result damaged = ServeProcess.command(work.resolve("damaged.log"), "restore", "--data-dir",
                data.toString(), "--input", truncated.toString(), "--force");
        assertThat(damaged.exitCode()).isNotZero();
        assertThat(Files.readAllBytes(data.resolve("lanyard.mv.db"))).as("the database in place").isEqualTo(before);

        CliRunner.Result noServer = ServeProcess.command(work.resolve("none.log"), "backup", "--data-dir",
                data.toString(), "--output", work.resolve("second.backup").toString());
        assertThat(noServer.exitCode()).isNotZero();
        assertThat(noServer.output()).contains("no running Lanyard");
        assertThat(work.resolve("second.backup")).doesNotExist();
    }

    static IamClient iam(String endpoint, AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                // a retried request could be acknowledged for an attempt that never reached the server
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Creates users one after another until stopped; remembers which were acknowledged and which begun late. */
    private static final class Writer implements Runnable {
        final IamClient iam;
        final String prefix;
        final AtomicInteger acknowledgedTotal;
        final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final Queue<String> begunAfterBackup = new ConcurrentLinkedQueue<>();
        private volatile boolean backupEnded;
        private volatile boolean stopped;
        volatile Throwable failure;

        Writer(IamClient iam, String prefix, AtomicInteger acknowledgedTotal) {
            this.iam = iam;
            this.prefix = prefix;
            this.acknowledgedTotal = acknowledgedTotal;
        }

        void backupEnded() {
            backupEnded = true;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            for (int n = 0; !stopped; n++) {
                String name = prefix + n;
                if (backupEnded) {
                    begunAfterBackup.add(name);
                }
                try {
                    iam.createUser(r -> r.userName(name));
                } catch (RuntimeException e) {
                    failure = e;
                    System.err.println("writer " + prefix + " stopped: " + e);
                    return;
                }
                acknowledged.add(name);
                acknowledgedTotal.incrementAndGet();
            }
        }
    }
}
