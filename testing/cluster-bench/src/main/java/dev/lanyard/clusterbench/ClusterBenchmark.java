package dev.lanyard.clusterbench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.server.DatabaseSettings;
import dev.lanyard.server.LanyardConfig;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.store.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 7's figures: AssumeRole throughput of one node and of two nodes on the same PostgreSQL, how long an IAM change
 * takes to reach another node, and the IAM write rate of one node. Prints a markdown report.
 * Run: {@code ./mvnw -q -pl testing/cluster-bench -am install -DskipTests && ./mvnw -q -pl testing/cluster-bench org.codehaus.mojo:exec-maven-plugin:3.6.4:java}
 */
public final class ClusterBenchmark {
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final int CLIENTS = 32;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        new ClusterBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String masterKey = Base64.getEncoder().encodeToString(key);
            List<LanyardServer> nodes = new ArrayList<>();
            for (String id : List.of("n1", "n2")) {
                Path dir = Files.createTempDirectory("lanyard-bench-" + id);
                nodes.add(LanyardServer.start(LanyardConfig.defaults(dir).withPort(0).withNodeId(id)
                        .withMasterKey(Optional.of(masterKey))
                        .withDatabase(Optional.of(new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), "")))));
            }
            try {
                report(nodes);
            } finally {
                nodes.forEach(LanyardServer::close);
            }
        }
    }

    private void report(List<LanyardServer> nodes) throws Exception {
        List<String> root = rootCredentials(nodes.getFirst());
        String account = nodes.getFirst().managementAccountId();
        call(nodes.get(0), root, "iam", "Action=CreateUser&Version=2010-05-08&UserName=bench");
        call(nodes.get(0), root, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench&PolicyName=p"
                + "&PolicyDocument=" + enc("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
        call(nodes.get(0), root, "iam", "Action=CreateRole&Version=2010-05-08&RoleName=bench-role"
                + "&AssumeRolePolicyDocument=" + enc("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"" + account + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
        String keyXml = call(nodes.get(0), root, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=bench");
        List<String> user = List.of(between(keyXml, "<AccessKeyId>", "</AccessKeyId>"),
                between(keyXml, "<SecretAccessKey>", "</SecretAccessKey>"));
        Thread.sleep(1000);
        String assume = "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn="
                + enc("arn:aws:iam::" + account + ":role/bench-role");
        throughput(List.of(nodes.get(0)), user, assume); // warm-up
        double one = throughput(List.of(nodes.get(0)), user, assume);
        double two = throughput(nodes, user, assume);
        List<Long> delays = propagation(nodes, root);
        double writes = writeRate(nodes.get(0), root);
        System.out.printf("| measure | value |%n|---|---|%n");
        System.out.printf("| AssumeRole, 1 node, %d clients | %.0f req/s |%n", CLIENTS, one);
        System.out.printf("| AssumeRole, 2 nodes (same machine), %d clients | %.0f req/s |%n", CLIENTS, two);
        delays.sort(Long::compare);
        System.out.printf("| IAM change visible on the other node: median | %d ms |%n", delays.get(delays.size() / 2));
        System.out.printf("| IAM change visible on the other node: worst of %d | %d ms |%n", delays.size(),
                delays.getLast());
        System.out.printf("| IAM writes (CreateUser, 1 client) on one node | %.0f writes/s |%n", writes);
    }

    private double throughput(List<LanyardServer> nodes, List<String> creds, String body) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long end = System.nanoTime() + RUN.toNanos();
        List<HttpRequest> signed = new ArrayList<>();
        for (LanyardServer node : nodes) {
            signed.add(request(node, creds, "sts", body));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                HttpRequest request = signed.get(c % signed.size());
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? ok : failed).increment();
                        } catch (IOException | InterruptedException e) {
                            failed.increment();
                        }
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
        if (failed.sum() > 0) {
            System.err.println("failed requests: " + failed.sum());
        }
        return ok.sum() / (double) RUN.toSeconds();
    }

    private List<Long> propagation(List<LanyardServer> nodes, List<String> root) throws Exception {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "propagated-" + i;
            call(nodes.get(0), root, "iam", "Action=CreateUser&Version=2010-05-08&UserName=" + name);
            long start = System.nanoTime();
            while (status(nodes.get(1), root, "iam", "Action=GetUser&Version=2010-05-08&UserName=" + name) != 200) {
                Thread.sleep(2);
            }
            delays.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        return delays;
    }

    private double writeRate(LanyardServer node, List<String> root) throws Exception {
        long start = System.nanoTime();
        int writes = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            call(node, root, "iam", "Action=CreateUser&Version=2010-05-08&UserName=w" + writes++);
        }
        return writes / (Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
    }

    private HttpRequest request(LanyardServer node, List<String> creds, String service, String body) {
        URI uri = URI.create(node.endpointUrl() + "/");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(uri.getHost() + ":" + uri.getPort()));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = new SigV4Signer(creds.get(0), SecretAccessKey.of(creds.get(1)),
                Optional.empty()).signHeaders(new HttpRequestParts("POST", "/", "", headers, bytes), "us-east-1",
                service, Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        signedHeaders.forEach(builder::header);
        return builder.build();
    }

    private int status(LanyardServer node, List<String> creds, String service, String body) throws Exception {
        return http.send(request(node, creds, service, body), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String call(LanyardServer node, List<String> creds, String service, String body) throws Exception {
        HttpResponse<String> response = http.send(request(node, creds, service, body),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(body + " -> " + response.body());
        }
        return response.body();
    }

    private static List<String> rootCredentials(LanyardServer node) throws IOException {
        List<String> lines = Files.readAllLines(node.credentialsFile());
        return List.of(value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"));
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
