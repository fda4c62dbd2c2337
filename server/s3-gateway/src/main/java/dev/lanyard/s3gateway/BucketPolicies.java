package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.PrincipalBindings;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.spi.BucketStore;
import dev.lanyard.policy.Effect;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus, answered by the gateway from its bucket registry: most
 * S3-compatible stores have no bucket policies of their own, and the gateway is what enforces them.
 */
final class BucketPolicies {
    /** S3's limit on a bucket policy's size (API_PutBucketPolicy: "up to 20 KB"). */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    private final BucketStore buckets;
    private final Partition partition;

    /** Policies of buckets named in {@code partition}, the served one ({@code arn:P:s3:::bucket}). */
    BucketPolicies(BucketStore buckets, Partition partition) {
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.partition = requireNonNull(partition, "partition is null");
    }

    /**
     * Validates and stores the policy, its IAM user and role principals bound to their unique IDs as S3 binds them: an
     * ARN that names no user or role is "Invalid principal in policy", and one deleted and recreated later under the
     * same name is a different principal, which the policy does not name.
     */
    Reply put(S3Bucket bucket, byte[] body, IamSnapshot snapshot, String requestId) {
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MISSING_REQUEST_BODY);
        }
        if (body.length > MAX_POLICY_BYTES) {
            throw malformed("Policy exceeds the maximum allowed document size.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        PolicyDocument document = switch (PolicyParser.parse(text, PolicyKind.RESOURCE, partition)) {
            case ParseResult.Valid valid -> valid.document();
            case ParseResult.Invalid invalid -> throw malformed(invalid.message());
        };
        for (Statement statement : document.statements()) {
            checkActions(statement);
            checkResources(statement, partition.s3(bucket.name()));
        }
        Map<String, String> ids = PrincipalBindings.bind(document, snapshot,
                arn -> malformed("Invalid principal in policy"));
        buckets.put(bucket.withPolicy(text, ids));
        return Reply.empty(204, requestId);
    }

    /** The policy as put, except that a principal whose user or role is gone or replaced shows as its unique ID. */
    Reply get(S3Bucket bucket, IamSnapshot snapshot, String requestId) {
        String policy = bucket.policy().map(text -> PrincipalBindings.displayText(text, bucket.principalIds(),
                snapshot)).orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY,
                List.of(new S3Exception.Detail("BucketName", bucket.name()))));
        return Reply.of(200, Map.of("Content-Type", List.of("application/json"), "x-amz-request-id",
                List.of(requestId)), policy.getBytes(StandardCharsets.UTF_8));
    }

    Reply delete(S3Bucket bucket, String requestId) {
        if (bucket.policy().isPresent()) {
            buckets.put(bucket.withPolicy(Optional.empty()));
        }
        return Reply.empty(204, requestId);
    }

    Reply status(S3Bucket bucket, String requestId) {
        String xml = Xml.DECLARATION + "<PolicyStatus xmlns=\"" + Xml.S3_NAMESPACE + "\"><IsPublic>"
                + isPublic(bucket) + "</IsPublic></PolicyStatus>";
        return Reply.xml(200, requestId, xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Public as S3 reckons it, simplified: an unconditioned Allow for every principal ({@code "*"}). S3 also treats
     * conditions that do not pin the caller down (a wide {@code aws:SourceIp}, say) as public; this does not.
     */
    private boolean isPublic(S3Bucket bucket) {
        if (bucket.policy().isEmpty()) {
            return false;
        }
        if (!(PolicyParser.parse(bucket.policy().get(), PolicyKind.RESOURCE) instanceof ParseResult.Valid valid)) {
            return false;
        }
        return valid.document().statements().stream().anyMatch(s -> s.effect() == Effect.ALLOW
                && s.conditions().isEmpty() && s.principal().filter(p -> !p.negated())
                        .map(p -> p.entries().stream().anyMatch(PrincipalEntry::isEveryone)).orElse(false));
    }

    private static void checkActions(Statement statement) {
        for (String action : statement.action().patterns()) {
            if (!action.equals("*") && !action.regionMatches(true, 0, "s3:", 0, 3)) {
                throw malformed("Policy has invalid action");
            }
        }
    }

    /** A bucket policy may only name the bucket ({@code own}, its ARN) and its objects. */
    private static void checkResources(Statement statement, String own) {
        for (String resource : statement.resource().map(r -> r.patterns()).orElse(List.of())) {
            if (!resource.equals(own) && !resource.startsWith(own + "/")) {
                throw malformed("Policy has invalid resource");
            }
        }
    }

    private static S3Exception malformed(String message) {
        return new S3Exception(S3ErrorCode.MALFORMED_POLICY, message, List.of(), "");
    }
}
