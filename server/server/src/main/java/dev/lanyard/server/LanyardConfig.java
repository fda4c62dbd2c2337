package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import dev.lanyard.pipeline.Throttling;
import dev.lanyard.s3gateway.S3GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Server settings. Defaults: port 8955 on 127.0.0.1, data in ./lanyard-data, region us-east-1, partition aws, bodies up to 1 MiB,
 * token keys rotated daily and kept until the longest session (36 h) they sealed has expired, HTTP limits
 * {@link HttpLimits#DEFAULTS}, /metrics on the Query listener, AWS's request rates ({@link Throttling#DEFAULTS}).
 */
public record LanyardConfig(String host, int port, Path dataDirectory, String region, int maxBodyBytes,
        Duration keyRotationPeriod, Duration keyCheckInterval, Optional<String> masterKeyBase64,
        Optional<DatabaseSettings> database, String nodeId, Duration storePollInterval,
        boolean oidcAllowInsecureLoopback, Optional<Path> oidcCaBundle, HttpLimits httpLimits,
        Optional<Path> masterKeyFile, Optional<S3GatewayConfig> s3Gateway, MetricsSettings metrics,
        Throttling throttling, Optional<Path> serviceCatalogue, NetworkSettings network, List<String> enabledRegions,
        AuditRetention auditRetention, Partition partition) {
    public static final int DEFAULT_PORT = 8955;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;
    /** The longest any session can live (GetSessionToken / GetFederationToken: 129,600 s). */
    public static final Duration MAX_SESSION_LIFETIME = Duration.ofSeconds(129_600);

    public LanyardConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(region, "region is null");
        requireNonNull(keyRotationPeriod, "keyRotationPeriod is null");
        requireNonNull(keyCheckInterval, "keyCheckInterval is null");
        requireNonNull(masterKeyBase64, "masterKeyBase64 is null");
        requireNonNull(database, "database is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(storePollInterval, "storePollInterval is null");
        requireNonNull(oidcCaBundle, "oidcCaBundle is null");
        requireNonNull(httpLimits, "httpLimits is null");
        requireNonNull(s3Gateway, "s3Gateway is null");
        requireNonNull(masterKeyFile, "masterKeyFile is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(throttling, "throttling is null");
        requireNonNull(serviceCatalogue, "serviceCatalogue is null");
        requireNonNull(network, "network is null");
        requireNonNull(auditRetention, "auditRetention is null");
        requireNonNull(partition, "partition is null");
        enabledRegions = List.copyOf(enabledRegions);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }

    /** Every setting but the secrets: the master key prints as [REDACTED], the database settings redact their own. */
    @Override
    public String toString() {
        return "LanyardConfig[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory + ", region="
                + region + ", maxBodyBytes=" + maxBodyBytes + ", keyRotationPeriod=" + keyRotationPeriod
                + ", keyCheckInterval=" + keyCheckInterval + ", masterKeyBase64="
                + masterKeyBase64.map(key -> "[REDACTED]").orElse("(generated in the data directory)")
                + ", database=" + database.map(DatabaseSettings::toString).orElse("(embedded)") + ", nodeId=" + nodeId
                + ", storePollInterval=" + storePollInterval + ", oidcAllowInsecureLoopback="
                + oidcAllowInsecureLoopback + ", oidcCaBundle=" + oidcCaBundle.map(Path::toString).orElse("(JDK's)")
                + ", httpLimits=" + httpLimits + ", masterKeyFile=" + masterKeyFile.map(Path::toString).orElse("(none)")
                + ", s3Gateway=" + s3Gateway.map(S3GatewayConfig::toString).orElse("(off)") + ", metrics=" + metrics
                + ", throttling=" + throttling + ", serviceCatalogue="
                + serviceCatalogue.map(Path::toString).orElse("(none)") + ", network=" + network
                + ", enabledRegions=" + enabledRegions + ", auditRetention=" + auditRetention + ", partition=" + partition + "]";
    }

    public static LanyardConfig defaults(Path dataDirectory) {
        return new LanyardConfig(DEFAULT_HOST, DEFAULT_PORT, dataDirectory, DEFAULT_REGION, DEFAULT_MAX_BODY,
                Duration.ofDays(1), Duration.ofMinutes(1), Optional.empty(), Optional.empty(), "node-1",
                Duration.ofMillis(250), false, Optional.empty(), HttpLimits.DEFAULTS, Optional.empty(),
                Optional.empty(), MetricsSettings.DEFAULTS, Throttling.DEFAULTS,
                Optional.empty(), NetworkSettings.DEFAULTS, List.of(), AuditRetention.KEEP_ALL, Partition.AWS);
    }

    public LanyardConfig withDatabase(Optional<DatabaseSettings> settings) {
        return with(c -> c.database = settings);
    }

    public LanyardConfig withKeyCheckInterval(Duration interval) {
        return with(c -> c.keyCheckInterval = interval);
    }

    /** Lets OIDC providers be plain-http loopback issuers (tests, development); never for production. */
    public LanyardConfig withOidcLoopback(boolean allowInsecureLoopback, Optional<Path> caBundle) {
        return with(c -> {
            c.oidcAllowInsecureLoopback = allowInsecureLoopback;
            c.oidcCaBundle = caBundle;
        });
    }

    public LanyardConfig withNodeId(String id) {
        return with(c -> c.nodeId = id);
    }

    public LanyardConfig withPort(int newPort) {
        return with(c -> c.port = newPort);
    }

    public LanyardConfig withHost(String newHost) {
        return with(c -> c.host = newHost);
    }

    public LanyardConfig withMasterKey(Optional<String> base64) {
        return with(c -> c.masterKeyBase64 = base64);
    }

    public LanyardConfig withKeyRotationPeriod(Duration period) {
        return with(c -> c.keyRotationPeriod = period);
    }

    /** Serves S3 on a second listener in front of the configured backend. */
    public LanyardConfig withS3Gateway(Optional<S3GatewayConfig> gateway) {
        return with(c -> c.s3Gateway = gateway);
    }

    /** How long slow clients may hold a connection (see {@link HttpLimits}). */
    public LanyardConfig withHttpLimits(HttpLimits limits) {
        return with(c -> c.httpLimits = limits);
    }

    /** The region this node serves besides the global endpoint's us-east-1. */
    public LanyardConfig withRegion(String newRegion) {
        return with(c -> c.region = newRegion);
    }

    /** The master keys from a file the operator keeps, re-read when it changes (takes precedence over the base64). */
    public LanyardConfig withMasterKeyFile(Optional<Path> file) {
        return with(c -> c.masterKeyFile = file);
    }

    /** Whether and where /metrics is served. */
    public LanyardConfig withMetrics(MetricsSettings settings) {
        return with(c -> c.metrics = settings);
    }

    /** The request rates callers are held to ({@link Throttling#DEFAULTS} unless changed). */
    public LanyardConfig withThrottling(Throttling limits) {
        return with(c -> c.throttling = limits);
    }

    /** The operator's services the authorization API answers for (docs/authorization-api.md). */
    public LanyardConfig withServiceCatalogue(Optional<Path> file) {
        return with(c -> c.serviceCatalogue = file);
    }

    /** The public URL, TLS and trusted proxies (see {@link NetworkSettings}). */
    public LanyardConfig withNetwork(NetworkSettings settings) {
        return with(c -> c.network = settings);
    }

    /** The largest request body the Query API accepts. */
    public LanyardConfig withMaxBodyBytes(int bytes) {
        return with(c -> c.maxBodyBytes = bytes);
    }

    /** Regions served besides the home region, us-east-1 and aws-global (see {@code Regions}). */
    public LanyardConfig withEnabledRegions(List<String> regions) {
        return with(c -> c.enabledRegions = regions);
    }

    /** How long the audit trail is kept (see {@link AuditRetention}). */
    public LanyardConfig withAuditRetention(AuditRetention retention) {
        return with(c -> c.auditRetention = retention);
    }

    /** The partition every ARN this server writes and reads names ({@code aws} unless changed; ADR 0019). */
    public LanyardConfig withPartition(Partition newPartition) {
        return with(c -> c.partition = newPartition);
    }

    /** A copy with some settings changed: each wither names only what it changes. */
    private LanyardConfig with(Consumer<Settings> change) {
        Settings settings = new Settings(this);
        change.accept(settings);
        return settings.config();
    }

    /** The settings of a configuration, open to change, checked again by the constructor when made into one. */
    private static final class Settings {
        private String host;
        private int port;
        private Path dataDirectory;
        private String region;
        private int maxBodyBytes;
        private Duration keyRotationPeriod;
        private Duration keyCheckInterval;
        private Optional<String> masterKeyBase64;
        private Optional<DatabaseSettings> database;
        private String nodeId;
        private Duration storePollInterval;
        private boolean oidcAllowInsecureLoopback;
        private Optional<Path> oidcCaBundle;
        private HttpLimits httpLimits;
        private Optional<Path> masterKeyFile;
        private Optional<S3GatewayConfig> s3Gateway;
        private MetricsSettings metrics;
        private Throttling throttling;
        private Optional<Path> serviceCatalogue;
        private NetworkSettings network;
        private List<String> enabledRegions;
        private AuditRetention auditRetention;
        private Partition partition;

        Settings(LanyardConfig config) {
            host = config.host;
            port = config.port;
            dataDirectory = config.dataDirectory;
            region = config.region;
            maxBodyBytes = config.maxBodyBytes;
            keyRotationPeriod = config.keyRotationPeriod;
            keyCheckInterval = config.keyCheckInterval;
            masterKeyBase64 = config.masterKeyBase64;
            database = config.database;
            nodeId = config.nodeId;
            storePollInterval = config.storePollInterval;
            oidcAllowInsecureLoopback = config.oidcAllowInsecureLoopback;
            oidcCaBundle = config.oidcCaBundle;
            httpLimits = config.httpLimits;
            masterKeyFile = config.masterKeyFile;
            s3Gateway = config.s3Gateway;
            metrics = config.metrics;
            throttling = config.throttling;
            serviceCatalogue = config.serviceCatalogue;
            network = config.network;
            enabledRegions = config.enabledRegions;
            auditRetention = config.auditRetention;
            partition = config.partition;
        }

        LanyardConfig config() {
            return new LanyardConfig(host, port, dataDirectory, region, maxBodyBytes, keyRotationPeriod,
                    keyCheckInterval, masterKeyBase64, database, nodeId, storePollInterval,
                    oidcAllowInsecureLoopback, oidcCaBundle, httpLimits, masterKeyFile, s3Gateway, metrics,
                    throttling, serviceCatalogue, network, enabledRegions, auditRetention, partition);
        }
    }
}
