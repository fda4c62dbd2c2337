package dev.lanyard.cli;

import dev.lanyard.authorizeapi.ServiceCatalogue;
import dev.lanyard.authz.TrustedProxies;
import dev.lanyard.server.AuditRetention;
import dev.lanyard.server.DatabaseSettings;
import dev.lanyard.server.HttpLimits;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.NetworkSettings;
import dev.lanyard.server.TlsFiles;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanyard serve}: runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Lanyard with the embedded store in a data directory.")
final class ServeCommand implements Runnable {
    /** Lanyard's bounds for the token-key rotation period: often enough to matter, rarely enough to be cheap. */
    static final Duration MIN_ROTATION = Duration.ofHours(1);
    static final long MIN_AUDIT_BYTES = 1024 * 1024;
    static final Duration MAX_ROTATION = Duration.ofDays(365);
    static final int MAX_BODY_LIMIT = 64 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = ConfigLayers.CONFIG_OPTION, paramLabel = "FILE", description = "YAML file of settings: each key"
            + " a flag's name without '--' (port: 8955). Flags win over LANYARD_<FLAG> environment variables, which"
            + " win over the file.")
    Optional<Path> config;

    @Option(names = "--public-url", paramLabel = "URL", description = "The URL clients reach this server at"
            + " (https://sts.example.com behind a load balancer): the outbound OIDC issuer and the profile's endpoint."
            + " Default: this listener's own address.")
    Optional<URI> publicUrl;

    @Option(names = "--tls-certificate", paramLabel = "FILE", description = "PEM certificate chain (the server's"
            + " certificate first) for TLS on the Query API listener and, without --s3-tls-certificate, the S3"
            + " gateway's; reloaded when the file changes. Needs --tls-private-key.")
    Optional<Path> tlsCertificate;

    @Option(names = "--tls-private-key", paramLabel = "FILE", description = "PEM private key (PKCS#8 or RSA) of"
            + " --tls-certificate; reloaded when the file changes.")
    Optional<Path> tlsPrivateKey;

    @Option(names = "--s3-tls-certificate", paramLabel = "FILE", description = "PEM certificate chain of the S3"
            + " gateway's listener, when it differs from --tls-certificate (a wildcard for bucket.DOMAIN).")
    Optional<Path> s3TlsCertificate;

    @Option(names = "--s3-tls-private-key", paramLabel = "FILE", description = "PEM private key of"
            + " --s3-tls-certificate.")
    Optional<Path> s3TlsPrivateKey;

    @Option(names = "--trusted-proxies", paramLabel = "CIDR", split = ",", description = "Networks of the proxies"
            + " and load balancers in front of Lanyard (10.0.0.0/8,192.0.2.7). Only from these peers do"
            + " X-Forwarded-For and X-Forwarded-Proto set aws:SourceIp and aws:SecureTransport.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "Log lines as text or json, with UTC"
            + " times (default ${DEFAULT-VALUE}).", defaultValue = "text")
    LogSetup.Format logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", split = ",", description = "The log level (off, error,"
            + " warning, info, debug, trace), and per component as COMPONENT=LEVEL (dev.lanyard.audit=debug);"
            + " default info.")
    List<String> logLevels = new ArrayList<>();

    @Option(names = "--max-body-size", paramLabel = "BYTES", description = "Largest Query API request body"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "" + LanyardConfig.DEFAULT_MAX_BODY)
    int maxBodySize;

    @Option(names = "--token-key-rotation", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the session-token key and the outbound signing key rotate: 12h, 7d, PT36H"
            + " (default ${DEFAULT-VALUE}; between 1h and 365d).", defaultValue = "24h")
    Duration tokenKeyRotation;

    @Option(names = "--audit-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delete audit records older than this (90d, 2160h) from DATA_DIR/audit and, with"
            + " --database-url, from the audit_event table; at least 1h. Default: keep everything.")
    Optional<Duration> auditRetention = Optional.empty();

    @Option(names = "--audit-max-bytes", paramLabel = "BYTES", description = "Delete the oldest audit files while"
            + " DATA_DIR/audit holds more than this many bytes (the file being written stays); at least 1048576."
            + " Default: no limit.")
    Optional<Long> auditMaxBytes = Optional.empty();

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

    @Mixin
    MetricsAndThrottlingOptions metricsAndThrottling = new MetricsAndThrottlingOptions();

    @Option(names = "--service-catalogue", description = "JSON file declaring the services the authorization API"
            + " (POST /authorize/v1) answers for: their actions, resource ARN formats and condition keys"
            + " (docs/authorization-api.md).")
    Optional<Path> serviceCatalogue;

    /** Where each option's value came from (flag, environment, file or default). */
    Map<String, ConfigLayers.Source> sources = Map.of();
    Map<String, String> environment = Map.of();
    /** Held while serving: the loggers' levels live only as long as the loggers. */
    private LogSetup logs;

    @Option(names = "--region", description = "The home region: the region clients sign for besides us-east-1 and"
            + " aws-global, the global endpoint (default ${DEFAULT-VALUE}).", defaultValue = LanyardConfig.DEFAULT_REGION)
    String region;

    @Option(names = "--enabled-regions", split = ",", paramLabel = "REGION", description = "More regions whose"
            + " regional STS endpoints are active (comma-separated, e.g. the region Terraform or an SDK signs for); STS"
            + " in any other region answers RegionDisabledException. Default: only the home region and us-east-1.")
    List<String> enabledRegions = new ArrayList<>();

    @Override
    public void run() {
        effective(spec.commandLine().getParseResult(), System.getenv()).serve();
    }

    /** The command with the environment and the configuration file layered under the flags it was given. */
    static ServeCommand effective(CommandLine.ParseResult parsed, Map<String, String> environment) {
        ConfigLayers.Resolved resolved = ConfigLayers.resolve(ServeCommand::new, parsed, environment);
        // the values that did not parse are left out, so the rest is still checked and every mistake told at once
        ServeCommand effective = new ServeCommand();
        new CommandLine(effective).parseArgs(resolved.args().toArray(String[]::new));
        effective.sources = resolved.sources();
        effective.environment = Map.copyOf(environment);
        if (!resolved.mistakes().isEmpty()) {
            List<String> all = new ArrayList<>(resolved.mistakes());
            all.addAll(effective.mistakes());
            throw new ConfigurationException(all);
        }
        return effective;
    }

    /** Every mistake in the settings, one sentence each; empty when the server can start with them. */
    List<String> mistakes() {
        List<String> mistakes = new ArrayList<>();
        checkPort(mistakes, "--port", port);
        s3Port.ifPresent(p -> checkPort(mistakes, "--s3-port", p));
        for (OptionSpec option : ConfigLayers.settable(spec)) {
            checkInputFile(mistakes, option);
        }
        Map.of("--idle-timeout", idleTimeoutSeconds, "--request-timeout", requestTimeoutSeconds,
                "--write-timeout", writeTimeoutSeconds).forEach((name, seconds) -> {
                    if (seconds < 1 || seconds > Duration.ofDays(1).toSeconds()) {
                        mistakes.add(source(name) + ": must be 1 to 86400 seconds, not " + seconds);
                    }
                });
        if (maxBodySize < 1024 || maxBodySize > MAX_BODY_LIMIT) {
            mistakes.add(source("--max-body-size") + ": must be 1024 to " + MAX_BODY_LIMIT + " bytes, not "
                    + maxBodySize);
        }
        auditRetention.filter(age -> age.compareTo(Duration.ofHours(1)) < 0).ifPresent(age -> mistakes.add(
                source("--audit-retention") + ": must be at least 1h, not " + DurationConverter.format(age)));
        auditMaxBytes.filter(bytes -> bytes < MIN_AUDIT_BYTES).ifPresent(bytes -> mistakes.add(
                source("--audit-max-bytes") + ": must be at least " + MIN_AUDIT_BYTES + " bytes, not " + bytes));
        if (tokenKeyRotation.compareTo(MIN_ROTATION) < 0 || tokenKeyRotation.compareTo(MAX_ROTATION) > 0) {
            mistakes.add(source("--token-key-rotation") + ": must be between 1h and 365d, not " + tokenKeyRotation);
        }
        mistakes.addAll(LogSetup.mistakes(logLevels));
        collect(mistakes, "--public-url", () -> publicUrl.map(NetworkSettings::checkedPublicUrl));
        collect(mistakes, "--trusted-proxies", () -> TrustedProxies.of(trustedProxies));
        // files that are missing were named above; what a present pair holds is checked here
        collect(mistakes, "--tls-certificate", () -> tls(tlsCertificate, tlsPrivateKey, "--tls-certificate",
                "--tls-private-key").filter(ServeCommand::readable).map(TlsFiles::load));
        collect(mistakes, "--s3-tls-certificate", () -> tls(s3TlsCertificate, s3TlsPrivateKey,
                "--s3-tls-certificate", "--s3-tls-private-key").filter(ServeCommand::readable).map(TlsFiles::load));
        if (s3Port.isEmpty() && (s3TlsCertificate.isPresent() || s3TlsPrivateKey.isPresent())) {
            mistakes.add(source("--s3-tls-certificate") + ": the S3 gateway's TLS needs the gateway (--s3-port)");
        }
        collect(mistakes, "--s3-port", this::s3Gateway);
        // read before anything opens, so a catalogue the API cannot mean stops serve (and config check) at once
        collect(mistakes, "--service-catalogue", () -> serviceCatalogue.filter(Files::isReadable)
                .filter(path -> !Files.isDirectory(path)).map(ServeCommand::readCatalogue));
        return mistakes;
    }

    private static ServiceCatalogue readCatalogue(Path file) {
        try {
            return ServiceCatalogue.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The server's settings; {@link ConfigurationException} lists every mistake. */
    LanyardConfig config() {
        List<String> mistakes = mistakes();
        if (!mistakes.isEmpty()) {
            throw new ConfigurationException(mistakes);
        }
        LanyardConfig config = LanyardConfig.defaults(dataDirectory.toAbsolutePath()).withPort(port).withHost(host)
                .withMasterKey(Optional.ofNullable(environment.get("LANYARD_MASTER_KEY")))
                .withMasterKeyFile(masterKeyFile.map(Path::toAbsolutePath)).withDatabase(database()).withNodeId(nodeId)
                .withOidcLoopback(oidcAllowInsecureLoopback, oidcCaBundle)
                .withHttpLimits(new HttpLimits(Duration.ofSeconds(idleTimeoutSeconds),
                        Duration.ofSeconds(requestTimeoutSeconds), Duration.ofSeconds(writeTimeoutSeconds)))
                .withS3Gateway(s3Gateway()).withRegion(region).withEnabledRegions(enabledRegions)
                .withServiceCatalogue(serviceCatalogue.map(Path::toAbsolutePath))
                .withMaxBodyBytes(maxBodySize)
                .withKeyRotationPeriod(tokenKeyRotation)
                .withAuditRetention(new AuditRetention(auditRetention, auditMaxBytes))
                .withNetwork(new NetworkSettings(publicUrl, tls(tlsCertificate, tlsPrivateKey, "--tls-certificate",
                        "--tls-private-key"), tls(s3TlsCertificate, s3TlsPrivateKey, "--s3-tls-certificate",
                        "--s3-tls-private-key"), TrustedProxies.of(trustedProxies)));
        return metricsAndThrottling.apply(config);
    }

    /** The effective settings as a lanyard.yaml, each with where it came from; secrets redacted. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (OptionSpec option : ConfigLayers.settable(spec)) {
            Object value = option.getValue();
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            String key = ConfigLayers.key(option);
            ConfigLayers.Source source = sources.getOrDefault(option.longestName(),
                    new ConfigLayers.Source(ConfigLayers.Origin.DEFAULT, "default"));
            String comment = "  # " + switch (source.origin()) {
                case FLAG -> "flag " + source.where();
                case ENVIRONMENT -> "environment " + source.where();
                case FILE -> source.where();
                case DEFAULT -> "default";
            };
            if (option.longestName().equals(ConfigLayers.CONFIG_OPTION)) {
                out.append("# ").append(key).append(": ").append(value == null ? "(none)" : value).append(comment)
                        .append('\n');
            } else if (value == null || value instanceof List<?> list && list.isEmpty()) {
                out.append("# ").append(key).append(": (not set)").append(comment).append('\n');
            } else if (value instanceof List<?> list) {
                out.append(key).append(":").append(comment).append('\n');
                list.forEach(element -> out.append("  - ").append(yaml(option, element)).append('\n'));
            } else {
                out.append(key).append(": ").append(yaml(option, value)).append(comment).append('\n');
            }
        }
        return out.toString();
    }

    private static String yaml(OptionSpec option, Object value) {
        String text = ConfigLayers.redact(option, value instanceof Duration d ? DurationConverter.format(d)
                : value.toString());
        return text.matches("[A-Za-z0-9_./:@=+,-]+") && !text.startsWith("@") ? text
                : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String source(String option) {
        ConfigLayers.Source source = sources.get(option);
        return source == null || source.origin() == ConfigLayers.Origin.DEFAULT
                || source.origin() == ConfigLayers.Origin.FLAG ? option : source.where();
    }

    private void checkPort(List<String> mistakes, String option, int value) {
        if (value < 0 || value > 65535) {
            mistakes.add(source(option) + ": must be a port from 0 to 65535, not " + value);
        }
    }

    /**
     * Every file option names a file that exists and can be read (the data directory is made when missing; the
     * configuration file was read already).
     */
    private void checkInputFile(List<String> mistakes, OptionSpec option) {
        Object value = option.getValue();
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        if (!(value instanceof Path path) || option.longestName().equals("--data-dir")
                || option.longestName().equals(ConfigLayers.CONFIG_OPTION)) {
            return;
        }
        if (!Files.exists(path)) {
            mistakes.add(source(option.longestName()) + ": " + path + " does not exist");
        } else if (!Files.isReadable(path) || Files.isDirectory(path)) {
            mistakes.add(source(option.longestName()) + ": " + path + " is not a readable file");
        }
    }

    private void collect(List<String> mistakes, String option, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            mistakes.add(source(option) + ": " + e.getMessage());
        }
    }

    private void collect(List<String> mistakes, String option, Supplier<?> check) {
        collect(mistakes, option, (Runnable) check::get);
    }

    private static boolean readable(TlsFiles files) {
        return Files.isReadable(files.certificateChain()) && Files.isReadable(files.privateKey());
    }

    private Optional<TlsFiles> tls(Optional<Path> certificate, Optional<Path> key, String certificateOption,
            String keyOption) {
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(certificate.isPresent() ? certificateOption + " needs " + keyOption
                    : keyOption + " needs " + certificateOption);
        }
        return certificate.map(c -> new TlsFiles(c.toAbsolutePath(), key.orElseThrow().toAbsolutePath()));
    }

    private void serve() {
        LanyardConfig config = config();
        this.logs = LogSetup.apply(logFormat, logLevels);
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
                .or(() -> BackendCredentials.fromEnvironment(environment))
                .orElseThrow(() -> new IllegalArgumentException("the S3 gateway needs the backend's key: set "
                        + BackendCredentials.ACCESS_KEY_VARIABLE + " and " + BackendCredentials.SECRET_KEY_VARIABLE
                        + ", or --s3-backend-credentials-file"));
        return Optional.of(S3GatewayConfig.of(host, s3Port.get(), backend, credentials, s3Domains));
    }

    private Optional<DatabaseSettings> database() {
        if (databaseUrl.isEmpty()) {
            return Optional.empty();
        }
        String user = Optional.ofNullable(environment.get("LANYARD_DB_USER")).orElse("lanyard");
        String password = databasePasswordFile.map(ServeCommand::read)
                .orElseGet(() -> Optional.ofNullable(environment.get("LANYARD_DB_PASSWORD")).orElse(""));
        return Optional.of(new DatabaseSettings(databaseUrl.get(), user, password));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void printUsage(LanyardServer server) {
        System.out.println(BuildInfo.current().summary() + " is serving AWS STS, IAM and Organizations at "
                + server.endpointUrl());
        server.s3EndpointUrl().ifPresent(url -> System.out.println("The S3 gateway is serving at " + url));
        server.metricsEndpointUrl().ifPresent(url -> System.out.println("Metrics are served at " + url));
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
