package dev.lanyard.iamapi;

import static dev.lanyard.iamapi.IamCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.GatheredPolicies;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.SimulationSubject;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iamapi.organizations.AccountFactory;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.store.testing.InMemoryIamStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy simulator reads a stored principal's policies through the gatherer enforcement uses: each policy has one
 * name (a group's inline policy is {@code group/policy} whether the user or the group is simulated), and the stored
 * boundary limits the simulation as it limits requests.
 */
class PolicySimulatorTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String READ_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String NO_DELETE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}]}";
    private static final String ONLY_LIST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final SecureRandom random = SignedCallers.seeded(17);
    private final InMemoryIamStore store = InMemoryIamStore.empty();
    private final Map<String, Operation> operations = IamCalls.operations(store, random, NOW);
    private AccountId account;
    private Caller root;

    @BeforeEach
    void bootstrap() {
        var rootKey = new AccountFactory(store, random).bootstrapManagementAccount(NOW).orElseThrow();
        account = rootKey.account();
        root = new SignedCallers(store).of(rootKey.id(), NOW);
        call("CreateUser", "UserName", "alice");
        call("CreateGroup", "GroupName", "devs");
        call("AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        call("PutGroupPolicy", "GroupName", "devs", "PolicyName", "read", "PolicyDocument", READ_S3);
        call("PutUserPolicy", "UserName", "alice", "PolicyName", "careful", "PolicyDocument", NO_DELETE);
    }

    @Test
    void aGroupPolicyHasOneNameWhetherTheUserOrTheGroupIsSimulated() {
        Struct viaUser = matched(simulate(arn("user/alice"), "s3:GetObject"));
        Struct viaGroup = matched(simulate(arn("group/devs"), "s3:GetObject"));

        assertThat(text(viaUser, "SourcePolicyId")).isEqualTo("devs/read");
        assertThat(text(viaUser, "SourcePolicyType")).isEqualTo("group");
        assertThat(viaGroup).isEqualTo(viaUser);
        assertThat(text(matched(simulate(arn("user/alice"), "s3:DeleteObject")), "SourcePolicyType"))
                .isEqualTo("user");
    }

    @Test
    void aSimulatedUserHasThePoliciesItsRequestsAreAuthorizedWith() {
        String boundary = text(call("CreatePolicy", "PolicyName", "list-only", "PolicyDocument", ONLY_LIST),
                "Policy", "Arn");
        call("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", boundary);
        call("AttachUserPolicy", "UserName", "alice", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        AccessKeyId key = AccessKeyId.parse(text(call("CreateAccessKey", "UserName", "alice"), "AccessKey",
                "AccessKeyId")).orElseThrow();
        Caller alice = new SignedCallers(store).of(key, NOW);
        IamSnapshot snapshot = store.snapshot();
        PolicyGatherer gatherer = new PolicyGatherer(new AwsManagedPolicies());

        GatheredPolicies simulated = gatherer.gather(snapshot,
                SimulationSubject.stored(snapshot.user(account, "alice").orElseThrow()));

        assertThat(simulated).isEqualTo(gatherer.gather(snapshot, alice));
        assertThat(simulated.identity()).extracting(p -> p.ref().name())
                .containsExactly("careful", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "devs/read");
        assertThat(simulated.boundary()).map(p -> p.ref().name()).contains(boundary);
    }

    @Test
    void aRolesInlineAndAttachedPoliciesAreLabelledAsEnforcementGathersThem() {
        call("CreateRole", "RoleName", "worker", "AssumeRolePolicyDocument", TRUST);
        call("PutRolePolicy", "RoleName", "worker", "PolicyName", "own", "PolicyDocument", NO_DELETE);
        call("AttachRolePolicy", "RoleName", "worker", "PolicyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

        Struct denied = matched(simulate(arn("role/worker"), "s3:DeleteObject"));
        assertThat(text(denied, "SourcePolicyId")).isEqualTo("own");
        assertThat(text(denied, "SourcePolicyType")).isEqualTo("role");
        Struct allowed = matched(simulate(arn("role/worker"), "s3:GetObject"));
        assertThat(text(allowed, "SourcePolicyType")).isEqualTo("aws-managed");
    }

    @Test
    void theStoredBoundaryLimitsTheSimulatedUser() {
        String boundary = text(call("CreatePolicy", "PolicyName", "list-only", "PolicyDocument", ONLY_LIST),
                "Policy", "Arn");
        call("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", boundary);

        Struct result = simulate(arn("user/alice"), "s3:GetObject");
        assertThat(text(result, "EvalDecision")).isEqualTo("implicitDeny");
        assertThat(result.fields().get("PermissionsBoundaryDecisionDetail")).isEqualTo(Struct.builder()
                .put("AllowedByPermissionsBoundary", false).build());
    }

    private String arn(String resource) {
        return "arn:aws:iam::" + account.value() + ":" + resource;
    }

    private Struct simulate(String source, String action) {
        Struct out = call("SimulatePrincipalPolicy", "PolicySourceArn", source, "ActionNames.member.1", action);
        List<Value> results = ((Value.ListOf) out.fields().get("EvaluationResults")).items();
        assertThat(results).hasSize(1);
        return (Struct) results.getFirst();
    }

    private static Struct matched(Struct result) {
        List<Value> statements = ((Value.ListOf) result.fields().get("MatchedStatements")).items();
        assertThat(statements).as("matched statements of %s", result).hasSize(1);
        return (Struct) statements.getFirst();
    }

    private Struct call(String action, String... parameters) {
        return IamCalls.call(operations, root, NOW, action, parameters);
    }

}
