package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Federated sessions on the gateway: credentials from AssumeRoleWithSAML and AssumeRoleWithWebIdentity work on S3 as
 * role sessions, with the identity provider's keys in their context (a per-user prefix from the token's subject).
 */
class S3GatewayFederatedTest {
    private static GatewayFixture gateway;
    private static StsClient anonymousSts;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        anonymousSts = StsClient.builder().endpointOverride(URI.create(gateway.server.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        anonymousSts.close();
        gateway.close();
    }

    /** A role trusting {@code federated} for {@code action}, whose policy gives each user a home prefix by {@code subKey}. */
    private static String federatedRole(String name, String federated, String action, String bucket, String subKey) {
        String roleArn = gateway.rootIam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + federated + "\"},\"Action\":\"" + action + "\"}]}")).role().arn();
        gateway.rootIam.putRolePolicy(r -> r.roleName(name).policyName("s3").policyDocument("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:CreateBucket\","
                + "\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::" + bucket + "\"},{\"Effect\":\"Allow\",\"Action\":"
                + "[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::" + bucket + "/home/${" + subKey
                + "}/*\"}]}"));
        return roleArn;
    }

    private static void assertHomeOnly(Credentials credentials, String bucket, String user) {
        try (S3Client s3 = S3GatewaySdkTestClients.s3(gateway, credentials)) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putObject(r -> r.bucket(bucket).key("home/" + user + "/notes.txt"), RequestBody.fromString(user));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("home/" + user + "/notes.txt")).asUtf8String())
                    .isEqualTo(user);
            assertThatThrownBy(() -> s3.putObject(r -> r.bucket(bucket).key("home/someone-else/notes.txt"),
                    RequestBody.fromString("not mine"))).isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).hasSize(1);
        }
    }

    @Test
    void aSamlSessionUsesTheGatewayWithinItsRole(@TempDir Path dir) throws Exception {
        SamlFixture idp = new SamlFixture(dir);
        String providerArn = gateway.rootIam.createSAMLProvider(r -> r.name("GatewaySso")
                .samlMetadataDocument(idp.metadata())).samlProviderArn();
        String roleArn = federatedRole("sso-storage", providerArn, "sts:AssumeRoleWithSAML", "saml-data", "saml:sub");
        String assertion = idp.signedResponse(roleArn, providerArn, "alice-0001", "alice@example.test");
        Credentials session = anonymousSts.assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(providerArn)
                .samlAssertion(assertion)).credentials();
        assertHomeOnly(session, "saml-data", "alice-0001");
    }

    @Test
    void aWebIdentitySessionUsesTheGatewayWithinItsRole() {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            String providerArn = gateway.rootIam.createOpenIDConnectProvider(r -> r.url(idp.issuer)
                    .clientIDList("gateway-app")).openIDConnectProviderArn();
            String roleArn = federatedRole("ci-storage", providerArn, "sts:AssumeRoleWithWebIdentity", "oidc-data",
                    idp.hostAndPath() + ":sub");
            Credentials session = anonymousSts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("build-7").webIdentityToken(idp.token("build-bot", "gateway-app")))
                    .credentials();
            assertHomeOnly(session, "oidc-data", "build-bot");
        }
    }
}
