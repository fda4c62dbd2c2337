package dev.lanyard.iamapi.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.iamapi.SignedCallers;
import dev.lanyard.pipeline.JsonCall;
import dev.lanyard.pipeline.JsonOperation;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.MasterKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Organizations as a registry of operations behind the checks they share, over an in-memory store. */
class OrganizationsOperationsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ALLOW_ORGANIZATIONS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"organizations:*\",\"Resource\":\"*\"}]}";

    private final SecureRandom random = SignedCallers.seeded(7);
    private final InMemoryIamStore store = InMemoryIamStore.empty();
    private final AccessControl access = new AccessControl(new PolicyGatherer(new AwsManagedPolicies(Partition.AWS)),
            new AuthorizationMessages(MasterKey.generate(random)));
    private final Map<String, JsonOperation> operations = OrganizationsOperations.create(store, access,
            new AccountFactory(store, random));
    private final ObjectMapper json = new ObjectMapper();
    private final SignedCallers callers = new SignedCallers(store);

    private AccountId bootstrap() {
        new AccountFactory(store, random).bootstrapManagementAccount(NOW);
        return store.snapshot().organization().orElseThrow().managementAccount();
    }

    private Caller user(AccountId account, String name, boolean allowed) {
        User user = new User(account, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), name, "/", NOW,
                Optional.empty(), List.of(), allowed ? List.of(new InlinePolicy("orgs", StoredPolicy.parse(
                        ALLOW_ORGANIZATIONS, PolicyKind.INLINE))) : List.of(), List.of());
        AccessKey key = new AccessKey(AccessKeyId.generateLongTerm(account, random), account,
                Optional.of(name), SecretAccessKey.generate(random), AccessKey.Status.Active, NOW);
        store.update(s -> Mutation.of(1, EntityChange.upsert(user), EntityChange.upsert(key)));
        return callers.of(key.id(), NOW);
    }

    private ObjectNode call(String operation, Caller caller, ObjectNode input) {
        RequestEnvironment env = new RequestEnvironment(NOW, "192.0.2.1", true, "us-east-1", Optional.empty(), "r");
        return operations.get(operation).handle(new JsonCall(operation, caller, env, input));
    }

    private void assertRefused(String operation, Caller caller, ErrorCode code) {
        assertThatThrownBy(() -> call(operation, caller, json.createObjectNode()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void everyOperationIsInTheRegistry() {
        assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(OrganizationsOperation.values()).map(Enum::name).toList());
    }

    @Test
    void theManagementAccountDescribesItsOrganization() {
        AccountId management = bootstrap();
        ObjectNode answer = call("DescribeOrganization", user(management, "admin", true), json.createObjectNode());
        assertThat(answer.path("Organization").path("MasterAccountId").asText()).isEqualTo(management.value());
    }

    @Test
    void everyOperationRefusesWithoutAnOrganization() {
        Caller caller = user(AccountId.of("111122223333"), "admin", true);
        for (String operation : operations.keySet()) {
            assertRefused(operation, caller, ErrorCode.AWS_ORGANIZATIONS_NOT_IN_USE);
        }
    }

    @Test
    void everyOperationRefusesOtherAccountsAndCallersTheirPoliciesDoNotAllow() {
        AccountId management = bootstrap();
        Caller member = user(AccountId.of("444455556666"), "admin", true);
        Caller unprivileged = user(management, "bob", false);
        for (String operation : operations.keySet()) {
            assertRefused(operation, member, ErrorCode.ORGANIZATIONS_ACCESS_DENIED);
            assertRefused(operation, unprivileged, ErrorCode.ACCESS_DENIED);
        }
    }

    @Test
    void createdAccountsAreListed() {
        AccountId management = bootstrap();
        Caller admin = user(management, "admin", true);
        ObjectNode created = call("CreateAccount", admin, json.createObjectNode().put("Email", "dev@example.test")
                .put("AccountName", "dev"));
        assertThat(created.path("CreateAccountStatus").path("State").asText()).isEqualTo("SUCCEEDED");
        ObjectNode listed = call("ListAccounts", admin, json.createObjectNode());
        assertThat(listed.path("Accounts").findValuesAsText("Name")).contains("dev");
    }
}
