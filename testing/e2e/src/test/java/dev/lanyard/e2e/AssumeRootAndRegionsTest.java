package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AssumeRoot with its Organizations prerequisites, and STS's regions and global-endpoint token versions, through boto3
 * and the AWS SDK for Java v2, on one server that serves eu-west-2 and ap-east-1 besides its home region.
 */
class AssumeRootAndRegionsTest {
    private static final String AUDIT = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Clock.systemUTC(), c -> c.withEnabledRegions(List.of("eu-west-2", "ap-east-1")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void boto3AssumesRootAndSignsInEveryRegion() throws Exception {
        Path script = Path.of(AssumeRootAndRegionsTest.class.getResource("/assume_root_regions.py").toURI());
        var creds = server.rootCredentials();
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                creds.get(0), creds.get(1), server.accountId()), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("OK");
    }

    @Test
    void javaSdkAssumesRootInARegionAndNotAtTheGlobalEndpoint() {
        var org = Clients.organizations(server, Clients.root(server));
        var status = org.createAccount(r -> r.accountName("sdk-member").email("sdk-member@example.test"))
                .createAccountStatus();
        String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus().accountId();
        IamClient rootIam = Clients.iam(server, Clients.root(server));
        rootIam.enableOrganizationsRootSessions(r -> { });
        rootIam.createUser(r -> r.userName("sdk-root-ops"));
        rootIam.putUserPolicy(r -> r.userName("sdk-root-ops").policyName("root").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoot\","
                        + "\"Resource\":\"arn:aws:iam::" + member + ":root\"}]}"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("sdk-root-ops")).accessKey();
        AwsCredentials ops = Clients.basic(key.accessKeyId(), key.secretAccessKey());

        Credentials root = sts(Region.EU_WEST_2, ops).assumeRoot(r -> r.targetPrincipal(member)
                .taskPolicyArn(p -> p.arn(AUDIT))).credentials();
        assertThat(Clients.sts(server, Clients.session(root)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:iam::" + member + ":root");
        IamClient memberIam = Clients.iam(server, Clients.session(root));
        assertThat(memberIam.getUser().user().arn()).isEqualTo("arn:aws:iam::" + member + ":root");
        assertThatThrownBy(() -> memberIam.createUser(r -> r.userName("nope")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

        assertThatThrownBy(() -> sts(Region.AWS_GLOBAL, ops).assumeRoot(r -> r.targetPrincipal(member)
                .taskPolicyArn(p -> p.arn(AUDIT))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
        assertThatThrownBy(() -> sts(Region.EU_SOUTH_1, ops).getCallerIdentity())
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RegionDisabledException");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
        rootIam.disableOrganizationsRootSessions(r -> { });
    }

    private static StsClient sts(Region region, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(URI.create(server.endpoint())).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
