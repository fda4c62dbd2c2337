package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;

/**
 * The paginators of boto3, the AWS CLI and the AWS SDK for Java walk a list of 10,000 items: every item once, in the
 * order of the list, over as many pages as the page size asks for, and a walk stopped part-way resumes from the
 * client's token where it stopped. Paging is one rule for every IAM list (Marker, MaxItems, IsTruncated), so ListUsers
 * stands for all of them. The users are written to the store while the server is stopped: 10,000 CreateUser calls
 * take minutes on a shared machine, and AWS itself stops at 5,000 users an account (Lanyard too, on create).
 */
class TenThousandItemPagingTest {
    private static final int USERS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = IntStream.range(0, USERS).mapToObj(i -> String.format("walker-%05d", i))
            .toList();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        AccountId account = AccountId.of(server.accountId());
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        server.restart(store -> store.update(snapshot -> {
            List<EntityChange> changes = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                changes.add(EntityChange.upsert(new User(account, String.format("AIDAWALKER%011d", i), NAMES.get(i),
                        "/walkers/", created, Optional.empty(), List.of(), List.of(), List.of())));
            }
            return new Mutation<>(changes, true);
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void boto3WalksEveryUserOnceInOrder() throws Exception {
        List<String> credentials = server.rootCredentials();
        Path script = Path.of(TenThousandItemPagingTest.class.getResource("/paginate_users.py").toURI());
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                credentials.get(0), credentials.get(1)), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode walks = JSON.readTree(result.stdout());
        assertWalk(walks.get("default"), 100);
        assertWalk(walks.get("pages-of-1000"), 10);
        assertWalk(walks.get("pages-of-333"), 31);
        assertWalk(walks.get("resumed"), 100);
    }

    @Test
    void theAwsCliWalksEveryUserOnceInOrder() throws Exception {
        assertThat(names(cli("iam", "list-users"))).isEqualTo(NAMES);
        assertThat(names(cli("iam", "list-users", "--page-size", "1000"))).isEqualTo(NAMES);
        JsonNode first = cli("iam", "list-users", "--max-items", "4000", "--page-size", "700");
        assertThat(names(first)).isEqualTo(NAMES.subList(0, 4000));
        JsonNode rest = cli("iam", "list-users", "--page-size", "700", "--starting-token",
                first.get("NextToken").asText());
        assertThat(names(rest)).isEqualTo(NAMES.subList(4000, USERS));
        assertThat(rest.has("NextToken")).isFalse();
    }

    @Test
    void theJavaSdkWalksEveryUserOnceInOrder() {
        try (IamClient iam = Clients.iam(server, Clients.root(server))) {
            List<ListUsersResponse> pages = iam.listUsersPaginator(r -> r.maxItems(250)).stream().toList();
            assertThat(pages).hasSize(40);
            assertThat(pages.stream().flatMap(p -> p.users().stream()).map(u -> u.userName()).toList())
                    .isEqualTo(NAMES);
            assertThat(pages.getLast().isTruncated()).isFalse();
            assertThat(pages.getLast().marker()).isNull();
        }
    }

    private static void assertWalk(JsonNode walk, int pages) {
        List<String> users = new ArrayList<>();
        walk.get("users").forEach(u -> users.add(u.asText()));
        assertThat(users).isEqualTo(NAMES);
        assertThat(walk.get("pages").asInt()).isEqualTo(pages);
    }

    private static JsonNode cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--output", "json"));
        command.addAll(List.of(args));
        ExternalProcess.Result result = ExternalProcess.run(command, Map.of(
                "AWS_CONFIG_FILE", server.configFile().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", server.credentialsFile().toString(),
                "AWS_PROFILE", "lanyard"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    private static List<String> names(JsonNode listUsers) {
        List<String> names = new ArrayList<>();
        listUsers.get("Users").forEach(u -> names.add(u.get("UserName").asText()));
        return names;
    }
}
