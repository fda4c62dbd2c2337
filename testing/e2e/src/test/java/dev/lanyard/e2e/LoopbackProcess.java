package dev.lanyard.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What the test backends run as their own processes on loopback (s3proxy, moto) share: port, start, stop. */
final class LoopbackProcess {
    private LoopbackProcess() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits up to a minute until {@code probe} answers anything at all; stops the process if it never does. */
    static void awaitAnswering(String name, Process process, URI probe, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); // slow only under load; exits fail at once
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) probe.toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode(); // any answer (403 for an unsigned request) means it listens
                c.disconnect();
                return;
            } catch (IOException notYet) {
                ServeProcess.sleep(Duration.ofMillis(100));
            }
        }
        stop(process);
        throw new IllegalStateException(name + " did not start listening: " + Files.readString(log));
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
