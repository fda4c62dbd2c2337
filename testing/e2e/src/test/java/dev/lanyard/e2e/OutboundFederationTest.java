package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/** A token from one Lanyard's GetWebIdentityToken is accepted by a second Lanyard that trusts it as an OIDC issuer. */
class OutboundFederationTest {
    @Test
    void oneLanyardFederatesIntoAnother() throws Exception {
        try (TestServer issuing = TestServer.start(); TestServer relying = TestServer.start()) {
            IamClient iamA = Clients.iam(issuing, Clients.root(issuing));
            iamA.createUser(r -> r.userName("workload"));
            iamA.putUserPolicy(r -> r.userName("workload").policyName("tokens").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetWebIdentityToken\","
                    + "\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"sts:IdentityTokenAudience\":"
                    + "\"lanyard-b\"}}}]}"));
            AccessKey key = iamA.createAccessKey(r -> r.userName("workload")).accessKey();
            String script = "import boto3,json,sys\n"
                    + "ep,kid,sec,root_id,root_sec=sys.argv[1:6]\n"
                    + "iam=boto3.client('iam',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=root_id,"
                    + "aws_secret_access_key=root_sec)\n"
                    + "out={'issuer':iam.enable_outbound_web_identity_federation()['IssuerIdentifier']}\n"
                    + "sts=boto3.client('sts',endpoint_url=ep,region_name='us-east-1',aws_access_key_id=kid,"
                    + "aws_secret_access_key=sec)\n"
                    + "out['rs']=sts.get_web_identity_token(Audience=['lanyard-b'],SigningAlgorithm='RS256')['WebIdentityToken']\n"
                    + "out['es']=sts.get_web_identity_token(Audience=['lanyard-b'],SigningAlgorithm='ES384',"
                    + "DurationSeconds=600)['WebIdentityToken']\n"
                    + "try:\n"
                    + "  sts.get_web_identity_token(Audience=['elsewhere'],SigningAlgorithm='RS256')\n"
                    + "  out['other']='allowed'\n"
                    + "except sts.exceptions.ClientError as e:\n"
                    + "  out['other']=e.response['Error']['Code']\n"
                    + "print(json.dumps(out))\n";
            var rootA = issuing.rootCredentials();
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", "-c", script, issuing.endpoint(),
                    key.accessKeyId(), key.secretAccessKey(), rootA.get(0), rootA.get(1)),
                    Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode out = new ObjectMapper().readTree(result.stdout());
            String issuer = out.get("issuer").asText();
            assertThat(issuer).isEqualTo(issuing.endpoint() + "/outbound/" + issuing.accountId());
            assertThat(out.get("other").asText()).isEqualTo("AccessDenied");

            IamClient iamB = Clients.iam(relying, Clients.root(relying));
            String providerArn = iamB.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList("lanyard-b"))
                    .openIDConnectProviderArn();
            String sub = "arn:aws:iam::" + issuing.accountId() + ":user/workload";
            String subjectKey = issuer.substring("http://".length()) + ":sub";
            String roleArn = iamB.createRole(r -> r.roleName("from-a").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":"
                    + "{\"" + subjectKey + "\":\"" + sub + "\"}}}]}")).role().arn();
            StsClient anonymous = StsClient.builder().endpointOverride(java.net.URI.create(relying.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            for (String token : List.of(out.get("rs").asText(), out.get("es").asText())) {
                var assumed = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("from-a")
                        .webIdentityToken(token));
                assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo(sub);
                assertThat(assumed.assumedRoleUser().arn()).endsWith(":assumed-role/from-a/from-a");
            }
        }
    }
}
