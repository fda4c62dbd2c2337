package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.store.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Three nodes on one real PostgreSQL: one truth, shared keys, and static stability through a database outage. */
class MultiNodeTest {
    private static PostgresServer postgres;
    private static Nodes nodes;
    private static List<LanyardServer> servers;
    private static AwsCredentials root;
    private static String account;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        nodes = new Nodes(postgres);
        servers = new ArrayList<>();
        for (String id : List.of("n1", "n2", "n3")) {
            servers.add(LanyardServer.start(nodes.config(id, Duration.ofSeconds(2), Duration.ofMillis(300))));
        }
        List<String> creds = Nodes.rootCredentials(servers.getFirst());
        root = Clients.basic(creds.get(0), creds.get(1));
        account = servers.getFirst().managementAccountId();
        assertThat(servers).allSatisfy(s -> assertThat(s.managementAccountId()).isEqualTo(account));
    }

    @AfterAll
    static void stop() {
        servers.forEach(LanyardServer::close);
        postgres.close();
    }

    private static String endpoint(int node) {
        return servers.get(node).endpointUrl();
    }

    private static AwsCredentials assumer(String name, String roleName) {
        IamClient iam = Clients.iam(endpoint(0), root);
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("assume").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
        iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static long iamVersion(LanyardServer server) {
        String health = server.health();
        int at = health.indexOf("\"iamVersion\":") + 13;
        return Long.parseLong(health.substring(at, health.indexOf('}', at)));
    }

    private static boolean allNodesCaughtUp() {
        long first = iamVersion(servers.getFirst());
        return servers.stream().allMatch(s -> iamVersion(s) == first);
    }

    private static boolean visibleOn(int node, AwsCredentials creds) {
        try {
            Clients.sts(endpoint(node), creds).getCallerIdentity();
            return true;
        } catch (AwsServiceException e) {
            return false;
        }
    }

    /**
     * GenerateCredentialReport then GetCredentialReport (and a report job's generate and get) land on different nodes
     * behind a load balancer: each node answers for the report another generated.
     */
    @Test
    void aReportGeneratedThroughOneNodeIsReadThroughAnother() {
        IamClient first = Clients.iam(endpoint(0), root);
        IamClient second = Clients.iam(endpoint(1), root);
        IamClient third = Clients.iam(endpoint(2), root);
        String userArn = first.createUser(r -> r.userName("reported")).user().arn();
        // The job below is generated on the second node: it must know the user first (each node polls the store).
        Nodes.await(MultiNodeTest::allNodesCaughtUp, Duration.ofSeconds(10));
        assertThatThrownBy(second::getCredentialReport).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReportNotPresent"));
        assertThat(first.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
        GetCredentialReportResponse report = second.getCredentialReport();
        assertThat(report.reportFormat()).isEqualTo(ReportFormatType.TEXT_CSV);
        assertThat(report.content().asUtf8String()).contains("\nreported," + userArn + ",");
        assertThat(third.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);

        String jobId = second.generateServiceLastAccessedDetails(r -> r.arn(userArn)).jobId();
        assertThat(third.getServiceLastAccessedDetails(r -> r.jobId(jobId)).jobStatus())
                .isEqualTo(JobStatusType.COMPLETED);
        assertThat(first.getServiceLastAccessedDetailsWithEntities(r -> r.jobId(jobId).serviceNamespace("iam"))
                .jobStatus()).isEqualTo(JobStatusType.COMPLETED);

        OrganizationsClient organizations = Clients.organizations(endpoint(2), root);
        String rootPath = organizations.describeOrganization().organization().id() + "/"
                + organizations.listRoots().roots().getFirst().id();
        String organizationsJob = third.generateOrganizationsAccessReport(r -> r.entityPath(rootPath)).jobId();
        assertThat(first.getOrganizationsAccessReport(r -> r.jobId(organizationsJob)).accessDetails()).isNotEmpty();
    }

    /**
     * {@code lanyard audit --database-url} answers the forensic questions from the table every node writes: the
     * session issued through one node, what it did through another, who assumed the role.
     */
    @Test
    void lanyardAuditAnswersFromTheTableEveryNodeWrites() throws IOException {
        Instant started = Instant.now().minusSeconds(1);
        AwsCredentials user = assumer("audited", "audited-role");
        // the user and the role reach the other nodes when they poll the store
        Nodes.await(MultiNodeTest::allNodesCaughtUp, Duration.ofSeconds(10));
        String roleArn = "arn:aws:iam::" + account + ":role/audited-role";
        Credentials session = Clients.sts(endpoint(1), user).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("forensic")).credentials();
        Nodes.await(() -> visibleOn(2, Clients.session(session)), Duration.ofSeconds(10));
        String url = postgres.jdbcUrl();
        String key = session.accessKeyId();
        // Each node writes its records to the table every second, on its own schedule: wait for node 1's issuing
        // record and node 2's call both to be there (waiting for one alone once let the other lag behind).
        Nodes.await(() -> CliRunner.run("audit", "activity", "--key", key, "--database-url", url).output()
                .contains("sts:GetCallerIdentity  OK") && CliRunner.run("audit", "key", key, "--database-url", url)
                .output().contains(key + " issued by AssumeRole"), Duration.ofSeconds(30));

        // The database named as serve's configuration file names it (the port is serve's alone, and left to it).
        Path settings = Files.writeString(Files.createTempFile("lanyard", ".yaml"), "database-url: \"" + url
                + "\"\nport: 8955\n");
        CliRunner.Result issued = CliRunner.run("audit", "key", key, "--config", settings.toString());
        assertThat(issued.exitCode()).as(issued.output()).isZero();
        assertThat(issued.output()).contains(key + " issued by AssumeRole").contains("role:            " + roleArn)
                .contains("session name:    forensic").contains("to:              arn:aws:iam::" + account
                        + ":user/audited").contains("issued by:       " + roleArn);
        CliRunner.Result who = CliRunner.run("audit", "assumed", "--role", roleArn, "--from", started.toString(),
                "--to", Instant.now().plusSeconds(1).toString(), "--database-url", url);
        assertThat(who.output()).contains("OK  arn:aws:iam::" + account + ":user/audited  session forensic")
                .contains("key " + key).contains("1 attempt(s)");
        assertThat(CliRunner.run("audit", "assumed", "--role", roleArn, "--to",
                started.minusSeconds(3600).toString(), "--database-url", url).output()).contains("0 attempt(s)");
        assertThat(CliRunner.run("audit", "key", "ASIAZZZZZZZZZZZZZZZZ", "--database-url", url).exitCode())
                .isEqualTo(1);
    }

    @Test
    void aChangeOnOneNodeIsInForceOnTheOthersAndTokensVerifyAnywhere() {
        AwsCredentials user = assumer("everywhere", "shared-role");
        Duration toNode2 = Nodes.await(() -> visibleOn(1, user), Duration.ofSeconds(5));
        Nodes.await(() -> visibleOn(2, user), Duration.ofSeconds(5));
        assertThat(toNode2).isLessThan(Duration.ofSeconds(2));
        String roleArn = "arn:aws:iam::" + account + ":role/shared-role";
        Credentials sealedOnNode3 = Clients.sts(endpoint(2), user).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("n3")).credentials();
        assertThat(Clients.sts(endpoint(0), Clients.session(sealedOnNode3)).getCallerIdentity().arn())
                .endsWith(":assumed-role/shared-role/n3");
        Credentials viaNode2 = Clients.sts(endpoint(1), user).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("n2")).credentials();
        assertThat(Clients.sts(endpoint(2), Clients.session(viaNode2)).getCallerIdentity().arn())
                .endsWith(":assumed-role/shared-role/n2");
    }

    @Test
    void keysRotateUnderLoadWithoutAFailedRequest() throws Exception {
        AwsCredentials user = assumer("rotating", "rotating-role");
        for (int node = 0; node < 3; node++) {
            int n = node;
            Nodes.await(() -> visibleOn(n, user), Duration.ofSeconds(5));
        }
        String roleArn = "arn:aws:iam::" + account + ":role/rotating-role";
        Set<String> keyPrefixes = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    int issuer = (worker + i) % 3;
                    int verifier = (worker + i + 1) % 3;
                    i++;
                    try {
                        Credentials c = Clients.sts(endpoint(issuer), user).assumeRole(r -> r.roleArn(roleArn)
                                .roleSessionName("load")).credentials();
                        keyPrefixes.add(c.sessionToken().substring(0, 8));
                        Clients.sts(endpoint(verifier), Clients.session(c)).getCallerIdentity();
                        requests.addAndGet(2);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertThat(failures.get()).as("failed requests out of " + requests.get()).isZero();
        assertThat(keyPrefixes).as("tokens sealed under rotating keys").hasSizeGreaterThan(1);
    }

    @Test
    void aDatabaseOutageStopsOnlyWrites() throws Exception {
        AwsCredentials user = assumer("steady", "steady-role");
        for (int node = 0; node < 3; node++) {
            int n = node;
            Nodes.await(() -> visibleOn(n, user), Duration.ofSeconds(5));
        }
        String roleArn = "arn:aws:iam::" + account + ":role/steady-role";
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> traffic = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int worker = w;
            traffic.add(pool.submit(() -> {
                int i = worker;
                while (running.get()) {
                    try {
                        Credentials c = Clients.sts(endpoint(i % 3), user).assumeRole(r -> r.roleArn(roleArn)
                                .roleSessionName("steady")).credentials();
                        Clients.sts(endpoint((i + 1) % 3), Clients.session(c)).getCallerIdentity();
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    i++;
                }
            }));
        }
        postgres.stopServer();
        try {
            Nodes.await(() -> servers.get(1).health().contains("DEGRADED"), Duration.ofSeconds(10));
            int before = served.get();
            Nodes.await(() -> served.get() > before + 20, Duration.ofSeconds(30));
            assertThatThrownBy(() -> Clients.iam(endpoint(1), root).createUser(r -> r.userName("during-outage")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
        } finally {
            postgres.startServer();
        }
        Nodes.await(() -> servers.stream().allMatch(s -> s.health().contains("\"UP\"")), Duration.ofSeconds(20));
        running.set(false);
        for (Future<?> f : traffic) {
            f.get();
        }
        pool.shutdown();
        assertThat(failures.get()).as("failed reads and issues during the outage").isZero();
        Clients.iam(endpoint(1), root).createUser(r -> r.userName("after-outage"));
        Nodes.await(() -> {
            try {
                Clients.iam(endpoint(2), root).getUser(r -> r.userName("after-outage"));
                return true;
            } catch (AwsServiceException e) {
                return false;
            }
        }, Duration.ofSeconds(5));
        assertThatThrownBy(() -> Clients.iam(endpoint(0), root).getUser(r -> r.userName("during-outage")))
                .isInstanceOf(AwsServiceException.class);
    }

    /** No retries: a refused write must show, not be retried away. */
    private static IamClient iamWithoutRetries(int node) {
        return IamClient.builder()
                .endpointOverride(java.net.URI.create(endpoint(node)))
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(root))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static List<String> usersUnder(int node, String path) {
        return Clients.iam(endpoint(node), root).listUsersPaginator(r -> r.pathPrefix(path)).users().stream()
                .map(software.amazon.awssdk.services.iam.model.User::userName).sorted().toList();
    }

    @Test
    void independentWritesThroughTwoNodesAllSucceedAndBothNodesConverge() throws Exception {
        int users = 48;
        List<IamClient> clients = List.of(iamWithoutRetries(0), iamWithoutRetries(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            int n = i;
            writes.add(pool.submit(() -> clients.get(n % 2).createUser(r -> r.userName("parallel-" + n)
                    .path("/parallel/"))));
        }
        List<String> refused = new ArrayList<>();
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(e.getCause().toString());
            }
        }
        pool.shutdown();
        assertThat(refused).as("independent CreateUser calls refused").isEmpty();
        List<String> expected = java.util.stream.IntStream.range(0, users).mapToObj(n -> "parallel-" + n).sorted()
                .toList();
        for (int node = 0; node < 3; node++) {
            int n = node;
            Nodes.await(() -> usersUnder(n, "/parallel/").equals(expected), Duration.ofSeconds(10));
        }
        Nodes.await(MultiNodeTest::allNodesCaughtUp, Duration.ofSeconds(5));
    }

    @Test
    void onlyATrueConflictIsRefusedWithTheOperationsOwnError() throws Exception {
        List<IamClient> clients = List.of(iamWithoutRetries(0), iamWithoutRetries(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            writes.add(pool.submit(() -> clients.get(n % 2).createUser(r -> r.userName("contested")
                    .path("/contested/"))));
        }
        int created = 0;
        List<String> errors = new ArrayList<>();
        for (Future<?> write : writes) {
            try {
                write.get();
                created++;
            } catch (java.util.concurrent.ExecutionException e) {
                errors.add(e.getCause() instanceof AwsServiceException aws ? aws.awsErrorDetails().errorCode()
                        : e.getCause().toString());
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(errors).hasSize(7).containsOnly("EntityAlreadyExists");
    }

    @Test
    void aTotpCodeAcceptedByOneNodeIsRefusedByTheOthers() {
        IamClient iam = Clients.iam(endpoint(0), root);
        iam.createUser(r -> r.userName("otp-user"));
        AccessKey key = iam.createAccessKey(r -> r.userName("otp-user")).accessKey();
        AwsCredentials user = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("otp")).virtualMFADevice();
        var seed = dev.lanyard.totp.TotpSeed.fromBase32(device.base32StringSeed().asUtf8String());
        var totp = new dev.lanyard.totp.Totp(dev.lanyard.totp.TotpParameters.AWS);
        java.time.Instant now = java.time.Instant.now();
        iam.enableMFADevice(r -> r.userName("otp-user").serialNumber(device.serialNumber())
                .authenticationCode1(totp.codeAt(seed, now.minusSeconds(60)))
                .authenticationCode2(totp.codeAt(seed, now.minusSeconds(30))));
        Nodes.await(MultiNodeTest::allNodesCaughtUp, Duration.ofSeconds(5));
        String code = totp.codeAt(seed, java.time.Instant.now());
        assertThat(Clients.sts(endpoint(1), user).getSessionToken(r -> r.serialNumber(device.serialNumber())
                .tokenCode(code)).credentials().accessKeyId()).startsWith("ASIA");
        for (int node : new int[] {2, 0, 1}) {
            assertThatThrownBy(() -> Clients.sts(endpoint(node), user).getSessionToken(r -> r
                    .serialNumber(device.serialNumber()).tokenCode(code)))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void wrongMfaCodesCountOnceForTheDeviceWhicheverNodeTheyReach() {
        IamClient iam = Clients.iam(endpoint(0), root);
        iam.createUser(r -> r.userName("guesser"));
        AccessKey key = iam.createAccessKey(r -> r.userName("guesser")).accessKey();
        AwsCredentials user = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        var device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("guessed")).virtualMFADevice();
        var seed = dev.lanyard.totp.TotpSeed.fromBase32(device.base32StringSeed().asUtf8String());
        var totp = new dev.lanyard.totp.Totp(dev.lanyard.totp.TotpParameters.AWS);
        java.time.Instant now = java.time.Instant.now();
        iam.enableMFADevice(r -> r.userName("guesser").serialNumber(device.serialNumber())
                .authenticationCode1(totp.codeAt(seed, now.minusSeconds(60)))
                .authenticationCode2(totp.codeAt(seed, now.minusSeconds(30))));
        Nodes.await(MultiNodeTest::allNodesCaughtUp, Duration.ofSeconds(5));
        Set<String> valid = Set.of(totp.codeAt(seed, now), totp.codeAt(seed, now.plusSeconds(30)),
                totp.codeAt(seed, now.plusSeconds(60)), totp.codeAt(seed, now.plusSeconds(90)));
        String wrong = valid.contains("000000") ? "000001" : "000000";
        // Five wrong codes spread over the nodes: no node sees more than two from this caller, the device sees five.
        for (int node : new int[] {0, 1, 2, 0, 1}) {
            assertThatThrownBy(() -> Clients.sts(endpoint(node), user).getSessionToken(r -> r
                    .serialNumber(device.serialNumber()).tokenCode(wrong)))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        String right = totp.codeAt(seed, java.time.Instant.now());
        StsClient noRetries = StsClient.builder().endpointOverride(java.net.URI.create(endpoint(2)))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(user))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(
                        software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
        assertThatThrownBy(() -> noRetries.getSessionToken(r -> r.serialNumber(device.serialNumber())
                .tokenCode(right))).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
    }
}
