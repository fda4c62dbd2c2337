package dev.lanyard.e2e;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import dev.lanyard.server.LanyardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Lanyard with its S3 gateway in front of a real s3proxy, plus the IAM set-up the gateway tests share: an IAM user
 * who may assume the test roles, and roles created with the identity policy each test needs.
 */
final class GatewayFixture implements AutoCloseable {
    /** The base domain of virtual-hosted-style addressing ({@code bucket.s3.gateway.test}); sent as Host only. */
    static final String DOMAIN = "s3.gateway.test";
    final S3Proxy backend;
    final TestServer server;
    final IamClient rootIam;
    final String account;
    private final AccessKey assumer;
    /** Every secret this fixture handed out or holds: none may ever appear in the audit trail. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private GatewayFixture(S3Proxy backend, TestServer server) {
        this.backend = backend;
        this.server = server;
        this.rootIam = Clients.iam(server, Clients.root(server));
        this.account = server.accountId();
        rootIam.createUser(r -> r.userName("gateway-tester"));
        rootIam.putUserPolicy(r -> r.userName("gateway-tester").policyName("assume").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\","
                        + "\"sts:GetFederationToken\"],\"Resource\":\"*\"}]}"));
        this.assumer = rootIam.createAccessKey(r -> r.userName("gateway-tester")).accessKey();
        secrets.add(backend.secretAccessKey);
        secrets.add(assumer.secretAccessKey());
    }

    static GatewayFixture start() {
        return start(UnaryOperator.identity());
    }

    /** The same with more of Lanyard's settings. */
    static GatewayFixture start(UnaryOperator<LanyardConfig> settings) {
        S3Proxy backend = S3Proxy.start();
        try {
            BackendCredentials credentials = new BackendCredentials(backend.accessKeyId,
                    SecretAccessKey.of(backend.secretAccessKey));
            TestServer server = TestServer.start(Clock.systemUTC(), config -> settings.apply(config.withS3Gateway(
                    Optional.of(S3GatewayConfig.of("127.0.0.1", 0, backend.endpoint, credentials, List.of(DOMAIN))))));
            return new GatewayFixture(backend, server);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    String s3Endpoint() {
        return server.s3Endpoint();
    }

    AwsCredentials assumerCredentials() {
        return Clients.basic(assumer.accessKeyId(), assumer.secretAccessKey());
    }

    /** A role of this account with {@code identityPolicy} inline, assumed by the test user. */
    Credentials assumeRole(String roleName, String identityPolicy) {
        return assumeRole(roleName, identityPolicy, Optional.empty());
    }

    Credentials assumeRole(String roleName, String identityPolicy, Optional<String> sessionPolicy) {
        rootIam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + account + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
        rootIam.putRolePolicy(r -> r.roleName(roleName).policyName("s3").policyDocument(identityPolicy));
        return issued(Clients.sts(server, assumerCredentials()).assumeRole(r -> {
            r.roleArn("arn:aws:iam::" + account + ":role/" + roleName).roleSessionName(roleName + "-session");
            sessionPolicy.ifPresent(r::policy);
        }).credentials());
    }

    private Credentials issued(Credentials credentials) {
        secrets.add(credentials.secretAccessKey());
        secrets.add(credentials.sessionToken());
        return credentials;
    }

    /** The secrets handed out so far (the backend's key, the test user's, every session's key and token). */
    List<String> secrets() {
        return List.copyOf(secrets);
    }

    /** Every line of the server's audit files so far. */
    List<String> auditLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(server.dataDirectory.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** A GetFederationToken session of the test user, limited by {@code sessionPolicy}. */
    Credentials federationToken(String name, String sessionPolicy) {
        return issued(Clients.sts(server, assumerCredentials())
                .getFederationToken(r -> r.name(name).policy(sessionPolicy)).credentials());
    }

    /** The AWS CLI's environment for these credentials, every service pointed at the gateway. */
    Map<String, String> cliEnv(Credentials credentials) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", s3Endpoint());
        env.put("AWS_CONFIG_FILE", "/nonexistent-lanyard-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent-lanyard-credentials");
        env.put("AWS_MAX_ATTEMPTS", "1");
        return env;
    }

    static ExternalProcess.Result aws(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, env);
    }

    /** An identity policy allowing {@code actions} on the bucket and its objects, and listing every bucket. */
    static String allow(String bucket, String... actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + quoted(actions)
                + "],\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}";
    }

    static String quoted(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add("\"" + v + "\"");
        }
        return String.join(",", out);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            backend.close();
        }
    }
}
