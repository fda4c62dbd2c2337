package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real OIDC provider nobody here wrote (the oidc-provider npm package, run by node on loopback) issues the token;
 * the SDK for Java v2, the AWS CLI and boto3 trade it for role credentials at Lanyard.
 */
class OidcProviderInteropFlowTest {
    private static final Path SOURCE = Path.of(System.getProperty("lanyard.repo.dir"), "federation", "oidc", "src",
            "test", "resources", "oidc-provider");
    private static final Path WORK = Path.of("target", "oidc-provider");

    @Test
    void tokensFromOidcProviderWorkThroughEveryClient(@TempDir Path dir) throws Exception {
        Files.createDirectories(WORK);
        for (String name : List.of("package.json", "package-lock.json", "server.mjs")) {
            Files.copy(SOURCE.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/oidc-provider"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(WORK.toFile())
                    .redirectErrorStream(true).redirectOutput(WORK.resolve("npm-ci.log").toFile()).start();
            assertThat(npm.waitFor(180, TimeUnit.SECONDS) && npm.exitValue() == 0)
                    .as("npm ci: " + Files.readString(WORK.resolve("npm-ci.log"))).isTrue();
        }
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process node = new ProcessBuilder("node", "server.mjs", Integer.toString(port)).directory(WORK.toFile())
                .redirectErrorStream(true).start();
        try (TestServer server = TestServer.start()) {
            String issuer = ready(node).get(30, TimeUnit.SECONDS);
            IamClient iam = Clients.iam(server, Clients.root(server));
            String providerArn = iam.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList("sts.amazonaws.com"))
                    .openIDConnectProviderArn();
            String key = issuer.substring("http://".length());
            String roleArn = iam.createRole(r -> r.roleName("interop").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":"
                    + "{\"" + key + ":sub\":\"lanyard-interop\"}}}]}")).role().arn();

            StsClient anonymous = StsClient.builder().endpointOverride(URI.create(server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            String sdkToken = accessToken(issuer);
            assertThat(anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("sdk")
                    .webIdentityToken(sdkToken)).subjectFromWebIdentityToken()).isEqualTo("lanyard-interop");

            ExternalProcess.Result cli = ExternalProcess.run(List.of("aws", "--output", "json", "sts",
                    "assume-role-with-web-identity", "--role-arn", roleArn, "--role-session-name", "cli",
                    "--web-identity-token", accessToken(issuer)), Map.of("AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", server.endpoint(), "AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(cli.exitCode()).as(cli.stderr()).isZero();

            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, accessToken(issuer));
            ExternalProcess.Result boto = ExternalProcess.run(List.of("python3", "-c",
                    "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"), Map.of(
                    "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_ARN", roleArn,
                    "AWS_ROLE_SESSION_NAME", "boto", "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_STS", server.endpoint(), "AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(boto.exitCode()).as(boto.stderr()).isZero();
            assertThat(boto.stdout().trim()).endsWith(":assumed-role/interop/boto");
        } finally {
            node.destroy();
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static String accessToken(String issuer) throws Exception {
        String basic = Base64.getEncoder().encodeToString("lanyard-interop:lanyard-interop-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&resource=urn%3Alanyard%3Asts&scope=sts"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("access_token")
                    .asText();
        }
    }

    private static CompletableFuture<String> ready(Process process) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).trim());
                    }
                }
            } catch (java.io.IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("oidc-provider exited"));
        });
        return ready;
    }
}
