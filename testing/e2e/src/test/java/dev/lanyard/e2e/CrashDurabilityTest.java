package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * A 200 means durable: several writers drive the packaged server, it is killed with SIGKILL mid-burst, restarted on
 * the same data directory, and every acknowledged write must be there, every acknowledged delete and deactivation
 * still in force. The write in flight at the kill may land or not, but only whole.
 */
class CrashDurabilityTest {
    private static final int TRIALS = 5;
    private static final int WRITERS = 4;
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        assertThat(ServeProcess.JAR).as("the packaged command (built by the cli module)").exists();
        Path home = Files.createTempDirectory("lanyard-crash");
        Path data = home.resolve("data");
        Path log = home.resolve("serve.log");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<UserHistory> history = new ArrayList<>();
        ServeProcess server = ServeProcess.start(data, log);
        try {
            AwsCredentials root = server.rootCredentials();
            for (int trial = 0; trial < TRIALS; trial++) {
                List<Writer> writers = new ArrayList<>();
                AtomicInteger acknowledged = new AtomicInteger();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(new Writer(iam(server, root), "t" + trial + "w" + w, acknowledged));
                }
                List<Thread> threads = writers.stream().map(w -> Thread.ofPlatform().start(w)).toList();
                Nodes.await(() -> acknowledged.get() >= 40 || threads.stream().noneMatch(Thread::isAlive),
                        Duration.ofSeconds(30));
                ServeProcess.sleep(Duration.ofMillis(random.nextInt(400)));
                server.kill();
                for (Thread t : threads) {
                    t.join(Duration.ofSeconds(30));
                }
                for (Writer w : writers) {
                    assertThat(w.unexpected).as("writer %s (seed %d); server log:\n%s", w.prefix, seed,
                            ServeProcess.read(log)).isNull();
                    history.addAll(w.users);
                }
                assertAudited(data, history, "trial " + trial + ", seed " + seed);
                server = ServeProcess.start(data, log);
                assertThat(server.health()).as("health after restart").hasValueSatisfying(
                        h -> assertThat(h).contains("\"status\":\"UP\""));
                assertSurvived(iam(server, root), history, "trial " + trial + ", seed " + seed);
            }
            assertThat(server.terminate(Duration.ofSeconds(30))).as("exit status after SIGTERM").isZero();
        } finally {
            server.close();
        }
        assertOwnerOnly(data);
        ServeProcess.deleteTree(home);
    }

    @Test
    void aSecondServeOnTheSameDataDirectoryRefusesToStartAndTheFirstGoesOn() throws Exception {
        Path home = Files.createTempDirectory("lanyard-shared-dir");
        Path data = home.resolve("data");
        Path secondLog = home.resolve("second.log");
        try (ServeProcess first = ServeProcess.start(data, home.resolve("first.log"))) {
            IamClient iam = iam(first, first.rootCredentials());
            iam.createUser(r -> r.userName("before-second"));
            try (ServeProcess second = ServeProcess.launch(data, secondLog)) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).as("exit status of the second").isNotZero();
            }
            assertThat(ServeProcess.read(secondLog)).contains("in use by another Lanyard process");
            iam.createUser(r -> r.userName("after-second"));
            assertThat(first.health()).hasValueSatisfying(h -> assertThat(h).contains("\"status\":\"UP\""));
            assertThat(iam.listUsers().users()).extracting(User::userName).contains("before-second", "after-second");
        } finally {
            ServeProcess.deleteTree(home);
        }
    }

    /** The data directory and everything Lanyard made in it are the owner's alone, after crashes and restarts. */
    static void assertOwnerOnly(Path data) throws IOException {
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                files.add(data.relativize(p).toString());
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(
                        PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
        assertThat(files).contains("lanyard.mv.db", "master.key", "aws/credentials");
    }

    /** The audit trail too: every answered CreateUser has its record in the files after the kill (docs/audit.md). */
    private static void assertAudited(Path data, List<UserHistory> history, String trial) throws IOException {
        java.util.Set<String> created = new java.util.HashSet<>();
        java.util.regex.Pattern userName = java.util.regex.Pattern.compile("\"userName\":\"([^\"]+)\"");
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    java.util.regex.Matcher name = userName.matcher(line);
                    if (line.contains("\"eventName\":\"CreateUser\"") && !line.contains("\"errorCode\"")
                            && name.find()) {
                        created.add(name.group(1));
                    }
                }
            }
        }
        for (UserHistory user : history) {
            if (user.acknowledged >= 1) {
                assertThat(created).as("the audit record of %s's answered CreateUser (%s)", user.name, trial)
                        .contains(user.name);
            }
        }
    }

    private static void assertSurvived(IamClient iam, List<UserHistory> history, String trial) {
        Map<String, UserDetail> found = new HashMap<>();
        iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.USER)).userDetailList()
                .forEach(u -> found.put(u.userName(), u));
        int acknowledged = 0;
        List<String> broken = new ArrayList<>();
        for (UserHistory user : history) {
            acknowledged += user.acknowledged;
            UserDetail detail = found.get(user.name);
            List<AccessKeyMetadata> keys = detail != null && user.plan == Plan.DEACTIVATE_KEY && user.attempted >= 3
                    ? iam.listAccessKeys(r -> r.userName(user.name)).accessKeyMetadata() : List.of();
            Observed observed = new Observed(detail != null,
                    detail != null && detail.userPolicyList().stream().anyMatch(p -> p.policyName().equals("p")),
                    keys.stream().map(AccessKeyMetadata::status).toList());
            if (!observed.equals(user.plan.after(user.acknowledged))
                    && !observed.equals(user.plan.after(user.attempted))) {
                broken.add(user.name + " (" + user.plan + ", " + user.acknowledged + " of " + user.attempted
                        + " steps acknowledged): " + observed);
            }
        }
        assertThat(acknowledged).as("acknowledged writes checked").isPositive();
        assertThat(broken).as("%s: users whose acknowledged writes did not survive, of %d acknowledged writes",
                trial, acknowledged).isEmpty();
    }

    private static IamClient iam(ServeProcess server, AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(20)).build())
                // a retried request could be acknowledged for an attempt that never reached the server
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** What the server shows of one user after the restart. */
    record Observed(boolean exists, boolean hasPolicy, List<StatusType> keys) {}

    /** The steps a writer takes for one user; every user gets created and given an inline policy first. */
    enum Plan {
        KEEP, DEACTIVATE_KEY, DELETE;

        /** The state after the first {@code steps} steps of this plan. */
        Observed after(int steps) {
            return switch (this) {
                case KEEP -> new Observed(steps >= 1, steps >= 2, List.of());
                case DEACTIVATE_KEY -> new Observed(steps >= 1, steps >= 2, steps < 3 ? List.of()
                        : List.of(steps >= 4 ? StatusType.INACTIVE : StatusType.ACTIVE));
                case DELETE -> new Observed(steps >= 1 && steps < 4, steps == 2, List.of());
            };
        }
    }

    static final class UserHistory {
        final String name;
        final Plan plan;
        volatile int attempted;
        volatile int acknowledged;

        UserHistory(String name, Plan plan) {
            this.name = name;
            this.plan = plan;
        }
    }

    /** Writes until the server goes away; records how far each user's plan was attempted and acknowledged. */
    static final class Writer implements Runnable {
        final IamClient iam;
        final String prefix;
        final AtomicInteger acknowledgedTotal;
        final List<UserHistory> users = new ArrayList<>();
        volatile Throwable unexpected;

        Writer(IamClient iam, String prefix, AtomicInteger acknowledgedTotal) {
            this.iam = iam;
            this.prefix = prefix;
            this.acknowledgedTotal = acknowledgedTotal;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < 100_000; i++) {
                    Plan plan = switch (i % 5) {
                        case 1 -> Plan.DEACTIVATE_KEY;
                        case 3 -> Plan.DELETE;
                        default -> Plan.KEEP;
                    };
                    UserHistory user = new UserHistory(prefix + "-" + i, plan);
                    users.add(user);
                    write(user);
                }
            } catch (AwsServiceException e) {
                unexpected = e; // the server answered with an error: not the kill
            } catch (SdkException e) {
                // the server is gone
            } catch (RuntimeException e) {
                unexpected = e;
            }
        }

        private void write(UserHistory user) {
            step(user, () -> iam.createUser(r -> r.userName(user.name).path("/crash/")));
            step(user, () -> iam.putUserPolicy(r -> r.userName(user.name).policyName("p").policyDocument(POLICY)));
            switch (user.plan) {
                case KEEP -> { }
                case DEACTIVATE_KEY -> {
                    String[] key = new String[1];
                    step(user, () -> key[0] = iam.createAccessKey(r -> r.userName(user.name)).accessKey()
                            .accessKeyId());
                    step(user, () -> iam.updateAccessKey(r -> r.userName(user.name).accessKeyId(key[0])
                            .status(StatusType.INACTIVE)));
                }
                case DELETE -> {
                    step(user, () -> iam.deleteUserPolicy(r -> r.userName(user.name).policyName("p")));
                    step(user, () -> iam.deleteUser(r -> r.userName(user.name)));
                }
            }
        }

        private void step(UserHistory user, Runnable call) {
            user.attempted++;
            call.run();
            user.acknowledged++;
            acknowledgedTotal.incrementAndGet();
        }
    }
}
