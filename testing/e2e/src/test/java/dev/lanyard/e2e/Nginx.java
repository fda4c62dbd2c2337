package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** nginx from PATH or /usr/sbin (installed by .ci/run), on a free loopback port, in its own directory. */
final class Nginx implements AutoCloseable {
    final int port;
    private final Path directory;
    private final Process process;

    private Nginx(int port, Path directory, Process process) {
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    /** nginx with the server blocks {@code servers} makes for the port it listens on. */
    static Nginx start(java.util.function.IntFunction<String> servers) throws IOException {
        Path directory = Files.createTempDirectory("lanyard-nginx");
        int port = freePort();
        Files.writeString(directory.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %3$s
                }
                """.formatted(directory, port, servers.apply(port)));
        Process process = new ProcessBuilder(binary(), "-p", directory.toString(), "-e",
                directory.resolve("error.log").toString(), "-c", directory.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(port, directory, process);
        Nodes.await(() -> accepts(port) || !process.isAlive(), Duration.ofSeconds(30));
        assertThat(process.isAlive()).as(nginx.log()).isTrue();
        return nginx;
    }

    private static String binary() {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path candidate = Path.of(dir, "nginx");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("nginx is required (.ci/run installs it)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status of each request in the access log (the number after the quoted request line). */
    List<String> statuses() throws IOException {
        return Files.readAllLines(directory.resolve("access.log")).stream()
                .map(line -> line.replaceFirst("^[^\"]*\"[^\"]*\" (\\d{3}) .*$", "$1"))
                .toList();
    }

    String log() {
        try {
            StringBuilder all = new StringBuilder();
            for (String name : List.of("error.log", "access.log", "stdout.log")) {
                Path file = directory.resolve(name);
                if (Files.exists(file)) {
                    all.append("\n--- nginx ").append(name).append(":\n").append(Files.readString(file));
                }
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
