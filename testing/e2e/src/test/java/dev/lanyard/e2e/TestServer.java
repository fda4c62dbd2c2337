package dev.lanyard.e2e;

import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/** The real server on an ephemeral loopback port with a fresh data directory, plus its root credentials. */
final class TestServer implements AutoCloseable {
    final Path dataDirectory;
    private LanyardServer server;

    private final Clock clock;
    private final UnaryOperator<LanyardConfig> settings;

    private TestServer(Path dataDirectory, Clock clock, UnaryOperator<LanyardConfig> settings) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.settings = settings;
        this.server = LanyardServer.start(config(dataDirectory), clock);
    }

    private LanyardConfig config(Path dataDirectory) {
        return settings.apply(LanyardConfig.defaults(dataDirectory).withPort(0)
                .withKeyRotationPeriod(java.time.Duration.ofMinutes(30))
                .withOidcLoopback(true, java.util.Optional.empty()));
    }

    static TestServer start() {
        return start(Clock.systemUTC());
    }

    static TestServer start(Clock clock) {
        return start(clock, UnaryOperator.identity());
    }

    /** With test settings changed by {@code settings} (region, HTTP limits, ...). */
    static TestServer start(Clock clock, UnaryOperator<LanyardConfig> settings) {
        try {
            return new TestServer(Files.createTempDirectory("lanyard-e2e"), clock, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and starts a new one on the same data directory. */
    void restart() {
        restart(() -> { });
    }

    /** As {@link #restart()}, running {@code whileStopped} (an offline command) in between. */
    void restart(Runnable whileStopped) {
        server.close();
        whileStopped.run();
        server = LanyardServer.start(config(dataDirectory), clock);
    }

    /**
     * Stops the server, lets {@code whileStopped} write to its store directly (for states the API would take minutes
     * to build), and starts it again on the same data directory.
     */
    void restart(java.util.function.Consumer<dev.lanyard.iam.spi.IamStore> whileStopped) {
        server.close();
        try (var store = dev.lanyard.store.jdbc.EmbeddedDatabase.open(dataDirectory, masterKey(),
                java.time.Duration.ofMinutes(1), clock)) {
            whileStopped.accept(store);
        }
        server = LanyardServer.start(config(dataDirectory), clock);
    }

    private dev.lanyard.tokens.MasterKey masterKey() {
        try {
            return dev.lanyard.tokens.MasterKey.fromBase64(Files.readString(dataDirectory.resolve("master.key"))
                    .trim(), new java.security.SecureRandom());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return server.endpointUrl();
    }

    /** Where /metrics is served on its own port; the server must have been started with one. */
    String metricsEndpoint() {
        return server.metricsEndpointUrl().orElseThrow();
    }

    /** The S3 gateway's endpoint; the server must have been started with one. */
    String s3Endpoint() {
        return server.s3EndpointUrl().orElseThrow();
    }

    int port() {
        return server.port();
    }

    /** Every IAM action the server serves, from its operation registry. */
    java.util.Set<String> iamActions() {
        return server.iamActions();
    }

    /** Every STS action the server serves. */
    java.util.Set<String> stsActions() {
        return server.stsActions();
    }

    String accountId() {
        return server.managementAccountId();
    }

    Path configFile() {
        return server.configFile();
    }

    Path credentialsFile() {
        return server.credentialsFile();
    }

    /** The root access key id and secret from the generated credentials file. */
    List<String> rootCredentials() {
        try {
            List<String> lines = Files.readAllLines(credentialsFile());
            String id = lines.stream().filter(l -> l.startsWith("aws_access_key_id")).findFirst().orElseThrow();
            String secret = lines.stream().filter(l -> l.startsWith("aws_secret_access_key")).findFirst()
                    .orElseThrow();
            return List.of(id.substring(id.indexOf('=') + 1).trim(), secret.substring(secret.indexOf('=') + 1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
