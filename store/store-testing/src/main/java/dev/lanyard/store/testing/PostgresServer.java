package dev.lanyard.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (the machine's initdb/pg_ctl) on a free loopback port in a temporary directory, for tests.
 * initdb refuses to run as root, so as root the cluster belongs to the {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path directory, int port, boolean asPostgresUser) {
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() {
        try {
            Path directory = Files.createTempDirectory("lanyard-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            PostgresServer server = new PostgresServer(directory, freePort(), root);
            if (root) {
                directory.toFile().setWritable(true, false);
                run(List.of("chown", "postgres:postgres", directory.toString()));
            }
            server.pg(List.of("initdb", "-D", server.dataDir(), "-U", "lanyard", "--auth=trust", "-E", "UTF8",
                    "--no-locale"));
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String dataDir() {
        return directory.resolve("data").toString();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "lanyard";
    }

    /** Creates the database {@code name} (a fresh one per test) and returns its JDBC URL. */
    public String createDatabase(String name) {
        pg(List.of("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", user(), name));
        return jdbcUrl().replace("/postgres", "/" + name);
    }

    /** Starts (again) a stopped server on the same port and data. */
    public void startServer() {
        pg(List.of("pg_ctl", "-D", dataDir(), "-l", directory.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200", "start"));
    }

    /** Stops the server at once (an outage, as far as clients can tell). */
    public void stopServer() {
        pg(List.of("pg_ctl", "-D", dataDir(), "-w", "-m", "immediate", "stop"));
    }

    private void pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (is PostgreSQL installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
