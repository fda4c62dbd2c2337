package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Lanyard behind nginx with its default proxy_pass, which speaks HTTP/1.0 to the upstream: the AWS CLI and the SDK for
 * Java v2 work through it. The only setting the deployment needs is to pass the client's Host on, which SigV4 signs.
 */
class NginxProxyTest {

    @Test
    void clientsWorkThroughNginxDefaultProxyPass() throws Exception {
        try (TestServer server = TestServer.start(); Nginx nginx = Nginx.start(port -> """
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_set_header Host $http_host;
                    }
                }
                """.formatted(port, server.port()))) {
            String endpoint = "http://127.0.0.1:" + nginx.port;
            List<String> root = server.rootCredentials();
            ExternalProcess.Result identity = ExternalProcess.run(List.of("aws", "--output", "json", "sts",
                    "get-caller-identity"), Map.of("AWS_ACCESS_KEY_ID", root.get(0),
                    "AWS_SECRET_ACCESS_KEY", root.get(1), "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", endpoint));
            assertThat(identity.exitCode()).as(identity.stderr() + nginx.log()).isZero();
            assertThat(new ObjectMapper().readTree(identity.stdout()).get("Account").asText())
                    .isEqualTo(server.accountId());

            IamClient iam = Clients.iam(endpoint, Clients.root(server));
            iam.createUser(r -> r.userName("behind-nginx"));
            assertThat(iam.getUser(r -> r.userName("behind-nginx")).user().arn()).endsWith(":user/behind-nginx");
            // Every call nginx passed on was answered 200 (a 505 would mean its HTTP/1.0 was refused).
            assertThat(nginx.statuses()).as(nginx.log()).isNotEmpty().containsOnly("200");
        }
    }

    /**
     * nginx terminating TLS in front of a Lanyard that trusts it (and only it: it connects from 127.0.0.3, clients
     * from 127.0.0.1). Through nginx, aws:SourceIp is the client's address nginx appended to X-Forwarded-For, not the
     * one the client claimed before it, and aws:SecureTransport is nginx's https; sent straight to Lanyard, the same
     * headers change nothing.
     */
    @Test
    void forwardedHeadersCountOnlyFromTheTrustedProxy() throws Exception {
        Path tls = Files.createTempDirectory("lanyard-nginx-tls");
        ExternalProcess.Result made = ExternalProcess.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"), Map.of());
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        try (TestServer server = TestServer.start(java.time.Clock.systemUTC(), config -> config.withNetwork(
                new dev.lanyard.server.NetworkSettings(java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), dev.lanyard.authz.TrustedProxies.of(List.of("127.0.0.3")))));
                Nginx nginx = Nginx.start(port -> """
                        server {
                            listen 127.0.0.1:%d ssl;
                            ssl_certificate %s;
                            ssl_certificate_key %s;
                            location / {
                                proxy_pass http://127.0.0.1:%d;
                                proxy_set_header Host $http_host;
                                proxy_bind 127.0.0.3;
                                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                                proxy_set_header X-Forwarded-Proto $scheme;
                            }
                        }
                        """.formatted(port, tls.resolve("cert.pem"), tls.resolve("key.pem"), server.port()))) {
            IamClient iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("from-loopback"));
            // allowed only over TLS from 127.0.0.1: neither the proxy's own address nor the claimed one passes
            iam.putUserPolicy(r -> r.userName("from-loopback").policyName("where").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\","
                    + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"},"
                    + "\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.1/32\"}}}]}"));
            var key = iam.createAccessKey(r -> r.userName("from-loopback")).accessKey();
            String script = "import boto3,sys\n"
                    + "ep,ca,kid,sec,spoof=sys.argv[1:6]\n"
                    + "iam=boto3.client('iam',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=kid,"
                    + "aws_secret_access_key=sec,verify=ca if ca!='-' else True)\n"
                    + "def forge(request,**kw):\n"
                    + "  request.headers['X-Forwarded-For']=spoof\n"
                    + "  request.headers['X-Forwarded-Proto']='https'\n"
                    + "iam.meta.events.register('before-send',forge)\n"
                    + "try:\n"
                    + "  print(len(iam.list_users()['Users']))\n"
                    + "except iam.exceptions.ClientError as e:\n"
                    + "  print(e.response['Error']['Code'])\n";
            Map<String, String> env = Map.of("AWS_CONFIG_FILE", "/nonexistent-lanyard-config",
                    "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent-lanyard-credentials", "AWS_MAX_ATTEMPTS", "1");
            ExternalProcess.Result throughNginx = ExternalProcess.run(List.of("python3", "-c", script,
                    "https://127.0.0.1:" + nginx.port, tls.resolve("cert.pem").toString(), key.accessKeyId(),
                    key.secretAccessKey(), "203.0.113.5"), env);
            assertThat(throughNginx.exitCode()).as(throughNginx.stderr() + nginx.log()).isZero();
            assertThat(throughNginx.stdout().strip()).as(nginx.log()).isEqualTo("1");

            // Straight to Lanyard, the same claims (even naming the proxy) come from an untrusted peer
            ExternalProcess.Result direct = ExternalProcess.run(List.of("python3", "-c", script,
                    server.endpoint(), "-", key.accessKeyId(), key.secretAccessKey(), "127.0.0.3"), env);
            assertThat(direct.exitCode()).as(direct.stderr()).isZero();
            assertThat(direct.stdout().strip()).isEqualTo("AccessDenied");
        }
    }
}
