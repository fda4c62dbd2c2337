package dev.lanyard.iamapi;

import static dev.lanyard.iamapi.IamCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iamapi.organizations.AccountFactory;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.query.Struct;
import dev.lanyard.store.testing.InMemoryIamStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UpdateUser and UpdateGroup rename the same way: a taken name is refused, a change of case or path is not. */
class RenameTest {
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    /** The two renamable entities, as their operations name them. */
    enum Kind {
        USER("User"),
        GROUP("Group");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        String create() {
            return "Create" + noun;
        }

        String get() {
            return "Get" + noun;
        }

        String update() {
            return "Update" + noun;
        }

        String nameParameter() {
            return noun + "Name";
        }

        String newNameParameter() {
            return "New" + noun + "Name";
        }
    }

    private final SecureRandom random = SignedCallers.seeded(17);
    private final InMemoryIamStore store = InMemoryIamStore.empty();
    private final Map<String, Operation> operations = IamCalls.operations(store, random, NOW);
    private Caller root;

    @BeforeEach
    void bootstrap() {
        root = new SignedCallers(store).of(new AccountFactory(store, random).bootstrapManagementAccount(NOW)
                .orElseThrow().id(), NOW);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNameTakenInAnyCaseIsRefused(Kind kind) {
        call(kind.create(), kind.nameParameter(), "alice");
        call(kind.create(), kind.nameParameter(), "bob");

        assertThatThrownBy(() -> call(kind.update(), kind.nameParameter(), "alice", kind.newNameParameter(), "BOB"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ENTITY_ALREADY_EXISTS);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(kind.noun + " with name BOB already exists.");
                });
        assertThat(text(call(kind.get(), kind.nameParameter(), "alice"), kind.noun, kind.nameParameter()))
                .isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangeOfCaseOrPathIsARename(Kind kind) {
        call(kind.create(), kind.nameParameter(), "alice");

        call(kind.update(), kind.nameParameter(), "alice", kind.newNameParameter(), "Alice");
        call(kind.update(), kind.nameParameter(), "Alice", "NewPath", "/team/");

        Struct renamed = call(kind.get(), kind.nameParameter(), "Alice");
        assertThat(text(renamed, kind.noun, kind.nameParameter())).isEqualTo("Alice");
        assertThat(text(renamed, kind.noun, "Path")).isEqualTo("/team/");
    }

    @Test
    void aRenamedUsersAccessKeysFollowIt() {
        call("CreateUser", "UserName", "alice");
        String keyId = text(call("CreateAccessKey", "UserName", "alice"), "AccessKey", "AccessKeyId");

        call("UpdateUser", "UserName", "alice", "NewUserName", "carol");

        assertThat(store.snapshot().accessKeys(root.account(), Optional.of("carol")))
                .extracting(key -> key.id().value()).containsExactly(keyId);
    }

    private Struct call(String action, String... parameters) {
        return IamCalls.call(operations, root, NOW, action, parameters);
    }

}
