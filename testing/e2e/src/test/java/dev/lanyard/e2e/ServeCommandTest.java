package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanyard serve} as a new user meets it, the packaged command in its own process: a port in use, profiles the
 * user added to the generated AWS files, a data directory that lost its master key.
 */
class ServeCommandTest {
    private static final Path JAR = Path.of(System.getProperty("lanyard.repo.dir"), "cli", "target", "lanyard.jar");

    /** A started {@code lanyard serve} and the file its output goes to. */
    private record Serve(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }

        /** Stops it as Ctrl-C would, so the shutdown hook closes the store. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Serve serve(Path dataDir, int port, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                JAR.toString(), "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString());
        builder.environment().remove("LANYARD_MASTER_KEY");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Serve(builder.start(), log);
    }

    /** Starts it and waits until it answers; fails with its output if it exits instead. */
    private static Serve serving(Path dataDir, int port, Map<String, String> env, Path log) throws Exception {
        Serve serve = serve(dataDir, port, env, log);
        Nodes.await(() -> healthy(port) || !serve.process().isAlive(), Duration.ofSeconds(60));
        assertThat(serve.process().isAlive()).as("lanyard serve exited: %s", serve.output()).isTrue();
        return serve;
    }

    /** Runs it to its exit, which must come: a refusal to start. */
    private static String refused(Path dataDir, int port, Map<String, String> env, Path log) throws Exception {
        Serve serve = serve(dataDir, port, env, log);
        boolean exited = serve.process().waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            serve.process().destroyForcibly();
        }
        assertThat(exited).as("lanyard serve kept running: %s", serve.output()).isTrue();
        assertThat(serve.process().exitValue()).as(serve.output()).isNotZero();
        return serve.output();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean healthy(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aPortInUseStopsTheServerBeforeItWritesAnything(@TempDir Path work) throws Exception {
        assertThat(JAR).as("the packaged command (built by the cli module)").exists();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path fresh = work.resolve("fresh");
            String output = refused(fresh, port, Map.of(), work.resolve("fresh.log"));
            assertThat(output).contains("lanyard: cannot listen on 127.0.0.1:" + port)
                    .doesNotContain("serving").doesNotContain(":-1");
            assertThat(entries(fresh)).isEmpty();

            // A data directory in use elsewhere keeps its profile: nothing there names the refused port.
            Path existing = work.resolve("existing");
            int before = freePort();
            serving(existing, before, Map.of(), work.resolve("first.log")).stop();
            byte[] config = Files.readAllBytes(existing.resolve("aws/config"));
            List<String> files = entries(existing);
            String again = refused(existing, port, Map.of(), work.resolve("again.log"));
            assertThat(again).contains("cannot listen on 127.0.0.1:" + port);
            assertThat(Files.readAllBytes(existing.resolve("aws/config"))).isEqualTo(config);
            assertThat(new String(config, StandardCharsets.UTF_8)).contains("endpoint_url = http://127.0.0.1:"
                    + before + "\n");
            assertThat(entries(existing)).isEqualTo(files);
        }
    }

