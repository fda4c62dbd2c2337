package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authorizeapi.AuthorizeEndpoint;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.MfaThrottle;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.Observations;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import dev.lanyard.iamapi.IamContext;
import dev.lanyard.iamapi.IamModel;
import dev.lanyard.iamapi.IamOperations;
import dev.lanyard.iamapi.UsageTracker;
import dev.lanyard.iamapi.organizations.AccountFactory;
import dev.lanyard.iamapi.organizations.OrganizationsOperations;
import dev.lanyard.oidc.HttpJwksFetcher;
import dev.lanyard.oidc.JwkTokenSigner;
import dev.lanyard.pipeline.ApiHandler;
import dev.lanyard.pipeline.AuditTrail;
import dev.lanyard.pipeline.HttpEndpoint;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.JsonApi;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.QueryApi;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.SessionRestrictions;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.s3gateway.S3Gateway;
import dev.lanyard.s3gateway.S3GatewayServer;
import dev.lanyard.saml.XmlSecSamlVerifier;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.store.jdbc.EmbeddedDatabase;
import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.store.jdbc.JdbcReportStore;
import dev.lanyard.store.jdbc.JdbcUsageStore;
import dev.lanyard.store.jdbc.PostgresDatabase;
import dev.lanyard.sts.CredentialIssuer;
import dev.lanyard.sts.MfaCheck;
import dev.lanyard.sts.StsOperations;
import dev.lanyard.tokens.Sealer;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.totp.CodeThrottle;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/** The composition root: wires the store, keys, engine and operations, and starts the HTTP server. */
public final class LanyardServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    /** How often a node re-reads a master key file the operator gives (a rotation's first and last steps). */
    private static final long KEY_FILE_CHECK_SECONDS = 2;
    /** How long {@link #close()} lets a running background task (a key rotation's write) finish. */
    private static final long MAINTENANCE_STOP_SECONDS = 5;
    private static final ObjectMapper HEALTH_JSON = new ObjectMapper();

    private final LanyardConfig config;
    private final JdbcIamStore store;
    private final HelidonHttpServer http;
    private final ApiHandler handler;
    private final AuthorizeEndpoint authorize;
    private final ScheduledExecutorService maintenance;
    private final HttpJwksFetcher jwksFetcher;
    private final MasterKeyRotator keyRotator;
    private final AuditOutputs audit;
    /** When keys and roles were last used, from the trail; saved every {@link #USAGE_FLUSH_SECONDS}. */
    private final UsageTracker usage;
    private static final long USAGE_FLUSH_SECONDS = 2;
    /** How often old audit records are looked for, when a retention is set. */
    private static final long AUDIT_PRUNE_MINUTES = 10;
    /** Absent when the socket could not be made (said in the log at start). */
    private final Optional<AdminSocket> admin;
    private final OutboundIssuer outbound;
    static final String OUTBOUND_PATH = "/outbound/";
    private final Account managementAccount;
    private final boolean firstStart;
    private final Set<String> iamActions;
    private final Optional<S3GatewayServer> s3;
    private final Optional<ServerTls> queryTls;
    private final Optional<ServerTls> s3Tls;
    private int s3Port;
    private final Set<String> stsActions;
    /** "service:Action" of every operation served: the only action names the metrics count by name. */
    private final Set<String> servedActions;
    /** Absent when metrics are turned off. */
    private final Optional<MicrometerObservations> metrics;
    private final Optional<MetricsListener> metricsListener;
    private int metricsPort;
    private int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LanyardServer(LanyardConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.queryTls = config.network().tls().map(files -> ServerTls.load(files, "Query API"));
        this.s3Tls = config.s3Gateway().flatMap(gateway -> config.network().s3TlsFiles())
                .map(files -> ServerTls.load(files, "S3 gateway"));
        // Building Helidon's web server (service registry, configuration, routing) needs nothing from the store, so
        // it runs while the store opens; its routes reach this object only once the server has started.
        FutureTask<HelidonHttpServer> httpBuild = new FutureTask<>(() -> new HelidonHttpServer(config.host(),
                config.port(), config.maxBodyBytes(), config.httpLimits(), new HttpEndpoint() {
                    @Override
                    public HttpReply handle(HttpExchange exchange) {
                        return endpoint(exchange).handle(exchange);
                    }

                    @Override
                    public HttpReply unreadable(HttpExchange exchange, String why) {
                        return endpoint(exchange).unreadable(exchange, why);
                    }
                }, this::health, this::outboundDocument,
                config.metrics().onQueryListener() ? Optional.of(this::scrapeMetrics) : Optional.empty(),
                queryTls.map(ServerTls::helidonTls), config.network().trustedProxies()));
        Thread.ofPlatform().name("lanyard-http-build").daemon().start(httpBuild);
        SecureRandom random = new SecureRandom();
        this.metrics = config.metrics().enabled()
                ? Optional.of(new MicrometerObservations(() -> LanyardServer.this.servedActions))
                : Optional.empty();
        Observations observations = metrics.<Observations>map(m -> m).orElse(Observations.NONE);
        Path dataDirectory = DataDirectory.prepare(config.dataDirectory());
        if (config.database().isPresent() && config.masterKeyBase64().isEmpty()
                && config.masterKeyFile().isEmpty()) {
            throw new IllegalStateException("nodes sharing a database must share the master key: give every node the"
                    + " same key file (--master-key-file) or LANYARD_MASTER_KEY (base64 of 32 bytes)");
        }
        MasterKeySource.Loaded keys = MasterKeySource.load(dataDirectory, config.masterKeyBase64(),
                config.masterKeyFile(), random);
        this.store = config.database()
                .map(db -> PostgresDatabase.open(db.jdbcUrl(), db.user(), db.password(), keys.ring(),
                        config.nodeId(), JdbcIamStore.DEFAULT_WRITE_TIMEOUT, clock))
                .orElseGet(() -> EmbeddedDatabase.open(dataDirectory, keys.ring(), clock));
        // sealing and opening through the store's keyring, which a master-key rotation changes while serving
        Sealer masterKey = store.sealer();
        this.keyRotator = new MasterKeyRotator(store, keys, random);
        TokenKeysetManager keysets = new TokenKeysetManager(store, masterKey, clock, random,
                config.keyRotationPeriod(), LanyardConfig.MAX_SESSION_LIFETIME,
                // every node refreshes its keyset each interval: after three, all have seen a staged key
                config.keyCheckInterval().multipliedBy(3));
        SessionTokenCodec codec = new SessionTokenCodec(keysets, random);
        AwsManagedPolicies awsManaged = new AwsManagedPolicies();
        PolicyGatherer gatherer = new PolicyGatherer(awsManaged);
        AccessControl access = new AccessControl(gatherer, new AuthorizationMessages(masterKey), observations);
        AccountFactory accounts = new AccountFactory(store, random);
        Optional<AccessKey> rootKey = accounts.bootstrapManagementAccount(clock.instant());
        rootKey.ifPresent(key -> ClientConfigFiles.writeCredentials(dataDirectory, key));
        this.firstStart = rootKey.isPresent();
        this.managementAccount = store.snapshot().accounts().stream().filter(Account::management).findFirst()
                .orElseThrow();
        CredentialIssuer issuer = new CredentialIssuer(codec, random);
        MfaThrottle mfaThrottle = new MfaThrottle(CodeThrottle.DEFAULT);
        MfaCheck mfa = MfaCheck.aws(store, mfaThrottle);
        WebIdentityFederation webIdentity = WebIdentityFederation.of(config, clock, metrics);
        this.jwksFetcher = webIdentity.jwksFetcher();
        SamlAssertionVerifier saml = new LazySamlVerifier(() -> new XmlSecSamlVerifier(clock));
        JwkTokenSigner signer = new JwkTokenSigner(clock, random);
        Function<String, String> issuerForAccount = account -> endpointUrl() + OUTBOUND_PATH + account;
        this.outbound = new OutboundIssuer(store, signer, issuerForAccount);
        this.usage = new UsageTracker(JdbcUsageStore.of(store, clock), clock);
        Map<String, Operation> iam = IamOperations.create(new IamContext(store, access,
                awsManaged, random, config.oidcAllowInsecureLoopback(), saml, usage, JdbcReportStore.of(store)),
                issuerForAccount,
                signer::generateKeySet, mfaThrottle);
        this.iamActions = Set.copyOf(iam.keySet());
        RequestAuthenticator authenticator = new RequestAuthenticator(store, codec, clock,
                keysets::reloadForUnknownKey);
        this.audit = AuditOutputs.open(config, dataDirectory, store, usage, clock);
        AuditSink auditSink = audit.sink();
        // One set of limits for both listeners: a source's refused authentications count wherever they happen.
        Throttles throttles = new Throttles(config.throttling(), clock, observations);
        this.s3 = config.s3Gateway().map(s3Config -> new S3GatewayServer(s3Config.host(),
                s3Config.port(), new S3Gateway(s3Config, store, store, access, gatherer,
                        GatewayAuthentication.of(authenticator, Regions.of(config.region(), config.enabledRegions())),
                        auditSink, clock, observations, throttles),
                new S3Connections(config.httpLimits()), s3Tls.map(ServerTls::helidonTls),
                config.network().trustedProxies()));
        Map<String, Operation> sts = StsOperations.create(store, access, issuer, mfa, webIdentity.verifier(), saml,
                signer, issuerForAccount, random);
        this.stsActions = Set.copyOf(sts.keySet());
        ApiHandler.Apis apis = new ApiHandler.Apis(
                new QueryApi("sts", StsOperations.VERSION, StsOperations.NAMESPACE, sts),
                new QueryApi("iam", IamOperations.VERSION, IamOperations.NAMESPACE, iam),
                new JsonApi("organizations", OrganizationsOperations.TARGET_PREFIX,
                        OrganizationsOperations.create(store, access, accounts)));
        this.servedActions = ServedActions.of(apis);
        this.handler = new ApiHandler(apis,
                authenticator, new SigV4Verifier(clock),
                new SessionRestrictions(access), Regions.of(config.region(), config.enabledRegions()), clock,
                new AuditTrail(auditSink, Map.of("sts", StsOperations.MODEL, "iam", IamModel.MODEL), RequestIds::next),
                config.maxBodyBytes(), RequestIds::next, observations, throttles);
        metrics.ifPresent(m -> StoreGauges.register(m, store, keysets, clock));
        this.metricsListener = config.metrics().port().map(p -> new MetricsListener(config.host(), p,
                this::scrapeMetrics));
        this.authorize = new AuthorizeEndpoint(store, authenticator,
                new SigV4Verifier(clock), access, ServiceCatalogueFile.read(config.serviceCatalogue()),
                Regions.of(config.region(), config.enabledRegions()), clock, auditSink, config.maxBodyBytes(),
                RequestIds::next, throttles, observations);
        this.http = await(httpBuild);
        this.maintenance = Executors.newScheduledThreadPool(1, Thread.ofVirtual().factory());
        long every = config.keyCheckInterval().toMillis();
        maintenance.scheduleAtFixedRate(() -> refreshKeys(keysets), every, every, TimeUnit.MILLISECONDS);
        maintenance.scheduleAtFixedRate(() -> rotateOutboundKeys(signer, clock), every, every, TimeUnit.MILLISECONDS);
        audit.table().ifPresent(table -> maintenance.scheduleWithFixedDelay(table::flush, 1, 1, TimeUnit.SECONDS));
        maintenance.scheduleWithFixedDelay(usage::flush, USAGE_FLUSH_SECONDS, USAGE_FLUSH_SECONDS, TimeUnit.SECONDS);
        if (!config.auditRetention().equals(AuditRetention.KEEP_ALL)) {
            maintenance.scheduleWithFixedDelay(new AuditPruner(config.auditRetention(), dataDirectory, audit.table(),
                    clock)::run, 1, AUDIT_PRUNE_MINUTES, TimeUnit.MINUTES);
        }
        if (keys.kind() == MasterKeySource.Kind.GIVEN_FILE) {
            maintenance.scheduleWithFixedDelay(this::reloadMasterKeys, KEY_FILE_CHECK_SECONDS,
                    KEY_FILE_CHECK_SECONDS, TimeUnit.SECONDS);
        }
        Stream.of(queryTls, s3Tls).flatMap(Optional::stream).forEach(tls -> maintenance
                .scheduleWithFixedDelay(() -> reloadTls(tls), KEY_FILE_CHECK_SECONDS, KEY_FILE_CHECK_SECONDS,
                        TimeUnit.SECONDS));
        this.admin = AdminSocket.open(dataDirectory, store, keyRotator);
        if (config.database().isPresent()) {
            long poll = config.storePollInterval().toMillis();
            maintenance.scheduleWithFixedDelay(this::pollStore, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    /** The authorization API under its path; everything else is the Query and JSON APIs'. */
    private HttpEndpoint endpoint(HttpExchange exchange) {
        return exchange.rawPath().startsWith(AuthorizeEndpoint.PATH_PREFIX) ? authorize
                : handler;
    }

    public static LanyardServer start(LanyardConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts the server, or refuses with an {@link IllegalStateException} saying why. An address another process
     * holds is found before anything is written to the data directory; the CLI profile is written only once the
     * server listens.
     */
    public static LanyardServer start(LanyardConfig config, Clock clock) {
        requireFreeAddress(config.host(), config.port());
        LanyardServer server = new LanyardServer(config, clock);
        try {
            server.port = server.http.start();
            server.s3Port = server.s3.map(S3GatewayServer::start).orElse(0);
            server.metricsPort = server.metricsListener.map(MetricsListener::start).orElse(0);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ClientConfigFiles.writeConfig(config.dataDirectory(), server.endpointUrl(), config.region(),
                config.network().tls().filter(files -> files.load().endsInItsOwnAuthority())
                        .map(TlsFiles::certificateChain));
        return server;
    }

    /**
     * Binds the address once and lets it go. A process that takes the port in the instant between this probe and the
     * real bind is still caught by {@link HelidonHttpServer#start()}, only after the data directory was prepared.
     */
    private static void requireFreeAddress(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; stop the process that holds the port or choose another one (--port)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * Outbound signing keys rotate with the token keys' period; a retired key stays published for one more period
     * plus the longest outbound token lifetime (one hour), so every token it signed still verifies.
     */
    private void rotateOutboundKeys(WebIdentityTokenSigner signer, Clock clock) {
        try {
            Instant now = clock.instant();
            store.update(snapshot -> snapshot.outboundSigningKeys()
                    .filter(keys -> !signer.newestKeyCreated(keys.privateJwkSet())
                            .plus(config.keyRotationPeriod()).isAfter(now))
                    .map(keys -> {
                        var rotated = new OutboundSigningKeys(signer.rotate(
                                keys.privateJwkSet(), now, now.minus(config.keyRotationPeriod()).minusSeconds(3600)));
                        return IamStore.Mutation.of(true, EntityChange.upsert(rotated));
                    })
                    .orElseGet(() -> IamStore.Mutation.of(false)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "outbound signing key rotation failed: " + e);
        }
    }

    private void pollStore() {
        try {
            store.poll();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "polling the store failed: " + e);
        }
    }

    private String scrapeMetrics() {
        return metrics.orElseThrow().scrape();
    }

    /** Where /metrics is served on its own port, when it is. */
    public Optional<String> metricsEndpointUrl() {
        return metricsListener.map(listener -> "http://" + (config.host().equals("0.0.0.0") ? "127.0.0.1"
                : config.host()) + ":" + metricsPort + "/metrics");
    }

    private Optional<String> outboundDocument(String path) {
        return outbound.document(path);
    }

    private static <T> T await(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /**
     * UP, or DEGRADED while writes cannot go through (the shared database unreachable, a write or a sync of the
     * embedded database stuck or failed), with the reason; reads and issuing go on from memory meanwhile.
     */
    public String health() {
        Optional<String> problem = store.problem();
        ObjectNode body = HEALTH_JSON.createObjectNode()
                .put("status", problem.isEmpty() ? "UP" : "DEGRADED")
                .put("node", config.nodeId())
                .put("store", config.database().isPresent() ? "postgresql" : "embedded")
                .put("storeReachable", problem.isEmpty());
        problem.ifPresent(reason -> body.put("storeProblem", reason));
        return body.put("iamVersion", store.snapshot().version()).toString();
    }

    private void reloadMasterKeys() {
        try {
            keyRotator.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot reload the master keys: " + e.getMessage());
        }
    }

    private static void reloadTls(ServerTls tls) {
        try {
            tls.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS certificate reload failed; serving with the current one: " + e);
        }
    }

    private static void refreshKeys(TokenKeysetManager keysets) {
        try {
            keysets.refresh();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "token keyset refresh failed; serving with the current keys: " + e);
        }
    }

    public int port() {
        return port;
    }

    /** The URL clients use: the configured public URL, else the listener's own address. */
    public String endpointUrl() {
        return config.network().publicUrl().map(URI::toString).orElseGet(() -> listenerUrl(
                queryTls.isPresent(), config.host(), port));
    }

    /** The S3 gateway's endpoint, when it runs. */
    public Optional<String> s3EndpointUrl() {
        return config.s3Gateway().map(s3Config -> listenerUrl(s3Tls.isPresent(), s3Config.host(), s3Port));
    }

    private static String listenerUrl(boolean tls, String host, int port) {
        return (tls ? "https" : "http") + "://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
    }

    public String managementAccountId() {
        return managementAccount.id().value();
    }

    /** The IAM actions this server serves: what a test sweeping every operation iterates over. */
    public Set<String> iamActions() {
        return iamActions;
    }

    /** The STS actions this server serves. */
    public Set<String> stsActions() {
        return stsActions;
    }

    public boolean firstStart() {
        return firstStart;
    }

    public Path credentialsFile() {
        return ClientConfigFiles.credentialsFile(config.dataDirectory());
    }

    public Path configFile() {
        return ClientConfigFiles.configFile(config.dataDirectory());
    }

    /**
     * Stops in the order that lets every request in flight finish: the listener first (new connections are refused,
     * answers in progress complete within the HTTP server's grace period), then the background tasks (one that is
     * running finishes its write), then the store. Only the first call does the work; a concurrent one (the JVM's
     * shutdown hook while a signal's stop runs) waits for it, so the JVM never ends halfway through.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            stop();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        admin.ifPresent(AdminSocket::close);
        s3.ifPresent(S3GatewayServer::close);
        metricsListener.ifPresent(MetricsListener::close);
        http.close();
        maintenance.shutdown();
        try {
            if (!maintenance.awaitTermination(MAINTENANCE_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "a background task did not finish within "
                        + MAINTENANCE_STOP_SECONDS + " s; interrupting it");
                maintenance.shutdownNow();
            }
        } catch (InterruptedException e) {
            maintenance.shutdownNow();
            Thread.currentThread().interrupt();
        }
        jwksFetcher.close();
        audit.close();
        usage.flush();
        store.close();
        metrics.ifPresent(MicrometerObservations::close);
    }
}
