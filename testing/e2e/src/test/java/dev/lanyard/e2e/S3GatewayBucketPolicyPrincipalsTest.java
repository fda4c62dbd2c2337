package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Who a bucket policy's Principal names, as S3 decides it: anonymous (unsigned) requests are allowed only by grants
 * to everyone ({@code "*"}), never by identity policies or grants to an account, and never ListBuckets; a role or user
 * ARN names the entity that existed when the policy was put, not a later one of the same name.
 */
class S3GatewayBucketPolicyPrincipalsTest {
    private static final String PUBLIC = "anonymous-reads";
    private static GatewayFixture gateway;
    private static S3Client owner;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        Credentials ownerRole = gateway.assumeRole("policy-principals-owner", allow(PUBLIC, "s3:*"));
        owner = S3GatewaySdkTestClients.s3(gateway, ownerRole);
        owner.createBucket(r -> r.bucket(PUBLIC));
        owner.putObject(r -> r.bucket(PUBLIC).key("public/hello.txt"), RequestBody.fromString("hello, anyone"));
        owner.putObject(r -> r.bucket(PUBLIC).key("private/secret.txt"), RequestBody.fromString("owner only"));
        owner.putBucketPolicy(r -> r.bucket(PUBLIC).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + PUBLIC + "/public/*\"},"
                + "{\"Sid\":\"DropBox\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + PUBLIC + "/drop/*\",\"Condition\":{\"IpAddress\":"
                + "{\"aws:SourceIp\":\"127.0.0.0/8\"}}},"
                + "{\"Sid\":\"AccountOnly\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + gateway.account
                + "\"},\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + PUBLIC + "\",\"arn:aws:s3:::" + PUBLIC
                + "/*\"]},"
                + "{\"Sid\":\"NeverSecrets\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + PUBLIC + "/public/secret*\"}]}"));
        owner.putObject(r -> r.bucket(PUBLIC).key("public/secret-plans.txt"), RequestBody.fromString("denied"));
    }

    @AfterAll
    static void stop() {
        owner.close();
        gateway.close();
    }

    private static HttpResponse<String> anonymous(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.s3Endpoint() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnsignedRequestIsDecidedByTheBucketPolicysGrantsToEveryone() {
        HttpResponse<String> read = anonymous("GET", "/" + PUBLIC + "/public/hello.txt", "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello, anyone");

        // A grant to the account (its IAM principals) is not a grant to anonymous callers.
        HttpResponse<String> secret = anonymous("GET", "/" + PUBLIC + "/private/secret.txt", "");
        assertThat(secret.statusCode()).isEqualTo(403);
        assertThat(secret.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Access Denied</Message>");
        // An explicit Deny to everyone beats the public grant.
        assertThat(anonymous("GET", "/" + PUBLIC + "/public/secret-plans.txt", "").statusCode()).isEqualTo(403);
        // A missing key is 403, not 404, to a caller who may not list the bucket.
        HttpResponse<String> missing = anonymous("GET", "/" + PUBLIC + "/public/absent.txt", "");
        assertThat(missing.statusCode()).isEqualTo(403);

        HttpResponse<String> dropped = anonymous("PUT", "/" + PUBLIC + "/drop/note.txt", "anonymous note");
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
        assertThat(owner.getObjectAsBytes(r -> r.bucket(PUBLIC).key("drop/note.txt")).asUtf8String())
                .isEqualTo("anonymous note");
        assertThat(anonymous("PUT", "/" + PUBLIC + "/public/overwrite.txt", "no").statusCode()).isEqualTo(403);
        assertThat(anonymous("DELETE", "/" + PUBLIC + "/public/hello.txt", "").statusCode()).isEqualTo(403);
    }

    @Test
    void anonymousCallersHaveNoBucketsOfTheirOwn() {
        HttpResponse<String> list = anonymous("GET", "/", "");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(list.body()).contains("<Code>AccessDenied</Code>");
        assertThat(anonymous("PUT", "/anonymous-bucket", "").statusCode()).isEqualTo(403);
        assertThat(anonymous("GET", "/never-created/key", "").statusCode()).isEqualTo(404);
    }

    /** boto3 with signature_version=UNSIGNED, the way public buckets are read (and its default checksums on PUT). */
    @Test
    void boto3WithoutCredentialsReadsAndDropsWhatThePolicyGrants() throws Exception {
        Path script = Path.of(getClass().getResource("/s3_gateway_anonymous.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(),
                gateway.s3Endpoint(), PUBLIC), java.util.Map.of("AWS_CONFIG_FILE", "/nonexistent-lanyard-config",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent-lanyard-credentials"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode out = new ObjectMapper().readTree(result.stdout());
        assertThat(out.get("get").asText()).isEqualTo("hello, anyone");
        assertThat(out.get("putDrop").asText()).isEqualTo("OK");
        assertThat(out.get("putOutside").asText()).isEqualTo("AccessDenied");
        assertThat(out.get("getPrivate").asText()).isEqualTo("AccessDenied");
        assertThat(out.get("listBuckets").asText()).isEqualTo("AccessDenied");
        assertThat(out.get("listBucket").asText()).isEqualTo("AccessDenied");
        assertThat(owner.getObjectAsBytes(r -> r.bucket(PUBLIC).key("drop/anonymous.txt")).asUtf8String())
                .isEqualTo("left by nobody");
    }

    private static String grantTo(String bucket, String principalArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Partner\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + principalArn + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    private static int readAs(Credentials credentials, String bucket, String key) {
        try (S3Client client = S3GatewaySdkTestClients.s3(gateway, credentials)) {
            client.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    /**
     * As AWS binds a policy's principals to unique IDs when it is put: the role deleted and created again under the
     * same name is not the role the policy names (and GetBucketPolicy shows the old role's ID) until the policy is
     * put again; an ARN that names no role is refused.
     */
    @Test
    void aRoleDeletedAndRecreatedIsNotTheRoleThePolicyNamed() {
        String bucket = "bound-principals";
        String roleArn = "arn:aws:iam::" + gateway.account + ":role/partner-reader";
        Credentials ownerRole = gateway.assumeRole("bound-principals-owner", allow(bucket, "s3:*"));
        try (S3Client bucketOwner = S3GatewaySdkTestClients.s3(gateway, ownerRole)) {
            bucketOwner.createBucket(r -> r.bucket(bucket));
            bucketOwner.putObject(r -> r.bucket(bucket).key("shared.txt"), RequestBody.fromString("for partners"));
            assertThatThrownBy(() -> bucketOwner.putBucketPolicy(r -> r.bucket(bucket).policy(grantTo(bucket,
                    roleArn)))).isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid principal in policy");
                    });

            String nothingOnTheBucket = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}";
            Credentials first = gateway.assumeRole("partner-reader", nothingOnTheBucket);
            bucketOwner.putBucketPolicy(r -> r.bucket(bucket).policy(grantTo(bucket, roleArn)));
            assertThat(readAs(first, bucket, "shared.txt")).as("the bucket policy grants the role").isEqualTo(200);
            String firstId = gateway.rootIam.getRole(r -> r.roleName("partner-reader")).role().roleId();

            gateway.rootIam.deleteRolePolicy(r -> r.roleName("partner-reader").policyName("s3"));
            gateway.rootIam.deleteRole(r -> r.roleName("partner-reader"));
            Credentials second = gateway.assumeRole("partner-reader", nothingOnTheBucket);
            assertThat(readAs(second, bucket, "shared.txt")).as("a new role of the same name").isEqualTo(403);
            String shown = bucketOwner.getBucketPolicy(r -> r.bucket(bucket)).policy();
            assertThat(shown).contains("\"" + firstId + "\"").doesNotContain(roleArn);

            bucketOwner.putBucketPolicy(r -> r.bucket(bucket).policy(grantTo(bucket, roleArn)));
            assertThat(readAs(second, bucket, "shared.txt")).as("once the policy is put again").isEqualTo(200);
            assertThat(bucketOwner.getBucketPolicy(r -> r.bucket(bucket)).policy()).isEqualTo(grantTo(bucket, roleArn));
        }
    }
}
