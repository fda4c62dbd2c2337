package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Identity proofs as aws-iam-authenticator and Vault build them (with botocore), checked as their servers check them:
 * the relying service replays the presigned or signed GetCallerIdentity to Lanyard, with the audience header it
 * expects, and reads the caller's ARN from the answer (docs/identity-proofs.md). A proof for another audience fails
 * the signature.
 */
class IdentityProofTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static JsonNode proofs;
    private static String arn;

    @BeforeAll
    static void makeProofs() throws Exception {
        server = TestServer.start();
        IamClient iam = Clients.iam(server, Clients.root(server));
        iam.createUser(r -> r.userName("workload"));
        AccessKey key = iam.createAccessKey(r -> r.userName("workload")).accessKey();
        arn = "arn:aws:iam::" + server.accountId() + ":user/workload";
        Path script = Path.of(IdentityProofTest.class.getResource("/identity_proofs.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                "cluster-a", "vault.example.test"), Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", key.secretAccessKey(), "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        proofs = JSON.readTree(result.stdout());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What aws-iam-authenticator's server does with a token: decode, replay with its cluster ID, read the JSON. */
    private static HttpResponse<String> checkEksToken(String token, String clusterId) throws Exception {
        assertThat(token).startsWith("k8s-aws-v1.");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
        assertThat(url.getRawQuery()).contains("Action=GetCallerIdentity", "X-Amz-Expires=60",
                "X-Amz-SignedHeaders=host%3Bx-k8s-aws-id");
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(url).header("x-k8s-aws-id", clusterId)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void anEksTokenProvesTheCallerToItsCluster() throws Exception {
        HttpResponse<String> answer = checkEksToken(proofs.get("eks").asText(), "cluster-a");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body()).at("/GetCallerIdentityResponse/GetCallerIdentityResult");
        assertThat(result.get("Arn").asText()).isEqualTo(arn);
        assertThat(result.get("Account").asText()).isEqualTo(server.accountId());
        assertThat(result.get("UserId").asText()).startsWith("AIDA");
    }

    @Test
    void anEksTokenForAnotherClusterFails() throws Exception {
        HttpResponse<String> answer = checkEksToken(proofs.get("eks").asText(), "cluster-b");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("SignatureDoesNotMatch");
    }

    /** What Vault's AWS auth method does with login data: rebuild the request, check its server ID, replay it. */
    private static HttpResponse<String> checkVaultLogin(JsonNode login, String serverId) throws Exception {
        Base64.Decoder base64 = Base64.getDecoder();
        JsonNode headers = JSON.readTree(base64.decode(login.get("iam_request_headers").asText()));
        assertThat(headers.get("X-Vault-AWS-IAM-Server-ID").get(0).asText()).isEqualTo(serverId);
        assertThat(headers.get("Authorization").get(0).asText()).contains("x-vault-aws-iam-server-id");
        // Vault sends the request to its own configured STS endpoint, never to a URL the client chose.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(base64.decode(login.get("iam_request_body").asText())));
        headers.properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                h.getValue().forEach(v -> request.header(h.getKey(), v.asText()));
            }
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void vaultLoginDataProveTheCaller() throws Exception {
        HttpResponse<String> answer = checkVaultLogin(proofs.get("vault"), "vault.example.test");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<Arn>" + arn + "</Arn>", "<Account>" + server.accountId() + "</Account>");
    }

    @Test
    void vaultLoginDataForAnotherServerFail() throws Exception {
        JsonNode login = proofs.get("vault").deepCopy();
        JsonNode headers = JSON.readTree(Base64.getDecoder().decode(login.get("iam_request_headers").asText()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) headers.get("X-Vault-AWS-IAM-Server-ID")).set(0,
                "other-vault.example.test");
        ((com.fasterxml.jackson.databind.node.ObjectNode) login).put("iam_request_headers",
                Base64.getEncoder().encodeToString(headers.toString().getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> answer = checkVaultLogin(login, "other-vault.example.test");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }
}
