package dev.lanyard.cli;

import dev.lanyard.server.DatabaseSettings;
import dev.lanyard.server.HttpLimits;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanyard serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Lanyard with the embedded store in a data directory.")
final class ServeCommand implements Runnable {
    @Option(names = "--port", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).",
            defaultValue = "" + LanyardConfig.DEFAULT_PORT)
    int port;

    @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).",
            defaultValue = LanyardConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--data-dir", description = "Data directory (default ${DEFAULT-VALUE}).",
            defaultValue = "lanyard-data")
    Path dataDirectory;

    @Option(names = "--database-url", description = "PostgreSQL JDBC URL shared by several nodes (default: the"
            + " embedded store in the data directory). Credentials come from LANYARD_DB_USER and LANYARD_DB_PASSWORD"
            + " or --database-password-file.")
    Optional<String> databaseUrl;

    @Option(names = "--database-password-file", description = "File holding the database password.")
    Optional<Path> databasePasswordFile;

    @Option(names = "--master-key-file", description = "File holding the master key (base64 of 32 bytes; during a"
            + " rotation several, one a line, the new one first), re-read when it changes; nodes sharing a database"
            + " must all have the same keys. Default: LANYARD_MASTER_KEY, else DATA_DIR/master.key.")
    Optional<Path> masterKeyFile;

    @Option(names = "--node-id", description = "Name of this node in logs and health (default ${DEFAULT-VALUE}).",
            defaultValue = "node-1")
    String nodeId;

    @Option(names = "--oidc-allow-insecure-loopback", description = "Accept OIDC providers at plain-http loopback"
            + " URLs (http://127.0.0.1:PORT), for tests and development only.")
    boolean oidcAllowInsecureLoopback;

    @Option(names = "--oidc-ca-bundle", description = "PEM file of extra CA certificates trusted for OIDC discovery"
            + " and JWKS endpoints.")
    Optional<Path> oidcCaBundle;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close a connection idle this long"
            + " between requests (default ${DEFAULT-VALUE}).", defaultValue = "" + HttpLimits.DEFAULT_IDLE_SECONDS)
    long idleTimeoutSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", description = "Close a connection whose request"
            + " (headers and body) has not all arrived this long after its first byte (default ${DEFAULT-VALUE}).",
            defaultValue = "" + HttpLimits.DEFAULT_REQUEST_READ_SECONDS)
    long requestTimeoutSeconds;

    @Option(names = "--write-timeout", paramLabel = "SECONDS", description = "Close a connection whose client has not"
            + " taken an answer's bytes this long after they were written (default ${DEFAULT-VALUE}).",
            defaultValue = "" + HttpLimits.DEFAULT_RESPONSE_WRITE_SECONDS)
    long writeTimeoutSeconds;

    @Option(names = "--s3-port", description = "Serve the S3 gateway on this port (0 picks a free one); needs"
            + " --s3-backend. Backend credentials come from " + BackendCredentials.ACCESS_KEY_VARIABLE + " and "
            + BackendCredentials.SECRET_KEY_VARIABLE + " or --s3-backend-credentials-file.")
    Optional<Integer> s3Port;

    @Option(names = "--s3-backend", description = "The S3-compatible store the gateway forwards to,"
            + " http(s)://host[:port].")
    Optional<URI> s3Backend;

    @Option(names = "--s3-domain", description = "Base domain for virtual-hosted-style bucket addressing"
            + " (bucket.DOMAIN); repeatable. Without one, buckets are addressed path-style only.")
    List<String> s3Domains = new ArrayList<>();

    @Option(names = "--s3-backend-credentials-file", description = "Properties file with aws_access_key_id and"
            + " aws_secret_access_key of the backend.")
    Optional<Path> s3BackendCredentialsFile;

    @Option(names = "--region", description = "The home region: the region clients sign for besides us-east-1 and"
            + " aws-global, the global endpoint (default ${DEFAULT-VALUE}).", defaultValue = LanyardConfig.DEFAULT_REGION)
    String region;

    @Option(names = "--enabled-regions", split = ",", paramLabel = "REGION", description = "More regions whose"
            + " regional STS endpoints are active (comma-separated, e.g. the region Terraform or an SDK signs for); STS"
            + " in any other region answers RegionDisabledException. Default: only the home region and us-east-1.")
    List<String> enabledRegions = new ArrayList<>();

    @Override
    public void run() {
        LanyardConfig config = LanyardConfig.defaults(dataDirectory.toAbsolutePath()).withPort(port).withHost(host)
                .withMasterKey(Optional.ofNullable(System.getenv("LANYARD_MASTER_KEY")))
                .withMasterKeyFile(masterKeyFile.map(Path::toAbsolutePath)).withDatabase(database()).withNodeId(nodeId)
                .withOidcLoopback(oidcAllowInsecureLoopback, oidcCaBundle)
                .withHttpLimits(new HttpLimits(Duration.ofSeconds(idleTimeoutSeconds),
                        Duration.ofSeconds(requestTimeoutSeconds), Duration.ofSeconds(writeTimeoutSeconds)))
                .withS3Gateway(s3Gateway()).withRegion(region).withEnabledRegions(enabledRegions);
        LanyardServer server = LanyardServer.start(config);
        // The JVM's own ways to stop (SIGHUP, a signal it kept for itself) still close the store, and only once.
        Thread hook = new Thread(server::close, "lanyard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals signals = StopSignals.install();
        printUsage(server);
        String signal;
        try {
            signal = signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        System.err.println("lanyard: " + signal + ": stopping (refusing new connections, finishing the requests in"
                + " flight)");
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // another signal left to the JVM (SIGHUP) began its shutdown meanwhile; the hook finds the server closed
        }
        System.err.println("lanyard: stopped");
    }

    private Optional<S3GatewayConfig> s3Gateway() {
        if (s3Port.isEmpty()) {
            if (s3Backend.isPresent()) {
                throw new IllegalArgumentException("--s3-backend needs --s3-port");
            }
            return Optional.empty();
        }
        URI backend = s3Backend.orElseThrow(() -> new IllegalArgumentException("--s3-port needs --s3-backend"));
        BackendCredentials credentials = s3BackendCredentialsFile.map(BackendCredentials::fromFile)
                .or(() -> BackendCredentials.fromEnvironment(System.getenv()))
                .orElseThrow(() -> new IllegalArgumentException("the S3 gateway needs the backend's key: set "
                        + BackendCredentials.ACCESS_KEY_VARIABLE + " and " + BackendCredentials.SECRET_KEY_VARIABLE
                        + ", or --s3-backend-credentials-file"));
        return Optional.of(S3GatewayConfig.of(host, s3Port.get(), backend, credentials, s3Domains));
    }

    private Optional<DatabaseSettings> database() {
        if (databaseUrl.isEmpty()) {
            return Optional.empty();
        }
        String user = Optional.ofNullable(System.getenv("LANYARD_DB_USER")).orElse("lanyard");
        String password = databasePasswordFile.map(ServeCommand::read)
                .orElseGet(() -> Optional.ofNullable(System.getenv("LANYARD_DB_PASSWORD")).orElse(""));
        return Optional.of(new DatabaseSettings(databaseUrl.get(), user, password));
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void printUsage(LanyardServer server) {
        System.out.println(BuildInfo.current().summary() + " is serving AWS STS, IAM and Organizations at "
                + server.endpointUrl());
        server.s3EndpointUrl().ifPresent(url -> System.out.println("The S3 gateway is serving at " + url));
        System.out.println((server.firstStart() ? "Created" : "Using") + " management account "
                + server.managementAccountId() + "; its root credentials are in " + server.credentialsFile());
        System.out.println("Try:");
        System.out.println("  export AWS_CONFIG_FILE=" + server.configFile());
        System.out.println("  export AWS_SHARED_CREDENTIALS_FILE=" + server.credentialsFile());
        System.out.println("  export AWS_PROFILE=lanyard");
        System.out.println("  aws sts get-caller-identity");
        System.out.flush();
    }
}
