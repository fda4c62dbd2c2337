package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.OidcProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with an OpenID Provider nobody here wrote: panva's certified {@code oidc-provider} (pinned in
 * src/test/resources/oidc-provider), run by node on loopback. It issues a JWT access token through the
 * client_credentials grant with a resource indicator, and the verifier checks it against the provider's own
 * discovery document and JWKS.
 */
class OidcProviderInteropTest {
    private static final Path WORK = Path.of("target", "oidc-provider");
    private static final String CLIENT = "lanyard-interop";
    private static final String AUDIENCE = "sts.amazonaws.com";

    private static Process node;
    private static String issuer;
    private static HttpJwksFetcher fetcher;
    private static OidcWebIdentityVerifier verifier;

    @BeforeAll
    static void startProvider() throws Exception {
        Path nodeBin = executable("node");
        Path npmBin = executable("npm");
        Files.createDirectories(WORK);
        for (String name : List.of("package.json", "package-lock.json", "server.mjs")) {
            try (InputStream in = OidcProviderInteropTest.class.getResourceAsStream("/oidc-provider/" + name)) {
                Files.copy(in, WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/oidc-provider"))) {
            run(List.of(npmBin.toString(), "ci", "--no-audit", "--no-fund"), WORK.resolve("npm-ci.log"));
        }
        int port = freePort();
        node = new ProcessBuilder(nodeBin.toString(), "server.mjs", String.valueOf(port)).directory(WORK.toFile())
                .redirectErrorStream(true).start();
        issuer = awaitReady(node).get(20, TimeUnit.SECONDS);
        OidcVerifierConfig config = OidcVerifierConfig.defaults().withAllowInsecureLoopback(true);
        fetcher = new HttpJwksFetcher(config);
        verifier = new OidcWebIdentityVerifier(config, Clock.systemUTC(), fetcher);
    }

    @AfterAll
    static void stopProvider() throws InterruptedException {
        if (fetcher != null) {
            fetcher.close();
        }
        if (node != null) {
            node.destroy();
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static OidcProviderTrust provider(String clientId) {
        return new OidcProviderTrust("arn:aws:iam::123456789012:oidc-provider/" + issuer.substring(7), issuer,
                List.of(clientId), List.of());
    }

    @Test
    void verifiesAJwtAccessTokenFromOidcProvider() throws Exception {
        VerifiedWebIdentity identity = verifier.verify(accessToken(), provider(AUDIENCE));

        assertThat(identity.issuer()).isEqualTo(issuer);
        assertThat(identity.subject()).isEqualTo(CLIENT);
        assertThat(identity.audience()).isEqualTo(AUDIENCE);
        assertThat(identity.keyId()).isEqualTo("interop-rs256");
        assertThat(Duration.between(identity.issuedAt(), identity.expiresAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        refused(verifier, accessToken(), provider("some-other-client"), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Incorrect token audience", "aud");
    }

    @Test
    void alteredTokenIsRefused() throws Exception {
        String token = accessToken();
        String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        refused(verifier, altered, provider(AUDIENCE), ErrorCode.INVALID_IDENTITY_TOKEN, Refusals.SIGNATURE,
                "signature");
    }

    private static String accessToken() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":lanyard-interop-secret")
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
            return (String) JSONObjectUtils.parse(response.body()).get("access_token");
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }

    private static CompletableFuture<String> awaitReady(Process process) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    seen.append(line).append('\n');
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).trim());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("oidc-provider exited:\n" + seen));
        });
        return ready;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " failed in " + WORK.toAbsolutePath() + ":\n" + Files.readString(log));
        }
    }

    private static Path executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("'" + name + "' is not on the PATH: the oidc-provider interop test needs Node.js and npm "
                + "(e.g. apt-get install nodejs npm)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
