import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigningOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The workload of the release's training run (see ./release): what a server does in its first minutes, so that the
 * ahead-of-time cache holds the classes and profiles of the paths a first request takes. Signed STS, IAM and
 * Organizations calls with long-term and session credentials, writes, refusals and the health endpoints. Every answer
 * is checked, so the run is also the release's smoke test.
 *
 * <p>Usage: {@code java -cp lanyard.jar dist/Training.java ENDPOINT DATA_DIR ROUNDS}
 */
public final class Training {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STS = "2011-06-15";
    private static final String IAM = "2010-05-08";
    private static final int MAX_ATTEMPTS = 5;

    private final String endpoint;
    private final String host;

    private Training(URI endpoint) {
        this.host = endpoint.getAuthority();
        this.endpoint = endpoint.toString();
    }

    public static void main(String[] args) throws Exception {
        Training training = new Training(URI.create(args[0]));
        Path credentials = Path.of(args[1], "aws", "credentials");
        training.awaitReady(credentials, Duration.ofMinutes(3));
        training.run(rootKey(credentials), Integer.parseInt(args[2]));
    }

    private void run(Key root, int rounds) throws Exception {
        String account = element(expect(200, query(root, "sts", STS, "GetCallerIdentity")), "Account");
        String role = "arn:aws:iam::" + account + ":role/trainer";
        expect(200, query(root, "iam", IAM, "CreateRole", "RoleName", "trainer", "AssumeRolePolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        expect(200, query(root, "iam", IAM, "CreateUser", "UserName", "trainee"));
        expect(200, query(root, "iam", IAM, "PutUserPolicy", "UserName", "trainee", "PolicyName", "assume",
                "PolicyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + role + "\"}]}"));
        String created = expect(200, query(root, "iam", IAM, "CreateAccessKey", "UserName", "trainee"));
        Key trainee = new Key(element(created, "AccessKeyId"), element(created, "SecretAccessKey"), Optional.empty());
        for (int i = 0; i < rounds; i++) {
            expect(200, get("/health"));
            expect(200, get("/health/ready"));
            expect(200, query(root, "sts", STS, "GetCallerIdentity"));
            String assumed = expect(200, query(trainee, "sts", STS, "AssumeRole", "RoleArn", role,
                    "RoleSessionName", "training-" + i, "DurationSeconds", "900"));
            Key session = new Key(element(assumed, "AccessKeyId"), element(assumed, "SecretAccessKey"),
                    Optional.of(element(assumed, "SessionToken")));
            expect(200, query(session, "sts", STS, "GetCallerIdentity"));
            expect(200, query(root, "sts", STS, "GetSessionToken", "DurationSeconds", "900"));
            expect(200, query(root, "iam", IAM, "GetRole", "RoleName", "trainer"));
            expect(200, query(root, "iam", IAM, "ListUsers"));
            expect(200, query(root, "iam", IAM, "CreateUser", "UserName", "round-" + i, "Path", "/training/"));
            expect(200, query(root, "iam", IAM, "DeleteUser", "UserName", "round-" + i));
            expect(403, query(trainee, "iam", IAM, "ListRoles"));
            expect(404, query(root, "iam", IAM, "GetUser", "UserName", "nobody-" + i));
            expect(403, query(new Key(root.id(), "wrong" + root.secret().substring(5), Optional.empty()), "sts", STS,
                    "GetCallerIdentity"));
            expect(200, organizations(root, "DescribeOrganization", "{}"));
        }
    }

    private record Key(String id, String secret, Optional<String> token) {}

    private HttpResponse<String> query(Key key, String service, String version, String action, String... params)
            throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        form.add("Action=" + action).add("Version=" + version);
        for (int i = 0; i < params.length; i += 2) {
            form.add(params[i] + "=" + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return signed(key, service, form.toString(), Map.of("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8"));
    }

    private HttpResponse<String> organizations(Key key, String operation, String json)
            throws IOException, InterruptedException {
        return signed(key, "organizations", json, Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AWSOrganizationsV20161128." + operation));
    }

    private HttpResponse<String> signed(Key key, String service, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> signedHeaders = new LinkedHashMap<>();
        signedHeaders.put("Host", List.of(host));
        headers.forEach((name, value) -> signedHeaders.put(name, List.of(value)));
        // Every header the request carries is signed: Lanyard refuses an unsigned X-Amz-Target, as AWS does.
        SigningOptions options =
                SigningOptions.defaults().withExtraSignedHeaders(headers.keySet().toArray(String[]::new));
        for (int attempt = 1; ; attempt++) {
            Map<String, String> signature = new SigV4Signer(key.id(), SecretAccessKey.of(key.secret()), key.token())
                    .signHeaders(new HttpRequestParts("POST", "/", "", signedHeaders, bytes), "us-east-1", service,
                            Clock.systemUTC().instant(), options);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            headers.forEach(request::header);
            signature.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (attempt == MAX_ATTEMPTS || !throttled(response)) {
                return response;
            }
            Thread.sleep(100L << attempt); // the default rate limits apply to the training run as to any client
        }
    }

    private static boolean throttled(HttpResponse<String> response) {
        return response.body().contains("<Code>Throttling</Code>") || response.body().contains("ThrottlingException");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                    + " where " + status + " was expected: " + response.body());
        }
        return response.body();
    }

    private static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            throw new IllegalStateException("no <" + name + "> in " + xml);
        }
        return xml.substring(start + name.length() + 2, end);
    }

    /** Waits until the server answers /health/ready and has written its root credentials. */
    private void awaitReady(Path credentials, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (Files.exists(credentials) && get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not become ready within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private static Key rootKey(Path credentials) throws IOException {
        List<String> lines = Files.readAllLines(credentials);
        return new Key(value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"), Optional.empty());
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }
}
