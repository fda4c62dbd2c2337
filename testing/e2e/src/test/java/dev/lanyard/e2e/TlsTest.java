package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.s3gateway.BackendCredentials;
import dev.lanyard.s3gateway.S3GatewayConfig;
import dev.lanyard.server.NetworkSettings;
import dev.lanyard.server.TlsFiles;
import dev.lanyard.authz.TrustedProxies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * TLS on both listeners, as clients that verify certificates meet it: the AWS CLI with --ca-bundle, boto3 with
 * verify=, the SDK for Java v2 with a trust store; aws:SecureTransport true; s3:TlsVersion and the audit's tlsDetails
 * from each connection's own session on the S3 gateway; a renewed certificate served to new
 * connections without a restart while an open one goes on; the outbound OIDC issuer at its public https URL,
 * accepted by a second Lanyard.
 */
class TlsTest {
    private static Path dir;
    private static Path certificate;
    private static Path privateKey;
    /** Both certificates this test serves, as one CA bundle. */
    private static Path bundle;
    private static Path renewedCertificate;
    private static Path renewedKey;
    private static S3Proxy backend;
    private static TestServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("lanyard-tls");
        certificate = dir.resolve("tls.crt");
        privateKey = dir.resolve("tls.key");
        renewedCertificate = dir.resolve("renewed.crt");
        renewedKey = dir.resolve("renewed.key");
        makeCertificate(certificate, privateKey, "1001");
        makeCertificate(renewedCertificate, renewedKey, "2002");
        bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(certificate) + Files.readString(renewedCertificate));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        backend = S3Proxy.start();
        BackendCredentials credentials = new BackendCredentials(backend.accessKeyId,
                SecretAccessKey.of(backend.secretAccessKey));
        server = TestServer.start(Clock.systemUTC(), config -> config.withPort(port)
                .withS3Gateway(Optional.of(S3GatewayConfig.of("127.0.0.1", 0, backend.endpoint, credentials,
                        List.of())))
                .withNetwork(new NetworkSettings(Optional.of(URI.create("https://localhost:" + port)),
                        Optional.of(new TlsFiles(certificate, privateKey)), Optional.empty(), TrustedProxies.NONE)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** A self-signed certificate for localhost and 127.0.0.1 with the given serial, and its key, by openssl. */
    private static void makeCertificate(Path certificateFile, Path keyFile, String serialHex) throws IOException {
        ExternalProcess.Result result = ExternalProcess.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", keyFile.toString(), "-out", certificateFile.toString(), "-days", "2",
                "-subj", "/CN=localhost", "-set_serial", "0x" + serialHex, "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1"), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(pem)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static SdkHttpClient httpClient() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(bundle)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return UrlConnectionHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build();
    }

    private static String queryEndpoint() {
        return "https://127.0.0.1:" + port;
    }

    private static Map<String, String> cliEnvironment(List<String> root) {
        return Map.of("AWS_ACCESS_KEY_ID", root.get(0), "AWS_SECRET_ACCESS_KEY", root.get(1),
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", "/nonexistent-lanyard-config",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent-lanyard-credentials", "AWS_MAX_ATTEMPTS", "1");
    }

    @Test
    void theAwsCliAndBoto3VerifyTheCertificateAndReachBothListeners() {
        List<String> root = server.rootCredentials();
        ExternalProcess.Result sts = ExternalProcess.run(List.of("aws", "sts", "get-caller-identity", "--endpoint-url",
                queryEndpoint(), "--ca-bundle", bundle.toString(), "--query", "Account", "--output", "text"),
                cliEnvironment(root));
        assertThat(sts.exitCode()).as(sts.stderr()).isZero();
        assertThat(sts.stdout().strip()).isEqualTo(server.accountId());
        assertThat(server.s3Endpoint()).startsWith("https://127.0.0.1:");
        ExternalProcess.Result s3 = ExternalProcess.run(List.of("aws", "s3api", "create-bucket", "--bucket",
                "tls-bucket", "--endpoint-url", server.s3Endpoint(), "--ca-bundle", bundle.toString()),
                cliEnvironment(root));
        assertThat(s3.exitCode()).as(s3.stderr()).isZero();

        // Without the CA the CLI refuses the server: the certificate is really checked.
        ExternalProcess.Result unverified = ExternalProcess.run(List.of("aws", "sts", "get-caller-identity",
                "--endpoint-url", queryEndpoint()), cliEnvironment(root));
        assertThat(unverified.exitCode()).isNotZero();
        assertThat(unverified.stderr()).containsIgnoringCase("certificate verify failed");

        String script = "import boto3,sys\n"
                + "ep,s3ep,ca,kid,sec=sys.argv[1:6]\n"
                + "sts=boto3.client('sts',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=kid,"
                + "aws_secret_access_key=sec,verify=ca)\n"
                + "s3=boto3.client('s3',endpoint_url=s3ep,region_name='us-east-1',aws_access_key_id=kid,"
                + "aws_secret_access_key=sec,verify=ca)\n"
                + "print(sts.get_caller_identity()['Account'], [b['Name'] for b in s3.list_buckets()['Buckets']])\n";
        ExternalProcess.Result boto3 = ExternalProcess.run(List.of("python3", "-c", script, queryEndpoint(),
                server.s3Endpoint(), bundle.toString(), root.get(0), root.get(1)), cliEnvironment(root));
        assertThat(boto3.exitCode()).as(boto3.stderr()).isZero();
        assertThat(boto3.stdout().strip()).isEqualTo(server.accountId() + " ['tls-bucket']");
    }

    /** The profile Lanyard writes names the certificate as its CA bundle: the CLI needs no --ca-bundle. */
    @Test
    void theGeneratedProfileTrustsTheListenersCertificate() throws IOException {
        Path config = server.dataDirectory.resolve("aws/config");
        assertThat(Files.readString(config)).contains("ca_bundle = " + certificate.toAbsolutePath());
        ExternalProcess.Result sts = ExternalProcess.run(List.of("aws", "sts", "get-caller-identity", "--profile",
                "lanyard", "--query", "Account", "--output", "text"), Map.of("AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", server.dataDirectory.resolve("aws/credentials").toString(),
                "AWS_MAX_ATTEMPTS", "1"));
        assertThat(sts.exitCode()).as(sts.stderr()).isZero();
        assertThat(sts.stdout().strip()).isEqualTo(server.accountId());
    }

    /** An S3 client over TLS that offers {@code protocol} at most ("TLSv1.2" offers 1.2 only). */
    private static software.amazon.awssdk.services.s3.S3Client s3Over(String protocol, AwsCredentials credentials)
            throws Exception {
        SSLContext pinned = SSLContext.getInstance(protocol);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(bundle)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        pinned.init(null, trust.getTrustManagers(), null);
        SdkHttpClient http = UrlConnectionHttpClient.create(uri -> {
            try {
                javax.net.ssl.HttpsURLConnection connection = (javax.net.ssl.HttpsURLConnection) uri.toURL()
                        .openConnection();
                connection.setSSLSocketFactory(pinned.getSocketFactory());
                return connection;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(URI.create(server.s3Endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    /** s3:TlsVersion and CloudTrail's tlsDetails from the session each connection negotiated with the gateway. */
    @Test
    void theGatewaysPoliciesAndAuditSeeEachConnectionsTlsVersion() throws Exception {
        List<String> root = server.rootCredentials();
        AwsCredentials rootCredentials = Clients.basic(root.get(0), root.get(1));
        var owner = s3Over("TLSv1.3", rootCredentials);
        owner.createBucket(r -> r.bucket("tls-versioned"));
        owner.putObject(r -> r.bucket("tls-versioned").key("doc"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("over 1.3"));
        IamClient iam = IamClient.builder().endpointOverride(URI.create(queryEndpoint())).region(Region.AWS_GLOBAL)
                .httpClient(httpClient()).credentialsProvider(StaticCredentialsProvider.create(rootCredentials))
                .build();
        iam.createUser(r -> r.userName("tls13-reader"));
        iam.putUserPolicy(r -> r.userName("tls13-reader").policyName("tls13").policyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::tls-versioned/*\",\"Condition\":{\"NumericGreaterThanEquals\":"
                + "{\"s3:TlsVersion\":\"1.3\"}}}]}"));
        var key = iam.createAccessKey(r -> r.userName("tls13-reader")).accessKey();
        AwsCredentials reader = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        try {
            assertThat(s3Over("TLSv1.3", reader).getObjectAsBytes(r -> r.bucket("tls-versioned").key("doc"))
                    .asUtf8String()).isEqualTo("over 1.3");
            assertThatThrownBy(() -> s3Over("TLSv1.2", reader).getObjectAsBytes(r -> r.bucket("tls-versioned")
                    .key("doc"))).isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        } finally {
            // The account's bucket list is another test's subject.
            owner.deleteObject(r -> r.bucket("tls-versioned").key("doc"));
            owner.deleteBucket(r -> r.bucket("tls-versioned"));
        }

        List<com.fasterxml.jackson.databind.JsonNode> reads = new java.util.ArrayList<>();
        Nodes.await(() -> {
            reads.clear();
            reads.addAll(auditRecords("GetObject", key.accessKeyId()));
            return reads.size() == 2;
        }, java.time.Duration.ofSeconds(10));
        String host = URI.create(server.s3Endpoint()).getAuthority();
        var allowed = reads.stream().filter(r -> !r.has("errorCode")).findFirst().orElseThrow();
        assertThat(allowed.path("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.3");
        assertThat(allowed.path("tlsDetails").path("cipherSuite").asText()).startsWith("TLS_");
        assertThat(allowed.path("tlsDetails").path("clientProvidedHostHeader").asText()).isEqualTo(host);
        var denied = reads.stream().filter(r -> r.has("errorCode")).findFirst().orElseThrow();
        assertThat(denied.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(denied.path("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.2");
        // CloudTrail's (OpenSSL's) spelling for TLS 1.2: ECDHE-RSA-AES256-GCM-SHA384, not the JDK's IANA name
        assertThat(denied.path("tlsDetails").path("cipherSuite").asText()).matches("ECDHE-RSA-[A-Z0-9-]+");
    }

    /**
     * CloudTrail's tlsDetails on the Query API and the authorization API, from each connection's own session: curl
     * (OpenSSL) signing for itself over TLS 1.2 with the suite CloudTrail's documentation shows, and the AWS CLI over
     * TLS 1.3.
     */
    @Test
    void theQueryAndAuthorizationApisAuditEachConnectionsTlsInCloudTrailsSpelling() {
        List<String> root = server.rootCredentials();
        String host = "127.0.0.1:" + port;
        ExternalProcess.Result sts = curl(root, "sts", "application/x-www-form-urlencoded",
                "Action=GetCallerIdentity&Version=2011-06-15", "/");
        assertThat(sts.exitCode()).as(sts.stderr()).isZero();
        assertThat(sts.stdout()).contains("<Account>" + server.accountId() + "</Account>");
        ExternalProcess.Result authorize = curl(root, "lanyard", "application/json", "{}", "/authorize/v1");
        assertThat(authorize.exitCode()).as(authorize.stderr()).isZero();
        ExternalProcess.Result iam = ExternalProcess.run(List.of("aws", "iam", "list-users", "--endpoint-url",
                queryEndpoint(), "--ca-bundle", bundle.toString()), cliEnvironment(root));
        assertThat(iam.exitCode()).as(iam.stderr()).isZero();

        var called = awaitRecord("sts.amazonaws.com", "GetCallerIdentity", root.get(0), "curl/");
        assertThat(called.path("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.2");
        assertThat(called.path("tlsDetails").path("cipherSuite").asText()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(called.path("tlsDetails").path("clientProvidedHostHeader").asText()).isEqualTo(host);
        var asked = awaitRecord("lanyard", "Authorize", root.get(0), "");
        assertThat(asked.path("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.2");
        assertThat(asked.path("tlsDetails").path("cipherSuite").asText()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(asked.path("tlsDetails").path("clientProvidedHostHeader").asText()).isEqualTo(host);
        var listed = awaitRecord("iam.amazonaws.com", "ListUsers", root.get(0), "aws-cli/");
        assertThat(listed.path("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.3");
        assertThat(listed.path("tlsDetails").path("cipherSuite").asText())
                .matches("TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)");
    }

    /** A POST signed by curl itself (--aws-sigv4) over TLS 1.2 with one cipher suite, named as OpenSSL names it. */
    private static ExternalProcess.Result curl(List<String> root, String service, String contentType, String body,
            String path) {
        return ExternalProcess.run(List.of("curl", "-sS", "--tlsv1.2", "--tls-max", "1.2", "--ciphers",
                "ECDHE-RSA-AES128-GCM-SHA256", "--cacert", bundle.toString(), "--aws-sigv4",
                "aws:amz:us-east-1:" + service, "--user", root.get(0) + ":" + root.get(1), "-H",
                "Content-Type: " + contentType, "--data-binary", body, queryEndpoint() + path), Map.of());
    }

    /** The first audit record of one operation signed with one key from a user agent, once it is written. */
    private static com.fasterxml.jackson.databind.JsonNode awaitRecord(String source, String eventName, String keyId,
            String userAgent) {
        List<com.fasterxml.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
        Nodes.await(() -> {
            found.clear();
            found.addAll(auditRecords(source, eventName, keyId).stream()
                    .filter(r -> r.path("userAgent").asText().startsWith(userAgent)).toList());
            return !found.isEmpty();
        }, java.time.Duration.ofSeconds(10));
        return found.getFirst();
    }

    /** The audit records of one S3 operation signed with one key. */
    private static List<com.fasterxml.jackson.databind.JsonNode> auditRecords(String eventName, String keyId) {
        return auditRecords("s3.amazonaws.com", eventName, keyId);
    }

    /** The audit records of one operation of one event source signed with one key. */
    private static List<com.fasterxml.jackson.databind.JsonNode> auditRecords(String source, String eventName,
            String keyId) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
        try (var files = Files.list(server.dataDirectory.resolve("audit"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    var record = mapper.readTree(line);
                    if (record.path("eventSource").asText().equals(source)
                            && record.path("eventName").asText().equals(eventName)
                            && record.path("userIdentity").path("accessKeyId").asText().equals(keyId)) {
                        found.add(record);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void theSdkForJavaWithATrustStoreSeesSecureTransport() throws Exception {
        List<String> root = server.rootCredentials();
        AwsCredentials rootCredentials = Clients.basic(root.get(0), root.get(1));
        try (SdkHttpClient http = httpClient();
                IamClient iam = IamClient.builder().endpointOverride(URI.create(queryEndpoint()))
                        .region(Region.AWS_GLOBAL).httpClient(http)
                        .credentialsProvider(StaticCredentialsProvider.create(rootCredentials)).build()) {
            iam.createUser(r -> r.userName("tls-only"));
            iam.putUserPolicy(r -> r.userName("tls-only").policyName("tls").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\","
                    + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}"));
            var key = iam.createAccessKey(r -> r.userName("tls-only")).accessKey();
            try (IamClient user = IamClient.builder().endpointOverride(URI.create(queryEndpoint()))
                    .region(Region.AWS_GLOBAL).httpClient(http).credentialsProvider(StaticCredentialsProvider
                            .create(Clients.basic(key.accessKeyId(), key.secretAccessKey()))).build()) {
                // allowed only because the request came over TLS (the same policy over plain http is
                // NginxProxyTest's refusal)
                assertThat(user.listUsers().users()).extracting(u -> u.userName()).contains("tls-only");
            }
        }
    }

    @Test
    void theOutboundIssuerIsServedAtItsPublicHttpsUrlAndAcceptedByASecondLanyard() throws Exception {
        List<String> root = server.rootCredentials();
        String script = "import boto3,json,sys\n"
                + "ep,ca,kid,sec=sys.argv[1:5]\n"
                + "iam=boto3.client('iam',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=kid,"
                + "aws_secret_access_key=sec,verify=ca)\n"
                + "out={'issuer':iam.enable_outbound_web_identity_federation()['IssuerIdentifier']}\n"
                + "iam.create_user(UserName='workload')\n"
                + "iam.put_user_policy(UserName='workload',PolicyName='t',PolicyDocument=json.dumps({'Version':"
                + "'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:GetWebIdentityToken','Resource':'*'}]}))\n"
                + "k=iam.create_access_key(UserName='workload')['AccessKey']\n"
                + "sts=boto3.client('sts',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=k['AccessKeyId'],"
                + "aws_secret_access_key=k['SecretAccessKey'],verify=ca)\n"
                + "out['token']=sts.get_web_identity_token(Audience=['lanyard-b'],SigningAlgorithm='RS256')"
                + "['WebIdentityToken']\n"
                + "print(json.dumps(out))\n";
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", "-c", script, queryEndpoint(),
                bundle.toString(), root.get(0), root.get(1)), cliEnvironment(root));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        var out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout());
        String issuer = out.get("issuer").asText();
        assertThat(issuer).isEqualTo("https://localhost:" + port + "/outbound/" + server.accountId());

        // the relying Lanyard fetches discovery and keys over https, trusting only the bundle
        try (TestServer relying = TestServer.start(Clock.systemUTC(),
                config -> config.withOidcLoopback(true, Optional.of(bundle)))) {
            IamClient iamB = Clients.iam(relying, Clients.root(relying));
            String providerArn = iamB.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList("lanyard-b"))
                    .openIDConnectProviderArn();
            String roleArn = iamB.createRole(r -> r.roleName("from-a").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}")).role().arn();
            try (StsClient anonymous = StsClient.builder().endpointOverride(URI.create(relying.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                var assumed = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("from-a")
                        .webIdentityToken(out.get("token").asText()));
                assertThat(assumed.provider()).isEqualTo(providerArn).endsWith(":oidc-provider/localhost:" + port
                        + "/outbound/" + server.accountId());
                assertThat(assumed.subjectFromWebIdentityToken()).endsWith(":user/workload");
            }
        }
    }

    @Test
    void aRenewedCertificateReachesNewConnectionsWithoutARestartAndOpenOnesGoOn() throws Exception {
        SSLContext context = trusting(bundle);
        try (SSLSocket open = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            open.startHandshake();
            BigInteger before = serial(open);
            assertThat(before).isEqualTo(new BigInteger("1001", 16));
            // a renewal as certbot does it: the files replaced one after the other, each in one step
            Files.copy(renewedCertificate, dir.resolve("next.crt"));
            Files.copy(renewedKey, dir.resolve("next.key"));
            Files.move(dir.resolve("next.crt"), certificate, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("next.key"), privateKey, StandardCopyOption.ATOMIC_MOVE);
            Nodes.await(() -> freshSerial(context).equals(new BigInteger("2002", 16)), Duration.ofSeconds(30));
            // the connection made before the renewal still answers, with the certificate it began with
            assertThat(healthOn(open)).startsWith("HTTP/1.1 200");
            assertThat(serial(open)).isEqualTo(before);
        }
    }

    private static BigInteger serial(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    private static BigInteger freshSerial(SSLContext context) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return serial(socket);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String healthOn(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buffer = new byte[256];
        int read = socket.getInputStream().read(buffer);
        return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
    }
}
