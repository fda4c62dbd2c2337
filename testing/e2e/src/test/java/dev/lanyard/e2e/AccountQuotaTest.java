package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
}