    @Test
    void profilesTheUserAddedSurviveARestart(@TempDir Path work) throws Exception {
        Path dir = work.resolve("data");
        int first = freePort();
        serving(dir, first, Map.of(), work.resolve("first.log")).stop();
        Path config = dir.resolve("aws/config");
        Path credentials = dir.resolve("aws/credentials");
        String mine = "\n# my own account\n[profile mine]\nregion = eu-west-3\noutput = text\n";
        String myKey = "\n[mine]\naws_access_key_id = AKIAEXAMPLEOWNKEY001\naws_secret_access_key = "
                + "x".repeat(40) + "\n";
        Files.writeString(config, Files.readString(config) + mine);
        Files.writeString(credentials, Files.readString(credentials) + myKey);
        // A setting the user added to Lanyard's own profile stays; Lanyard's own settings follow the server.
        Files.writeString(config, Files.readString(config).replace("output = json\n",
                "output = json\ncli_pager =\n"));
        String credentialsBefore = Files.readString(credentials);

        int second = freePort();
        Serve restarted = serving(dir, second, Map.of(), work.resolve("second.log"));
        try {
            String text = Files.readString(config);
            assertThat(text).endsWith(mine).contains("cli_pager =\n")
                    .contains("endpoint_url = http://127.0.0.1:" + second + "\n")
                    .doesNotContain(":" + first + "\n");
            assertThat(Files.readString(credentials)).isEqualTo(credentialsBefore);

            // boto3 reads both files as a user's tools would: the user's profile and Lanyard's, which works.
            ExternalProcess.Result read = ExternalProcess.run(List.of("python3", "-c", String.join("\n",
                    "import boto3",
                    "mine = boto3.Session(profile_name='mine')",
                    "print(mine.region_name, mine.get_credentials().access_key)",
                    "print(boto3.Session(profile_name='lanyard').client('sts').get_caller_identity()['Arn'])")),
                    Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE",
                            credentials.toString()));
            assertThat(read.exitCode()).as(read.stderr()).isZero();
            assertThat(read.stdout().lines().toList()).hasSize(2).first().isEqualTo("eu-west-3 AKIAEXAMPLEOWNKEY001");
            assertThat(read.stdout().lines().toList().get(1)).endsWith(":root");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aDataDirectoryWithoutItsMasterKeyIsRefused(@TempDir Path work) throws Exception {
        Path dir = work.resolve("data");
        int port = freePort();
        serving(dir, port, Map.of(), work.resolve("first.log")).stop();
        Path keyFile = dir.resolve("master.key");
        String key = Files.readString(keyFile).trim();
        Files.delete(keyFile);
        List<String> files = entries(dir);

        String output = refused(dir, port, Map.of(), work.resolve("missing.log"));
        assertThat(output).contains("lanyard: the master key " + keyFile + " is missing")
                .contains("LANYARD_MASTER_KEY");
        assertThat(entries(dir)).isEqualTo(files).doesNotContain("master.key");

        // Any other non-empty directory is refused the same way.
        Path other = Files.createDirectories(work.resolve("notes"));
        Files.writeString(other.resolve("README"), "not a Lanyard directory\n");
        assertThat(refused(other, port, Map.of(), work.resolve("notes.log"))).contains("is not empty");
        assertThat(entries(other)).containsExactly("README");

        // The key from the environment opens the directory again, and still none is written there.
        Serve withKey = serving(dir, port, Map.of("LANYARD_MASTER_KEY", key), work.resolve("env.log"));
        try {
            ExternalProcess.Result identity = ExternalProcess.run(List.of("aws", "--profile", "lanyard", "sts",
                    "get-caller-identity", "--query", "Account", "--output", "text"), Map.of("AWS_CONFIG_FILE",
                    dir.resolve("aws/config").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                    dir.resolve("aws/credentials").toString()));
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(Files.exists(keyFile)).isFalse();
        } finally {
            withKey.stop();
        }
        assertThat(entries(dir)).doesNotContain("master.key");
    }

    /** The packaged command with exactly these arguments, its output in {@code log}. */
    private static Serve run(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LANYARD_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Serve(builder.start(), log);
    }

    @Test
    void aConfigurationFileAndTheEnvironmentConfigureServeAndJsonLogsAreUtc(@TempDir Path work) throws Exception {
        int port = freePort();
        Path config = work.resolve("lanyard.yaml");
        Files.writeString(config, "# settings of the test node\nport: " + port + "\ndata-dir: " + work.resolve("data")
                + "\nnode-id: from-file\nlog:\n  format: json\n  level: [info, dev.lanyard.audit=debug]\n");
        Serve serve = run(work.resolve("serve.log"), Map.of("LANYARD_NODE_ID", "from-environment"), "serve",
                "--config", config.toString());
        try {
            Nodes.await(() -> healthy(port) || !serve.process().isAlive(), Duration.ofSeconds(60));
            assertThat(serve.process().isAlive()).as("lanyard serve exited: %s", serve.output()).isTrue();
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"node\":\"from-environment\"");
            assertThat(Files.exists(work.resolve("data/master.key"))).isTrue();
        } finally {
            serve.stop();
        }
        List<String> jsonLines = serve.output().lines().filter(line -> line.startsWith("{")).toList();
        assertThat(jsonLines).as(serve.output()).isNotEmpty();
        for (String line : jsonLines) {
            var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertThat(record.get("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
            assertThat(record.has("level") && record.has("logger") && record.has("message")).as(line).isTrue();
        }

        // lanyard config check prints what serve used and where each value came from
        Serve check = run(work.resolve("check.log"), Map.of("LANYARD_NODE_ID", "from-environment"), "config",
                "check", "--config", config.toString());
        assertThat(check.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.process().exitValue()).as(check.output()).isZero();
        assertThat(check.output()).contains("port: " + port + "  # " + config + ": port\n",
                "node-id: from-environment  # environment LANYARD_NODE_ID\n", "log-format: json  # " + config
                + ": log-format\n");
    }

    @Test
    void mistakesInTheConfigurationStopServeBeforeItStarts(@TempDir Path work) throws Exception {
        Path config = work.resolve("lanyard.yaml");
        Files.writeString(config, "prot: 8955\ntls-certificate: " + work.resolve("absent.pem") + "\ntls-private-key: "
                + config + "\ndata-dir: " + work.resolve("data") + "\n");
        Serve serve = run(work.resolve("serve.log"), Map.of("LANYARD_MAX_BODY_SIZE", "a lot"), "serve", "--config",
                config.toString());
        assertThat(serve.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.process().exitValue()).as(serve.output()).isNotZero();
        assertThat(serve.output()).contains("the configuration has 3 mistakes:",
                config + ": prot: unknown setting; did you mean 'port'?",
                "LANYARD_MAX_BODY_SIZE: Invalid value for option '--max-body-size': 'a lot' is not an int",
                config + ": tls-certificate: " + work.resolve("absent.pem") + " does not exist");
        assertThat(work.resolve("data")).doesNotExist();
    }
}
