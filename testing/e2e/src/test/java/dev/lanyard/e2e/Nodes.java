package dev.lanyard.e2e;

import dev.lanyard.server.DatabaseSettings;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.store.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Several Lanyard nodes sharing one real PostgreSQL, as a deployment runs them. */
final class Nodes {
    final PostgresServer postgres;
    final String masterKey;

    Nodes(PostgresServer postgres) {
        this.postgres = postgres;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.masterKey = Base64.getEncoder().encodeToString(key);
    }

    LanyardConfig config(String nodeId, Duration rotation, Duration keyCheck) {
        try {
            Path dir = Files.createTempDirectory("lanyard-" + nodeId);
            return LanyardConfig.defaults(dir).withPort(0).withNodeId(nodeId)
                    .withMasterKey(Optional.of(masterKey)).withKeyRotationPeriod(rotation).withKeyCheckInterval(keyCheck)
                    .withDatabase(Optional.of(new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LanyardServer start(String nodeId) {
        return LanyardServer.start(config(nodeId, Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    static List<String> rootCredentials(LanyardServer node) {
        try {
            List<String> lines = Files.readAllLines(node.credentialsFile());
            return List.of(value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    /** Waits for something another node or process does; returns how long it took. */
    static Duration await(BooleanSupplier condition, Duration limit) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
