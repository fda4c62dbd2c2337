package dev.lanyard.e2e;

import static dev.lanyard.e2e.GatewayFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.Credentials;

/** boto3 through the gateway onto s3proxy: upload_file multipart, download_file, presigned GET/PUT, pagination. */
class S3GatewayBoto3Test {
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonNode run(Credentials credentials, String bucket) throws Exception {
        Path script = Path.of(S3GatewayBoto3Test.class.getResource("/s3_gateway_boto3.py").toURI());
        Map<String, String> env = gateway.cliEnv(credentials);
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(),
                gateway.s3Endpoint(), bucket), env);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return new ObjectMapper().readTree(result.stdout());
    }

    @Test
    void transfersPresignedUrlsAndPaginationWithAssumedRoleCredentials() throws Exception {
        Credentials role = gateway.assumeRole("boto3-role", allow("boto3-bucket", "s3:*"));
        JsonNode out = run(role, "boto3-bucket");
        assertThat(out.get("roundTrip").asBoolean()).isTrue();
        assertThat(out.get("presignedPutStatus").asInt()).isEqualTo(200);
        assertThat(out.get("presignedGet").asText()).isEqualTo("put through a presigned URL");
        assertThat(out.get("listedKeys").toString()).isEqualTo("[\"page/0\",\"page/1\",\"page/2\",\"page/3\",\"page/4\"]");
        assertThat(out.get("pages").asInt()).isEqualTo(3);
    }

    @Test
    void aFederationTokenSessionUploadsWithinItsPolicy() throws Exception {
        gateway.rootIam.putUserPolicy(r -> r.userName("gateway-tester").policyName("s3-boto3-federated")
                .policyDocument(allow("boto3-federated", "s3:*")));
        Credentials federated = gateway.federationToken("boto3-fed", allow("boto3-federated", "s3:*"));
        JsonNode out = run(federated, "boto3-federated");
        assertThat(out.get("roundTrip").asBoolean()).isTrue();
        assertThat(out.get("presignedGet").asText()).isEqualTo("put through a presigned URL");
    }
}
