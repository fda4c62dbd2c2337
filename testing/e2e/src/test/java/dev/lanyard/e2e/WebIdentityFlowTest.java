package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/** AssumeRoleWithWebIdentity through the SDK for Java v2, the AWS CLI and boto3's web-identity credential chain. */
class WebIdentityFlowTest {
    /**
     * AssumeRoleWithWebIdentity is unsigned, so nothing in the request says which endpoint it was sent to (Lanyard
     * serves every endpoint at one URL; the signed operations tell by their credential scope): its sessions are v2
     * tokens, valid in an opt-in region whatever region the client was configured with (ADR 0017).
     */
    @Test
    void unsignedFederationIssuesRegionalTokensWhateverTheClientsRegion() throws Exception {
        try (TestServer server = TestServer.start(java.time.Clock.systemUTC(),
                c -> c.withEnabledRegions(List.of("ap-east-1")));
                TestIdentityProvider idp = new TestIdentityProvider()) {
            IamClient iam = Clients.iam(server, Clients.root(server));
            String providerArn = iam.createOpenIDConnectProvider(r -> r.url(idp.issuer).clientIDList("app"))
                    .openIDConnectProviderArn();
            String roleArn = iam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}")).role().arn();
            for (Region region : List.of(Region.AWS_GLOBAL, Region.AP_EAST_1)) {
                StsClient anonymous = StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint()))
                        .region(region).credentialsProvider(AnonymousCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                var session = Clients.session(anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                        .roleSessionName("ci-run").webIdentityToken(idp.token("alice", "app"))).credentials());
                StsClient inOptInRegion = StsClient.builder()
                        .endpointOverride(java.net.URI.create(server.endpoint())).region(Region.AP_EAST_1)
                        .credentialsProvider(() -> session).httpClient(UrlConnectionHttpClient.create()).build();
                assertThat(inOptInRegion.getCallerIdentity().arn()).as(region.id())
                        .endsWith(":assumed-role/ci/ci-run");
            }
        }
    }

    @Test
    void tokensFromAnOidcIssuerBecomeRoleSessions(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(); TestIdentityProvider idp = new TestIdentityProvider()) {
            String account = server.accountId();
            IamClient iam = Clients.iam(server, Clients.root(server));
            String providerArn = iam.createOpenIDConnectProvider(r -> r.url(idp.issuer).clientIDList("lanyard-app"))
                    .openIDConnectProviderArn();
            assertThat(providerArn).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/" + idp.hostAndPath());
            assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(providerArn)).clientIDList())
                    .containsExactly("lanyard-app");
            String key = idp.hostAndPath();
            String roleArn = iam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":"
                    + "{\"" + key + ":sub\":\"alice\",\"" + key + ":aud\":\"lanyard-app\"}}}]}")).role().arn();
            iam.putRolePolicy(r -> r.roleName("ci").policyName("by-subject").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":"
                    + "\"*\",\"Condition\":{\"StringEquals\":{\"" + key + ":sub\":\"alice\"}}}]}"));

            StsClient anonymous = StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            AssumeRoleWithWebIdentityResponse assumed = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("build-1").webIdentityToken(idp.token("alice", "lanyard-app")));
            assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo("alice");
            assertThat(assumed.provider()).isEqualTo(providerArn);
            assertThat(assumed.audience()).isEqualTo("lanyard-app");
            assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/ci/build-1");
            // The provider's keys stay with the session: a role policy conditioned on the subject applies.
            assertThat(Clients.iam(server, Clients.session(assumed.credentials())).listRoles().roles()).isNotEmpty();

            assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("bob").webIdentityToken(idp.token("bob", "lanyard-app"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
                    });
            assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("aud").webIdentityToken(idp.token("alice", "someone-else"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Incorrect token audience");
                    });
            Instant past = Instant.now().minusSeconds(7200);
            assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("old").webIdentityToken(idp.token("alice", "lanyard-app", past,
                            past.plusSeconds(600), Map.of()))))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));

            // The AWS CLI, unsigned.
            ExternalProcess.Result cli = ExternalProcess.run(List.of("aws", "--output", "json", "sts",
                    "assume-role-with-web-identity", "--role-arn", roleArn, "--role-session-name", "cli",
                    "--web-identity-token", idp.token("alice", "lanyard-app")), Map.of("AWS_DEFAULT_REGION",
                    "us-east-1", "AWS_ENDPOINT_URL", server.endpoint(), "AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(cli.exitCode()).as(cli.stderr()).isZero();
            assertThat(cli.stdout()).contains("assumed-role/ci/cli");

            // boto3's credential chain: token file + role ARN + STS endpoint, no code for the exchange.
            Path tokenFile = dir.resolve("token");
            Files.writeString(tokenFile, idp.token("alice", "lanyard-app"));
            ExternalProcess.Result chain = ExternalProcess.run(List.of("python3", "-c",
                    "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"), Map.of(
                    "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_ARN", roleArn,
                    "AWS_ROLE_SESSION_NAME", "chain", "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_STS", server.endpoint(), "AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(chain.exitCode()).as(chain.stderr()).isZero();
            assertThat(chain.stdout().trim()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/ci/chain");

            // The operator's offline diagnosis prints each check.
            CliRunner.Result valid = CliRunner.run("oidc", "check", idp.token("alice", "lanyard-app"), "--issuer",
                    idp.issuer, "--client-id", "lanyard-app", "--allow-insecure-loopback");
            assertThat(valid.exitCode()).as(valid.output()).isZero();
            assertThat(valid.output()).contains("valid");
            CliRunner.Result refused = CliRunner.run("oidc", "check", idp.token("alice", "other"), "--issuer",
                    idp.issuer, "--client-id", "lanyard-app", "--allow-insecure-loopback");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("FAIL").contains("refused");

            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(providerArn));
            assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("gone").webIdentityToken(idp.token("alice", "lanyard-app"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).isEqualTo("No OpenIDConnect provider found in your account for "
                            + idp.issuer));
        }
    }
}
