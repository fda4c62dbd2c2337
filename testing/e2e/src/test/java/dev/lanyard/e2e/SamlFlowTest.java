package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

/** AssumeRoleWithSAML with Responses signed by xmlsec1, through the SDK for Java v2 and the AWS CLI. */
class SamlFlowTest {
    @Test
    void signedResponsesBecomeRoleSessions(@TempDir Path dir) throws Exception {
        SamlFixture idp = new SamlFixture(dir);
        try (TestServer server = TestServer.start()) {
            String account = server.accountId();
            IamClient iam = Clients.iam(server, Clients.root(server));
            String providerArn = iam.createSAMLProvider(r -> r.name("Corp").samlMetadataDocument(idp.metadata()))
                    .samlProviderArn();
            assertThat(providerArn).isEqualTo("arn:aws:iam::" + account + ":saml-provider/Corp");
            String roleArn = iam.createRole(r -> r.roleName("sso-admins").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                            + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":"
                            + "{\"saml:aud\":\"https://signin.aws.amazon.com/saml\"},\"ForAnyValue:StringEquals\":"
                            + "{\"saml:edupersonaffiliation\":\"staff\"}}}]}")).role().arn();

            StsClient anonymous = StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            String response = idp.signedResponse(roleArn, providerArn, "alice-0001", "alice@example.test");
            AssumeRoleWithSamlResponse assumed = anonymous.assumeRoleWithSAML(r -> r.roleArn(roleArn)
                    .principalArn(providerArn).samlAssertion(response));
            assertThat(assumed.subject()).isEqualTo("alice-0001");
            assertThat(assumed.subjectType()).isEqualTo("persistent");
            assertThat(assumed.issuer()).isEqualTo(SamlFixture.ENTITY_ID);
            assertThat(assumed.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
            assertThat(assumed.nameQualifier()).hasSize(28);
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::" + account + ":assumed-role/sso-admins/alice@example.test");
            assertThat(Clients.sts(server, Clients.session(assumed.credentials())).getCallerIdentity().arn())
                    .isEqualTo(assumed.assumedRoleUser().arn());

            String tampered = java.util.Base64.getEncoder().encodeToString(new String(java.util.Base64.getDecoder()
                    .decode(response), java.nio.charset.StandardCharsets.UTF_8).replace("alice-0001", "mallory-01")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> anonymous.assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(providerArn)
                    .samlAssertion(tampered))).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Response signature invalid");
                    });
            String otherRole = idp.signedResponse("arn:aws:iam::" + account + ":role/other", providerArn, "alice-0001",
                    "alice");
            assertThatThrownBy(() -> anonymous.assumeRoleWithSAML(r -> r.roleArn(roleArn).principalArn(providerArn)
                    .samlAssertion(otherRole))).isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

            ExternalProcess.Result cli = ExternalProcess.run(List.of("aws", "--output", "json", "sts",
                    "assume-role-with-saml", "--role-arn", roleArn, "--principal-arn", providerArn,
                    "--saml-assertion", idp.signedResponse(roleArn, providerArn, "bob-0002", "bob")),
                    Map.of("AWS_DEFAULT_REGION", "us-east-1", "AWS_ENDPOINT_URL", server.endpoint(),
                            "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(cli.exitCode()).as(cli.stderr()).isZero();
            assertThat(cli.stdout()).contains("assumed-role/sso-admins/bob").contains("\"SubjectType\": \"persistent\"");
            assertThat(iam.listSAMLProviders().samlProviderList()).hasSize(1);

            java.nio.file.Files.writeString(dir.resolve("metadata.xml"), idp.metadata());
            java.nio.file.Files.writeString(dir.resolve("response.b64"), idp.signedResponse(roleArn, providerArn,
                    "carol-0003", "carol"));
            CliRunner.Result check = CliRunner.run("saml", "check", dir.resolve("response.b64").toString(),
                    "--metadata", dir.resolve("metadata.xml").toString(), "--provider-arn", providerArn);
            assertThat(check.exitCode()).as(check.output()).isZero();
            java.nio.file.Files.writeString(dir.resolve("tampered.b64"), tampered);
            CliRunner.Result bad = CliRunner.run("saml", "check", dir.resolve("tampered.b64").toString(),
                    "--metadata", dir.resolve("metadata.xml").toString(), "--provider-arn", providerArn);
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.output()).contains("FAIL");
        }
    }

    @Test
    void encryptionRequiredRefusesPlainAssertionsAndBoto3Works(@TempDir Path dir) throws Exception {
        SamlFixture idp = new SamlFixture(dir);
        ExternalProcess.Result key = ExternalProcess.run(List.of("openssl", "genpkey", "-algorithm", "RSA",
                "-pkeyopt", "rsa_keygen_bits:2048", "-out", dir.resolve("sp.pem").toString()), Map.of());
        assertThat(key.exitCode()).as(key.stderr()).isZero();
        String pem = java.nio.file.Files.readString(dir.resolve("sp.pem"));
        try (TestServer server = TestServer.start()) {
            IamClient iam = Clients.iam(server, Clients.root(server));
            String providerArn = iam.createSAMLProvider(r -> r.name("Encrypted").samlMetadataDocument(idp.metadata())
                    .assertionEncryptionMode("Required").addPrivateKey(pem)).samlProviderArn();
            var described = iam.getSAMLProvider(r -> r.samlProviderArn(providerArn));
            assertThat(described.assertionEncryptionModeAsString()).isEqualTo("Required");
            assertThat(described.privateKeyList()).hasSize(1);
            String keyId = described.privateKeyList().getFirst().keyId();
            String roleArn = iam.createRole(r -> r.roleName("sealed").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                            + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}")).role().arn();
            String plain = idp.signedResponse(roleArn, providerArn, "dave-0004", "dave");
            String script = "import boto3,sys\n"
                    + "s=boto3.client('sts',endpoint_url=sys.argv[1],region_name='us-east-1')\n"
                    + "try:\n"
                    + "  r=s.assume_role_with_saml(RoleArn=sys.argv[2],PrincipalArn=sys.argv[3],SAMLAssertion=sys.argv[4])\n"
                    + "  print('OK '+r['AssumedRoleUser']['Arn'])\n"
                    + "except s.exceptions.ClientError as e:\n"
                    + "  print('ERR '+e.response['Error']['Code'])\n";
            ExternalProcess.Result refused = ExternalProcess.run(List.of("python3", "-c", script, server.endpoint(),
                    roleArn, providerArn, plain), Map.of("AWS_CONFIG_FILE", "/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(refused.stdout().trim()).as(refused.stderr()).isEqualTo("ERR InvalidIdentityToken");

            iam.updateSAMLProvider(r -> r.samlProviderArn(providerArn).assertionEncryptionMode("Allowed")
                    .removePrivateKey(keyId));
            assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(providerArn)).privateKeyList()).isEmpty();
            ExternalProcess.Result accepted = ExternalProcess.run(List.of("python3", "-c", script, server.endpoint(),
                    roleArn, providerArn, idp.signedResponse(roleArn, providerArn, "dave-0004", "dave")),
                    Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(accepted.stdout().trim()).as(accepted.stderr()).endsWith("assumed-role/sealed/dave");
        }
    }
}
