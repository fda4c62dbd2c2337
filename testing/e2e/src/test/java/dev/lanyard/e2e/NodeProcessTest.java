package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.server.LanyardServer;
import dev.lanyard.store.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;

/** Nodes as separate processes of the packaged command: killed mid-write, or started without a database. */
class NodeProcessTest {
    private static final Path JAR = Path.of(System.getProperty("lanyard.repo.dir"), "cli", "target", "lanyard.jar");

    private static Process node(Nodes nodes, int port, Path dataDir, String id) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                JAR.toString(), "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--database-url", nodes.postgres.jdbcUrl(), "--node-id", id);
        builder.environment().put("LANYARD_MASTER_KEY", nodes.masterKey);
        builder.environment().put("LANYARD_DB_USER", nodes.postgres.user());
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("node.log").toFile());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void killNineMidWritesLosesNoAcknowledgedWrite() throws Exception {
        assertThat(JAR).as("the packaged command (built by the cli module)").exists();
        try (PostgresServer postgres = PostgresServer.start()) {
            Nodes nodes = new Nodes(postgres);
            try (LanyardServer survivor = nodes.start("survivor")) {
                List<String> creds = Nodes.rootCredentials(survivor);
                AwsCredentials root = Clients.basic(creds.get(0), creds.get(1));
                int port = freePort();
                Path dir = Files.createTempDirectory("lanyard-victim");
                List<String> acknowledged = new ArrayList<>();
                Process victim = node(nodes, port, dir, "victim");
                try {
                    Nodes.await(() -> healthy(port), Duration.ofSeconds(30));
                    IamClient iam = Clients.iam("http://127.0.0.1:" + port, root);
                    Thread writer = Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            String name = "written-" + i;
                            try {
                                iam.createUser(r -> r.userName(name).path("/durable/"));
                                synchronized (acknowledged) {
                                    acknowledged.add(name);
                                }
                            } catch (RuntimeException e) {
                                return; // the node is gone
                            }
                        }
                    });
                    Nodes.await(() -> {
                        synchronized (acknowledged) {
                            return acknowledged.size() >= 25;
                        }
                    }, Duration.ofSeconds(60));
                    victim.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                    assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    writer.join(Duration.ofSeconds(30));
                } finally {
                    victim.destroyForcibly();
                }
                List<String> acked;
                synchronized (acknowledged) {
                    acked = List.copyOf(acknowledged);
                }
                IamClient survivorIam = Clients.iam(survivor.endpointUrl(), root);
                Nodes.await(() -> names(survivorIam).containsAll(acked), Duration.ofSeconds(5));
                List<User> found = survivorIam.listUsersPaginator(r -> r.pathPrefix("/durable/")).users().stream()
                        .toList();
                // Every acknowledged write is there; at most the one in flight at the kill may be there too, whole.
                assertThat(found.size()).isBetween(acked.size(), acked.size() + 1);
                assertThat(found).allSatisfy(u -> {
                    assertThat(u.userId()).startsWith("AIDA");
                    assertThat(u.arn()).endsWith(":user/durable/" + u.userName());
                });
            }
        }
    }

    private static List<String> names(IamClient iam) {
        return iam.listUsersPaginator(r -> r.pathPrefix("/durable/")).users().stream().map(User::userName).toList();
    }

    @Test
    void aWriteThatCannotGetItsLockAnswers503ShowsInHealthAndSigtermStillStopsTheNode() throws Exception {
        assertThat(JAR).exists();
        try (PostgresServer postgres = PostgresServer.start()) {
            Nodes nodes = new Nodes(postgres);
            int port = freePort();
            Path dir = Files.createTempDirectory("lanyard-locked");
            Process node = node(nodes, port, dir, "locked");
            try {
                Nodes.await(() -> healthy(port), Duration.ofSeconds(60));
                List<String> lines = Files.readAllLines(dir.resolve("aws").resolve("credentials"));
                AwsCredentials root = Clients.basic(value(lines, "aws_access_key_id"),
                        value(lines, "aws_secret_access_key"));
                IamClient iam = IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                        .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                                .create(root))
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.retryStrategy(
                                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                        .build();
                iam.createUser(r -> r.userName("before-the-lock"));
                try (Connection other = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
                    // another session holds the row every write locks first: as a node whose write is stuck would
                    other.setAutoCommit(false);
                    other.createStatement().executeQuery("SELECT version FROM lanyard_meta WHERE id = 1 FOR UPDATE")
                            .close();
                    assertThatThrownBy(() -> iam.createUser(r -> r.userName("during-the-lock")))
                            .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(503);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                            });
                    assertThat(health(port)).contains("\"status\":\"DEGRADED\"").contains("storeProblem");
                    Thread waiting = Thread.ofPlatform().start(() -> {
                        try {
                            iam.createUser(r -> r.userName("in-flight-at-sigterm"));
                        } catch (RuntimeException e) {
                            // refused or cut off by the stop: either is fine, hanging is not
                        }
                    });
                    node.destroy(); // SIGTERM while a write waits for the lock
                    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
                    waiting.join(Duration.ofSeconds(30));
                }
            } finally {
                node.destroyForcibly();
            }
        }
    }

    private static String health(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    @Test
    void aNodeWithoutItsDatabaseRefusesToStartAndSaysWhy() throws Exception {
        assertThat(JAR).exists();
        try (PostgresServer postgres = PostgresServer.start()) {
            Nodes nodes = new Nodes(postgres);
            postgres.stopServer();
            Path dir = Files.createTempDirectory("lanyard-nodb");
            Process process = node(nodes, freePort(), dir, "orphan");
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(dir.resolve("node.log"))).contains("database");
            postgres.startServer();
        }
    }
}
