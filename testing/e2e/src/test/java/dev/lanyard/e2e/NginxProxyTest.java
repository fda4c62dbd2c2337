package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Lanyard behind nginx with its default proxy_pass, which speaks HTTP/1.0 to the upstream: the AWS CLI and the SDK for
 * Java v2 work through it. The only setting the deployment needs is to pass the client's Host on, which SigV4 signs.
 */
class NginxProxyTest {

    @Test
    void clientsWorkThroughNginxDefaultProxyPass() throws Exception {
        try (TestServer server = TestServer.start(); Nginx nginx = Nginx.start(server.port())) {
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
                Nginx nginx = Nginx.start(server.port(), " ssl", "proxy_bind 127.0.0.3;\n"
                        + "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                        + "proxy_set_header X-Forwarded-Proto $scheme;\n"
                        + "}\nssl_certificate " + tls.resolve("cert.pem") + ";\nssl_certificate_key "
                        + tls.resolve("key.pem") + ";\nlocation /unused {")) {
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

    /** nginx from PATH or /usr/sbin (installed by .ci/run), on a free loopback port, in its own directory. */
    private static final class Nginx implements AutoCloseable {
        final int port;
        private final Path directory;
        private final Process process;

        private Nginx(int port, Path directory, Process process) {
            this.port = port;
            this.directory = directory;
            this.process = process;
        }

        static Nginx start(int upstreamPort) throws IOException {
            return start(upstreamPort, "", "");
        }

        /** With {@code listen} parameters (ssl) and more directives for the proxied location. */
        static Nginx start(int upstreamPort, String listenParameters, String locationDirectives) throws IOException {
            Path directory = Files.createTempDirectory("lanyard-nginx");
            int port = freePort();
            Files.writeString(directory.resolve("nginx.conf"), """
                    worker_processes 1;
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 64; }
                    http {
                        access_log %1$s/access.log;
                        client_body_temp_path %1$s/client_body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen 127.0.0.1:%2$d%4$s;
                            location / {
                                proxy_pass http://127.0.0.1:%3$d;
                                proxy_set_header Host $http_host;
                                %5$s
                            }
                        }
                    }
                    """.formatted(directory, port, upstreamPort, listenParameters, locationDirectives));
            Process process = new ProcessBuilder(binary(), "-p", directory.toString(), "-e",
                    directory.resolve("error.log").toString(), "-c", directory.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(port, directory, process);
            Nodes.await(() -> accepts(port) || !process.isAlive(), Duration.ofSeconds(30));
            assertThat(process.isAlive()).as(nginx.log()).isTrue();
            return nginx;
        }

        private static String binary() {
            for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/local/sbin").split(":")) {
                Path candidate = Path.of(dir, "nginx");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            throw new IllegalStateException("nginx is required (.ci/run installs it)");
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        private static boolean accepts(int port) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** The status of each request in the access log (the number after the quoted request line). */
        List<String> statuses() throws IOException {
            return Files.readAllLines(directory.resolve("access.log")).stream()
                    .map(line -> line.replaceFirst("^[^\"]*\"[^\"]*\" (\\d{3}) .*$", "$1"))
                    .toList();
        }

        String log() {
            try {
                StringBuilder all = new StringBuilder();
                for (String name : List.of("error.log", "access.log", "stdout.log")) {
                    Path file = directory.resolve(name);
                    if (Files.exists(file)) {
                        all.append("\n--- nginx ").append(name).append(":\n").append(Files.readString(file));
                    }
                }
                return all.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
