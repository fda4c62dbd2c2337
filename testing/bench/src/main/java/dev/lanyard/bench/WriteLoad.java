package dev.lanyard.bench;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Acknowledged IAM writes per second through the real server: starts {@code java -jar lanyard.jar serve} on a free
 * loopback port with a fresh data directory (the embedded store), then N writers each loop CreateUser + PutUserPolicy
 * on a new user, SigV4-signed, one request at a time; every 200 is one acknowledged write. Prints a markdown table.
 *
 * <pre>java -cp testing/bench/target/benchmarks.jar dev.lanyard.bench.WriteLoad --jar cli/target/lanyard.jar \
 *     [--writers "1 4 16"] [--seconds 15] [--warmup 5]</pre>
 */
public final class WriteLoad {
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench/*\"}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final SigV4Signer signer;
    private int round;

    private WriteLoad(String endpoint, String accessKeyId, String secret) {
        this.endpoint = endpoint;
        this.signer = new SigV4Signer(accessKeyId, SecretAccessKey.of(secret), Optional.empty());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path jar = Path.of(options.getOrDefault("jar", "cli/target/lanyard.jar"));
        int[] writers = Arrays.stream(options.getOrDefault("writers", "1 4 16").trim().split("\\s+"))
                .mapToInt(Integer::parseInt).toArray();
        Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "15")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
        Path data = Files.createTempDirectory("lanyard-write-load");
        int port = freePort();
        Process server = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar", jar.toString(),
                "serve", "--port", Integer.toString(port), "--data-dir", data.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("serve.log").toFile()).start();
        try {
            WriteLoad load = awaitServing(server, "http://127.0.0.1:" + port, data.resolve("data"));
            System.out.println("| writers | acknowledged writes/s | p50 ms | p99 ms | failed | failed by answer |");
            System.out.println("|--:|--:|--:|--:|--:|--|");
            for (int n : writers) {
                load.run(n, warmup);
                Result result = load.run(n, measure);
                System.out.printf("| %d | %,.0f | %.2f | %.2f | %d | %s |%n", n, result.perSecond(),
                        result.p50Millis(), result.p99Millis(), result.failed(), result.failures());
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** {@code failures} counts the refused calls by HTTP status and AWS error code, to tell load from defects. */
    record Result(double perSecond, double p50Millis, double p99Millis, long failed, Map<String, Long> failures) {}

    private Result run(int writers, Duration duration) throws InterruptedException {
        int thisRound = round++;
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> latencies = new ArrayList<>();
        long[] failed = new long[writers];
        Map<String, LongAdder> failures = new ConcurrentSkipListMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            long[] own = new long[500_000];
            latencies.add(own);
            threads.add(Thread.ofPlatform().start(() -> {
                int count = 0;
                for (int i = 0; running.get(); i++) {
                    String user = "r" + thisRound + "w" + writer + "u" + i;
                    for (String body : List.of("Action=CreateUser&Version=2010-05-08&UserName=" + user,
                            "Action=PutUserPolicy&Version=2010-05-08&UserName=" + user
                                    + "&PolicyName=p&PolicyDocument=" + URLEncoder.encode(POLICY,
                                            StandardCharsets.UTF_8))) {
                        long start = System.nanoTime();
                        String refusal = call(body);
                        if (refusal.isEmpty() && count < own.length - 1) {
                            own[++count] = System.nanoTime() - start;
                        } else {
                            failed[writer]++;
                            failures.computeIfAbsent(refusal, k -> new LongAdder()).increment();
                        }
                    }
                }
                own[0] = count;
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(duration);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
        return new Result(all.length / seconds, percentile(all, 0.50), percentile(all, 0.99),
                Arrays.stream(failed).sum(), failures.entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().sum(), (a, b) -> a, TreeMap::new)));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    /** Empty when acknowledged; otherwise the status and AWS error code, or the I/O failure. */
    private String call(String body) {
        try {
            HttpResponse<String> response = http.send(signed(body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return "";
            }
            Matcher code = ERROR_CODE.matcher(response.body());
            return response.statusCode() + " " + (code.find() ? code.group(1) : "?");
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpRequest signed(String body) {
        URI uri = URI.create(endpoint + "/");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(uri.getHost() + ":" + uri.getPort()));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = signer.signHeaders(new HttpRequestParts("POST", "/", "", headers, bytes),
                "us-east-1", "iam", Instant.now());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        signedHeaders.forEach(builder::header);
        return builder.build();
    }

    private static WriteLoad awaitServing(Process server, String endpoint, Path data) throws Exception {
        HttpClient probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("lanyard serve did not start");
            }
            try {
                if (probe.send(HttpRequest.newBuilder(URI.create(endpoint + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(data.resolve("aws").resolve("credentials"));
        return new WriteLoad(endpoint, value(lines, "aws_access_key_id"), value(lines, "aws_secret_access_key"));
    }

    private static String value(List<String> lines, String key) {
        String line = lines.stream().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
        return line.substring(line.indexOf('=') + 1).trim();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
