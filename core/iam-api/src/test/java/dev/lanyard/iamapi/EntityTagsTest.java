package dev.lanyard.iamapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iamapi.organizations.AccountFactory;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.store.testing.InMemoryIamStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tag*, Untag* and List*Tags of every taggable IAM entity, through the operation registry: one set of rules. */
class EntityTagsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    /** Entities a unit test cannot create without a certificate or SAML metadata; the e2e classes tag them. */
    private static final Set<String> COVERED_END_TO_END = Set.of("SAMLProvider", "ServerCertificate");

    private final SecureRandom random = SignedCallers.seeded(23);
    private final InMemoryIamStore store = InMemoryIamStore.empty();
    private final Map<String, Operation> operations = IamCalls.operations(store, random, NOW);
    private final SignedCallers callers = new SignedCallers(store);
    private Caller root;

    /** One taggable entity: how to make one, which parameter names it, and whether its keys ignore case. */
    enum Taggable {
        USER("User", "UserName", true, t -> t.named("CreateUser", "UserName")),
        ROLE("Role", "RoleName", true, t -> t.named("CreateRole", "RoleName", "AssumeRolePolicyDocument", TRUST)),
        POLICY("Policy", "PolicyArn", false, t -> t.text(t.call("CreatePolicy", "PolicyName", "tagged",
                "PolicyDocument", EntityTagsTest.POLICY), "Policy", "Arn")),
        INSTANCE_PROFILE("InstanceProfile", "InstanceProfileName", false,
                t -> t.named("CreateInstanceProfile", "InstanceProfileName")),
        MFA_DEVICE("MFADevice", "SerialNumber", false, t -> t.text(t.call("CreateVirtualMFADevice",
                "VirtualMFADeviceName", "tagged"), "VirtualMFADevice", "SerialNumber")),
        OIDC_PROVIDER("OpenIDConnectProvider", "OpenIDConnectProviderArn", false, t -> t.text(t.call(
                "CreateOpenIDConnectProvider", "Url", "https://idp.example.test", "ClientIDList.member.1", "app",
                "ThumbprintList.member.1", "0123456789abcdef0123456789abcdef01234567"),
                "OpenIDConnectProviderArn"));

        final String entity;
        final String idParameter;
        final boolean caseInsensitive;
        final Function<EntityTagsTest, String> create;

        Taggable(String entity, String idParameter, boolean caseInsensitive,
                Function<EntityTagsTest, String> create) {
            this.entity = entity;
            this.idParameter = idParameter;
            this.caseInsensitive = caseInsensitive;
            this.create = create;
        }
    }

    @BeforeEach
    void bootstrap() {
        AccessKey rootKey = new AccountFactory(store, random).bootstrapManagementAccount(NOW).orElseThrow();
        root = callers.of(rootKey.id(), NOW);
    }

    @Test
    void everyTaggableEntityHasItsThreeOperationsAndIsCoveredHere() {
        Set<String> tagged = new TreeSet<>();
        operations.keySet().stream().filter(name -> name.startsWith("Tag")).forEach(name -> {
            String entity = name.substring("Tag".length());
            assertThat(operations).as(entity).containsKeys("Untag" + entity, "List" + entity + "Tags");
            tagged.add(entity);
        });
        Set<String> covered = new TreeSet<>(COVERED_END_TO_END);
        for (Taggable t : Taggable.values()) {
            covered.add(t.entity);
        }
        // A new taggable entity fails here until it is added to the table below (or said to be covered end to end).
        assertThat(tagged).isEqualTo(covered);
    }

    @ParameterizedTest
    @EnumSource(Taggable.class)
    void tagsMergeListAndUntagByTheEntitysCaseRule(Taggable t) {
        String id = t.create.apply(this);
        call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "b", "Tags.member.1.Value", "2",
                "Tags.member.2.Key", "a", "Tags.member.2.Value", "1");
        assertThat(keys(t, id)).containsExactly("b=2", "a=1");

        call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "B", "Tags.member.1.Value", "3");
        assertThat(keys(t, id)).containsExactlyElementsOf(t.caseInsensitive ? List.of("a=1", "B=3")
                : List.of("b=2", "a=1", "B=3"));

        call("Untag" + t.entity, t.idParameter, id, "TagKeys.member.1", "A");
        assertThat(keys(t, id)).containsExactlyElementsOf(t.caseInsensitive ? List.of("B=3")
                : List.of("b=2", "a=1", "B=3"));
        call("Untag" + t.entity, t.idParameter, id, "TagKeys.member.1", "a", "TagKeys.member.2", "b");
        assertThat(keys(t, id)).containsExactlyElementsOf(t.caseInsensitive ? List.of() : List.of("B=3"));
    }

    @ParameterizedTest
    @EnumSource(Taggable.class)
    void badTagsAreRefusedAndNothingChanges(Taggable t) {
        String id = t.create.apply(this);
        assertError(() -> call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "aws:x",
                "Tags.member.1.Value", "1"), ErrorCode.INVALID_INPUT);
        assertError(() -> call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "k",
                "Tags.member.1.Value", "1", "Tags.member.2.Key", t.caseInsensitive ? "K" : "k",
                "Tags.member.2.Value", "2"), ErrorCode.INVALID_INPUT);
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.addAll(List.of("Tags.member." + (i + 1) + ".Key", "k" + i, "Tags.member." + (i + 1) + ".Value", ""));
        }
        call("Tag" + t.entity, withId(t, id, fifty));
        assertError(() -> call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "one-more",
                "Tags.member.1.Value", ""), ErrorCode.LIMIT_EXCEEDED);
        assertThat(keys(t, id)).hasSize(50).doesNotContain("one-more=");
    }

    @ParameterizedTest
    @EnumSource(Taggable.class)
    void listsArePaged(Taggable t) {
        String id = t.create.apply(this);
        call("Tag" + t.entity, t.idParameter, id, "Tags.member.1.Key", "x", "Tags.member.1.Value", "1",
                "Tags.member.2.Key", "y", "Tags.member.2.Value", "2");
        Struct first = call("List" + t.entity + "Tags", t.idParameter, id, "MaxItems", "1");
        assertThat(first.fields()).containsEntry("IsTruncated", new Value.Bool(true));
        Struct second = call("List" + t.entity + "Tags", t.idParameter, id, "MaxItems", "1", "Marker",
                text(first, "Marker"));
        assertThat(second.fields()).containsEntry("IsTruncated", new Value.Bool(false));
        assertThat(tags(first)).containsExactly("x=1");
        assertThat(tags(second)).containsExactly("y=2");
    }

    /** Creates the entity named "tagged" and answers its name. */
    String named(String action, String nameParameter, String... more) {
        List<String> parameters = new ArrayList<>(List.of(nameParameter, "tagged"));
        parameters.addAll(List.of(more));
        call(action, parameters.toArray(String[]::new));
        return "tagged";
    }

    private String[] withId(Taggable t, String id, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(t.idParameter, id));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    private List<String> keys(Taggable t, String id) {
        return tags(call("List" + t.entity + "Tags", t.idParameter, id));
    }

    private static List<String> tags(Struct listed) {
        return ((Value.ListOf) listed.fields().get("Tags")).items().stream().map(v -> (Struct) v)
                .map(s -> ((Value.Text) s.fields().get("Key")).value() + "="
                        + ((Value.Text) s.fields().get("Value")).value())
                .toList();
    }

    Struct call(String action, String... parameters) {
        return IamCalls.call(operations, root, NOW, action, parameters);
    }

    String text(Struct struct, String... path) {
        return IamCalls.text(struct, path);
    }

    private static void assertError(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
