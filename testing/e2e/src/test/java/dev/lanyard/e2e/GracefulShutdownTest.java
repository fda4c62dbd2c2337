package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Stopping the packaged server as systemd, Docker and Kubernetes do, with SIGTERM, while requests are in flight: each
 * of them gets its whole answer, new connections are refused meanwhile, the store is closed cleanly (the next start
 * finds every answered write), and the process exits with 0 within the stop timeout of deploy/lanyard.service.
 */
class GracefulShutdownTest {
    private static final Path REPO = Path.of(System.getProperty("lanyard.repo.dir"));
    private static final Path JAR = REPO.resolve("cli/target/lanyard.jar");
    private static final int HELD = 4;

    @Test
    void sigtermLetsRequestsInFlightFinishRefusesNewConnectionsAndExitsWithZero(@TempDir Path work) throws Exception {
        assertThat(JAR).as("the packaged command (built by the cli module)").exists();
        Path data = work.resolve("data");
        Path log = work.resolve("serve.log");
        Serve serve = Serve.start(data, log);
        AwsCredentials root = rootCredentials(data);
        IamClient iam = Clients.iam(serve.endpoint(), root);
        String account = Clients.sts(serve.endpoint(), root).getCallerIdentity().account();
        iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                "Action":"sts:AssumeRole"}]}""".formatted(account)));
        iam.createUser(r -> r.userName("caller"));
        iam.putUserPolicy(r -> r.userName("caller").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",\
                "Resource":"arn:aws:iam::%s:role/deployer"}]}""".formatted(account)));
        AccessKey caller = iam.createAccessKey(r -> r.userName("caller")).accessKey();

        // Each request's server has sent 100 Continue, so it is reading the body, of which only half has come.
        List<HeldRequest> held = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            held.add(HeldRequest.open(serve.port(), "sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws"
                    + "%3Aiam%3A%3A" + account + "%3Arole%2Fdeployer&RoleSessionName=held-" + i,
                    caller.accessKeyId(), caller.secretAccessKey()));
            held.add(HeldRequest.open(serve.port(), "iam", "Action=CreateUser&Version=2010-05-08&UserName=held-" + i,
                    root.accessKeyId(), root.secretAccessKey()));
        }

        serve.process().destroy(); // SIGTERM
        awaitRefused(serve.port(), serve.process());
        assertThat(serve.process().isAlive()).as("the server waits for the requests in flight").isTrue();

        List<Answer> answers = new ArrayList<>();
        for (HeldRequest request : held) {
            answers.add(request.finish());
        }
        for (int i = 0; i < HELD; i++) {
            Answer assumed = answers.get(2 * i);
            assertThat(assumed.status()).as(assumed.body()).isEqualTo(200);
            assertThat(assumed.body().strip()).contains("<AssumedRoleUser>", "<SessionToken>")
                    .endsWith("</AssumeRoleResponse>");
            Answer created = answers.get(2 * i + 1);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.body().strip()).contains("<UserName>held-" + i + "</UserName>")
                    .endsWith("</CreateUserResponse>");
        }

        Duration stopTimeout = unitStopTimeout();
        assertThat(serve.process().waitFor(stopTimeout.toSeconds(), TimeUnit.SECONDS))
                .as("stopped within the unit's TimeoutStopSec (%s)", stopTimeout).isTrue();
        assertThat(serve.process().exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("lanyard: SIGTERM: stopping", "lanyard: stopped");

        // The next start finds every answered write, and the sessions issued while stopping are valid.
        Serve again = Serve.start(data, work.resolve("again.log"));
        try {
            IamClient iamAgain = Clients.iam(again.endpoint(), root);
            for (int i = 0; i < HELD; i++) {
                String name = "held-" + i;
                assertThat(iamAgain.getUser(r -> r.userName(name)).user().userName()).isEqualTo(name);
                StsClient stsAgain = Clients.sts(again.endpoint(), answers.get(2 * i).sessionCredentials());
                assertThat(stsAgain.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::" + account + ":assumed-role/deployer/" + name);
            }
        } finally {
            again.process().destroy();
            assertThat(again.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(again.process().exitValue()).isZero();
    }

    @Test
    void aSecondSigtermEndsTheProcessWithoutWaiting(@TempDir Path work) throws Exception {
        Path log = work.resolve("serve.log");
        Serve serve = Serve.start(work.resolve("data"), log);
        AwsCredentials root = rootCredentials(work.resolve("data"));
        HeldRequest held = HeldRequest.open(serve.port(), "iam", "Action=CreateUser&Version=2010-05-08&UserName=late",
                root.accessKeyId(), root.secretAccessKey());

        serve.process().destroy();
        awaitRefused(serve.port(), serve.process());
        serve.process().destroy();
        assertThat(serve.process().waitFor(unitStopTimeout().toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(serve.process().exitValue()).as(Files.readString(log)).isEqualTo(128 + 15);
        assertThat(Files.readString(log)).contains("lanyard: SIGTERM again: exiting without waiting");
        assertThatThrownBy(held::finish).isInstanceOf(IOException.class);
    }

    /** {@code TimeoutStopSec} of the shipped systemd unit: how long a stop may take before SIGKILL. */
    private static Duration unitStopTimeout() throws IOException {
        Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)s?$")
                .matcher(Files.readString(REPO.resolve("deploy/lanyard.service")));
        assertThat(m.find()).as("deploy/lanyard.service sets TimeoutStopSec").isTrue();
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }

    /** Waits until the listener refuses connections; a connection it still accepted is closed unused. */
    private static void awaitRefused(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("new connections were still accepted, or the process ended, after SIGTERM");
    }

    private static AwsCredentials rootCredentials(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("aws/credentials"));
        return Clients.basic(value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"));
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    /** {@code lanyard serve} from the packaged jar, in its own process, output to a file. */
    private record Serve(Process process, int port) {
        static Serve start(Path data, Path log) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                    JAR.toString(), "serve", "--port", Integer.toString(port), "--data-dir", data.toString());
            builder.environment().remove("LANYARD_MASTER_KEY");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Serve serve = new Serve(builder.start(), port);
            Nodes.await(() -> serve.healthy() || !serve.process().isAlive(), Duration.ofSeconds(120));
            assertThat(serve.process().isAlive()).as("lanyard serve exited: %s", Files.readString(log)).isTrue();
            return serve;
        }

        String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        boolean healthy() {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** An answer read off the socket: status and the whole body its Content-Length announced. */
    private record Answer(int status, String body) {
        AwsCredentials sessionCredentials() {
            return AwsSessionCredentials.create(element("AccessKeyId"), element("SecretAccessKey"),
                    element("SessionToken"));
        }

        private String element(String name) {
            return body.substring(body.indexOf("<" + name + ">") + name.length() + 2, body.indexOf("</" + name + ">"));
        }
    }

    /**
     * A signed form POST sent with {@code Expect: 100-continue}: the server answers 100 Continue only once its handler
     * reads the body, so after it the request is in flight for certain. Then half the body is sent, and the rest on
     * {@link #finish()}.
     */
    private static final class HeldRequest {
        private final Socket socket;
        private final byte[] body;
        private final int sent;

        private HeldRequest(Socket socket, byte[] body, int sent) {
            this.socket = socket;
            this.body = body;
            this.sent = sent;
        }

        static HeldRequest open(int port, String service, String form, String keyId, String secret)
                throws IOException {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            String host = "127.0.0.1:" + port;
            String contentType = "application/x-www-form-urlencoded; charset=utf-8";
            Map<String, List<String>> signedHeaders = new LinkedHashMap<>();
            signedHeaders.put("Host", List.of(host));
            signedHeaders.put("Content-Type", List.of(contentType));
            Map<String, String> signature = new SigV4Signer(keyId, SecretAccessKey.of(secret), Optional.empty())
                    .signHeaders(new HttpRequestParts("POST", "/", "", signedHeaders, body), "us-east-1", service,
                            Clock.systemUTC().instant());
            StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n");
            signature.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String interim = readHead(socket.getInputStream());
            assertThat(interim).startsWith("HTTP/1.1 100");
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            return new HeldRequest(socket, body, half);
        }

        Answer finish() throws IOException {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(body, sent, body.length - sent);
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int status = Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
                Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$").matcher(head);
                assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
                byte[] answer = in.readNBytes(Integer.parseInt(length.group(1)));
                assertThat(answer).as("the whole body the answer announced").hasSize(Integer.parseInt(length.group(1)));
                return new Answer(status, new String(answer, StandardCharsets.UTF_8));
            }
        }

        /** The status line and headers, up to the blank line. */
        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed before the answer's head ended: " + head);
                }
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r'
                        && bytes[n - 1] == '\n') {
                    return head.toString(StandardCharsets.US_ASCII);
                }
            }
        }
    }
}
