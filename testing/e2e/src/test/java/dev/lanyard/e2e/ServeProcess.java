package dev.lanyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code lanyard serve} from the packaged jar as its own process on the embedded store, so a test can kill it with
 * SIGKILL (no shutdown hook, no flush) or stop it with SIGTERM, as an operator would.
 */
final class ServeProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("lanyard.repo.dir"), "cli", "target", "lanyard.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path dataDirectory;

    private ServeProcess(Process process, int port, Path dataDirectory) {
        this.process = process;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the process; its output is appended to {@code log}. Does not wait for it to serve. */
    static ServeProcess launch(Path dataDirectory, Path log, String... options) {
        try {
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                    "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "serve", "--port", Integer.toString(port),
                    "--data-dir", dataDirectory.toString()));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().remove("LANYARD_MASTER_KEY");
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ServeProcess(builder.start(), port, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process and waits until {@code /health} answers. */
    static ServeProcess start(Path dataDirectory, Path log, String... options) {
        ServeProcess server = launch(dataDirectory, log, options);
        server.awaitServing(Duration.ofSeconds(180), log); // a loaded machine once took 49 s; a dead process fails at once
        return server;
    }

    private void awaitServing(Duration limit, Path log) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (health().isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("lanyard serve did not start; its log:\n" + read(log));
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** The body of {@code GET /health}, or empty while nothing answers. */
    Optional<String> health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    Process process() {
        return process;
    }

    /** The root credentials {@code serve} wrote on its first start. */
    AwsCredentials rootCredentials() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("aws").resolve("credentials"));
            return Clients.basic(value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    /** SIGKILL: the process gets no chance to flush, sync or run a shutdown hook. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as {@code kill PID} or a service manager would send; returns the exit code. */
    int terminate(Duration limit) {
        process.destroy();
        return awaitExit(limit);
    }

    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("lanyard serve (pid " + process.pid() + ") still runs after " + limit);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs another lanyard command from the packaged jar, as an operator would beside the server; waits for it. */
    static CliRunner.Result command(Path log, String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                    "-jar", JAR.toString()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().remove("LANYARD_MASTER_KEY");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("lanyard " + String.join(" ", arguments) + " still runs after 120 s");
            }
            return new CliRunner.Result(process.exitValue(), read(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Removes a test's temporary directory and everything in it. */
    static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary directory fails nothing
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
