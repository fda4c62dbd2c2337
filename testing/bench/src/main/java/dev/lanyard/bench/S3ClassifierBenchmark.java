package dev.lanyard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.policy.AuthorizationRequest;
import dev.lanyard.policy.Authorizer;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.policy.RequestContext;
import dev.lanyard.s3.BucketOwners;
import dev.lanyard.s3.RequestSignature;
import dev.lanyard.s3.RequiredAuthorizations;
import dev.lanyard.s3.S3Addressing;
import dev.lanyard.s3.S3Authorization;
import dev.lanyard.s3.S3Classification;
import dev.lanyard.s3.S3Classifier;
import dev.lanyard.s3.S3Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The S3 gateway's authorization overhead per request (issue 13's goal: classification plus evaluation under 5 µs for a
 * typical policy set): {@link S3Classifier#classify} of requests as the SDKs send them, from the header map the HTTP
 * server hands over (building the {@link S3Request} is part of the cost), and one request classified, given the
 * pipeline's global keys and decided with {@link PolicyFixtures#typical()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_UNSAFE)
public class S3ClassifierBenchmark {
    static final String BUCKET = "team-bucket";
    static final String HOST = BUCKET + ".s3.example.test";
    static final AccountId OWNER = AccountId.of(PolicyFixtures.ACCOUNT);
    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final S3Classifier classifier = new S3Classifier(S3Addressing.virtualHostedUnder("s3.example.test"),
            Partition.AWS);
    private final BucketOwners owners = bucket -> Optional.of(OWNER);
    private final Authorizer authorizer = new Authorizer();
    private List<LabeledPolicy> policies;
    private ContextKeys globalKeys;
    private PrincipalIdentity principal;
    private Map<String, List<String>> getHeaders;
    private Map<String, List<String>> putHeaders;
    private Map<String, List<String>> copyHeaders;
    private byte[] deleteBody;

    @Setup
    public void setUp() {
        policies = PolicyFixtures.typical();
        globalKeys = PolicyFixtures.userContext();
        principal = PrincipalIdentity.user(OWNER, PolicyFixtures.USER_ARN, "AIDAEXAMPLEALICE0001");
        getHeaders = sdkHeaders(SHA);
        putHeaders = sdkHeaders("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        putHeaders.put("x-amz-server-side-encryption", List.of("AES256"));
        putHeaders.put("x-amz-storage-class", List.of("STANDARD_IA"));
        putHeaders.put("x-amz-tagging", List.of("project=atlas&owner=alice"));
        putHeaders.put("x-amz-acl", List.of("bucket-owner-full-control"));
        putHeaders.put("x-amz-trailer", List.of("x-amz-checksum-crc32"));
        putHeaders.put("x-amz-decoded-content-length", List.of("4096"));
        copyHeaders = sdkHeaders(SHA);
        copyHeaders.put("x-amz-copy-source", List.of("team-bucket/reports/2026/q3.csv?versionId=3HL4kqtJlcpXroDTDm"));
        copyHeaders.put("x-amz-metadata-directive", List.of("COPY"));
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete xmlns=\""
                + "http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < 100; i++) {
            body.append("<Object><Key>reports/2026/part-").append(i).append(".csv</Key></Object>");
        }
        deleteBody = body.append("<Quiet>true</Quiet></Delete>").toString().getBytes(UTF_8);
    }

    /** GetObject, virtual-hosted, header-signed with a payload hash: one authorization. */
    @Benchmark
    public S3Classification getObject() {
        return classify("GET", "/reports/2026/q4.csv", "", getHeaders);
    }

    /** PutObject with tags, SSE, storage class and a canned ACL: s3:PutObject, PutObjectAcl, PutObjectTagging. */
    @Benchmark
    public S3Classification putObjectTaggedEncrypted() {
        return classify("PUT", "/reports/2026/q4.csv", "", putHeaders);
    }

    /** ListObjectsV2 with prefix, delimiter and max-keys as the CLI sends them. */
    @Benchmark
    public S3Classification listObjectsV2() {
        return classify("GET", "/", "list-type=2&prefix=reports%2F2026%2F&delimiter=%2F&max-keys=1000"
                + "&encoding-type=url", getHeaders);
    }

    /** CopyObject of a version: destination s3:PutObject, source s3:GetObjectVersion. */
    @Benchmark
    public S3Classification copyObject() {
        return classify("PUT", "/reports/2026/q4-copy.csv", "", copyHeaders);
    }

    /** DeleteObjects of 100 keys: the hardened XML read plus 100 authorizations. */
    @Benchmark
    public S3Classification deleteObjects100() {
        return classify("POST", "/", "delete", getHeaders).withBody(deleteBody);
    }

    /** GetObject classified, given the pipeline's global keys and decided on the typical policy set. */
    @Benchmark
    public Decision getObjectClassifyAndDecide() {
        S3Classification classification = getObject();
        S3Authorization authorization =
                ((RequiredAuthorizations.AllOf) classification.required()).authorizations().getFirst();
        ContextKeys keys = ContextKeys.builder().putAll(globalKeys).putAll(authorization.keys()).build();
        RequestContext context = new RequestContext(authorization.action(), authorization.resource(),
                Optional.of(principal), keys);
        return authorizer.decide(AuthorizationRequest.builder().context(context).principalAccount(OWNER)
                .resourceAccount(authorization.resourceAccount()).identityPolicies(policies).build());
    }

    private S3Classification classify(String method, String path, String query, Map<String, List<String>> headers) {
        S3Request request = new S3Request(method, HOST, path, query, headers,
                RequestSignature.header(headers.get("x-amz-content-sha256").getFirst()), Optional.of("1.3"));
        return classifier.classify(request, owners);
    }

    /** The headers botocore 1.43 sends on a header-signed S3 request (values shortened where they do not matter). */
    private static Map<String, List<String>> sdkHeaders(String contentSha256) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(HOST));
        headers.put("User-Agent", List.of("aws-cli/1.40.0 md/Botocore#1.43.11 ua/2.1 os/linux#6.1 md/arch#x86_64"
                + " lang/python#3.11.7 md/pyimpl#CPython m/Z,b cfg/retry-mode#legacy botocore/1.43.11"));
        headers.put("Accept-Encoding", List.of("identity"));
        headers.put("X-Amz-Date", List.of("20261123T120000Z"));
        headers.put("x-amz-content-sha256", List.of(contentSha256));
        headers.put("X-Amz-Security-Token", List.of(BotocoreRequests.SESSION_TOKEN));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261123/us-east-1/s3/"
                + "aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"
                + " Signature=0000000000000000000000000000000000000000000000000000000000000000"));
        headers.put("amz-sdk-invocation-id", List.of("5a4c8f7e-3b2d-4e1f-9a8b-7c6d5e4f3a2b"));
        headers.put("amz-sdk-request", List.of("attempt=1"));
        return headers;
    }
}
