package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** IAM's per-account entity quotas are enforced on create, counted by GetAccountSummary, and freed by deletes. */
class AccountQuotaTest {
    private static TestServer server;
    private static IamClient rootIam;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void groupsPerAccountStopsAtThreeHundred() {
        for (int i = 0; i < 300; i++) {
            String name = "g" + i;
            rootIam.createGroup(r -> r.groupName(name));
        }
        assertThatThrownBy(() -> rootIam.createGroup(r -> r.groupName("one-too-many")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot exceed quota for GroupsPerAccount: 300");
                });
        Map<SummaryKeyType, Integer> summary = rootIam.getAccountSummary().summaryMap();
        assertThat(summary).containsEntry(SummaryKeyType.GROUPS, 300).containsEntry(SummaryKeyType.GROUPS_QUOTA, 300)
                .containsEntry(SummaryKeyType.USERS_QUOTA, 5000).containsEntry(SummaryKeyType.ROLES_QUOTA, 1000)
                .containsEntry(SummaryKeyType.POLICIES_QUOTA, 1500);
        rootIam.deleteGroup(r -> r.groupName("g0"));
        assertThat(rootIam.createGroup(r -> r.groupName("one-too-many")).group().groupName()).isEqualTo("one-too-many");
    }

    @Test
    void usersPerAccountStopsAtFiveThousand() {
        fillThenRefuse(5000, i -> rootIam.createUser(r -> r.userName("u" + i)), "UsersPerAccount");
        rootIam.deleteUser(r -> r.userName("u0"));
        rootIam.createUser(r -> r.userName("u0"));
    }

    @Test
    void rolesPerAccountStopsAtOneThousand() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        fillThenRefuse(1000, i -> rootIam.createRole(r -> r.roleName("r" + i).assumeRolePolicyDocument(trust)),
                "RolesPerAccount");
    }

    @Test
    void customerManagedPoliciesStopAtFifteenHundred() {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
        fillThenRefuse(1500, i -> rootIam.createPolicy(r -> r.policyName("p" + i).policyDocument(document)),
                "PoliciesPerAccount");
    }

    @Test
    void openIdConnectProvidersStopAtOneHundred() {
        fillThenRefuse(100, i -> rootIam.createOpenIDConnectProvider(r -> r.url("https://idp" + i + ".example.test")
                .clientIDList("client").thumbprintList("0".repeat(40))), "OpenIdConnectProvidersPerAccount");
    }

    @Test
    void samlProvidersStopAtOneHundred(@TempDir Path dir) throws Exception {
        String metadata = new SamlFixture(dir).metadata();
        fillThenRefuse(100, i -> rootIam.createSAMLProvider(r -> r.name("idp" + i).samlMetadataDocument(metadata)),
                "SamlProvidersPerAccount");
        String first = "arn:aws:iam::" + server.accountId() + ":saml-provider/idp0";
        rootIam.deleteSAMLProvider(r -> r.samlProviderArn(first));
        rootIam.createSAMLProvider(r -> r.name("idp0").samlMetadataDocument(metadata));
    }

    /** Creates {@code quota} entities (indices 0..quota-1), then expects entity number quota to be refused. */
    private static void fillThenRefuse(int quota, java.util.function.IntConsumer create, String quotaName) {
        for (int i = 0; i < quota; i++) {
            create.accept(i);
        }
        assertThatThrownBy(() -> create.accept(quota)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for " + quotaName + ": "
                    + quota);
        });
    }
}
