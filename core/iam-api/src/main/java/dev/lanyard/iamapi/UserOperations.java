package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, and user tags. */
final class UserOperations {
    private final IamContext ctx;

    UserOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateUser", this::createUser);
        ops.put("GetUser", this::getUser);
        ops.put("ListUsers", this::listUsers);
        ops.put("UpdateUser", this::updateUser);
        ops.put("DeleteUser", this::deleteUser);
        ops.put("TagUser", this::tagUser);
        ops.put("UntagUser", this::untagUser);
        ops.put("ListUserTags", this::listUserTags);
    }

    static User requireUser(IamSnapshot snapshot, Caller caller, String name) {
        return snapshot.user(caller.account(), name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    static String userArn(Caller caller, String path, String name) {
        return "arn:aws:iam::" + caller.account().value() + ":user" + path + name;
    }

    private Optional<Struct> createUser(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "UserName", "userName", 64);
        String path = IamParams.path(p, "Path");
        List<Tag> tags = IamParams.tags(p);
        Optional<String> boundary = p.get("PermissionsBoundary");
        Caller caller = call.requireCaller();
        ctx.authorize(call, userArn(caller, path, name));
        User created = ctx.store().update(snapshot -> {
            if (snapshot.user(caller.account(), name).isPresent()) {
                throw IamErrors.alreadyExists("User with name " + name);
            }
            AccountQuota.USERS.requireRoomFor(snapshot.users(caller.account()).size());
            boundary.ifPresent(arn -> PolicyOperations.requirePolicy(ctx, snapshot, arn));
            User user = new User(caller.account(), UniqueIdPrefix.AIDA.generate(ctx.random()), name, path,
                    call.environment().time(), boundary, tags, List.of(), List.of());
            return Mutation.of(user, EntityChange.upsert(user));
        });
        return Optional.of(Struct.builder().put("User", IamShapes.user(created, true)).build());
    }

    private Optional<Struct> getUser(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> name = IamParams.optionalName(call.parameters(), "UserName", "userName", 128);
        IamSnapshot snapshot = ctx.store().snapshot();
        if (name.isEmpty()) {
            return Optional.of(Struct.builder().put("User", self(snapshot, caller)).build());
        }
        User user = snapshot.user(caller.account(), name.get()).orElse(null);
        ctx.authorize(call, user != null ? user.arn().toString() : userArn(caller, "/", name.get()));
        if (user == null) {
            throw IamErrors.noSuchUser(name.get());
        }
        return Optional.of(Struct.builder().put("User", IamShapes.user(user, true)).build());
    }

    /** GetUser without a name describes the caller: an IAM user, or the root user of the account. */
    private Struct self(IamSnapshot snapshot, Caller caller) {
        return switch (caller) {
            case Caller.IamUser user -> IamShapes.user(snapshot.userById(user.user().userId())
                    .orElseThrow(() -> IamErrors.noSuchUser(user.user().name())), true);
            case Caller.Root root -> Struct.builder()
                    .put("UserId", root.account().value())
                    .put("Arn", root.arn())
                    .put("CreateDate", snapshot.account(root.account()).map(a -> a.createdAt())
                            .orElse(java.time.Instant.EPOCH))
                    .build();
            case Caller.RoleSession session -> throw AwsException.validation(
                    "Must specify userName when calling with non-User credentials");
            case Caller.FederatedUser federated -> throw AwsException.validation(
                    "Must specify userName when calling with non-User credentials");
        };
    }

    private Optional<Struct> listUsers(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, userArn(caller, prefix.orElse("/"), ""));
        List<User> users = ctx.store().snapshot().users(caller.account()).stream()
                .filter(u -> prefix.map(pp -> u.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), users, u -> u.name().toLowerCase(Locale.ROOT), "Users",
                u -> IamShapes.user(u, false), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> updateUser(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "UserName", "userName", 128);
        Optional<String> newName = IamParams.optionalName(p, "NewUserName", "newUserName", 64);
        Optional<String> newPath = p.get("NewPath").map(v -> IamParams.checkPath("NewPath", v));
        Caller caller = call.requireCaller();
        User existing = requireUser(ctx.store().snapshot(), caller, name);
        ctx.authorize(call, existing.arn().toString());
        ctx.store().update(snapshot -> {
            User user = requireUser(snapshot, caller, name);
            String targetName = newName.orElse(user.name());
            if (!targetName.equalsIgnoreCase(user.name()) && snapshot.user(caller.account(), targetName).isPresent()) {
                throw IamErrors.alreadyExists("User with name " + targetName);
            }
            User renamed = user.withNameAndPath(targetName, newPath.orElse(user.path()));
            List<EntityChange> changes = new java.util.ArrayList<>();
            changes.add(EntityChange.remove(user));
            changes.add(EntityChange.upsert(renamed));
            snapshot.accessKeys(caller.account(), Optional.of(user.name()))
                    .forEach(k -> changes.add(EntityChange.upsert(k.withUserName(targetName))));
            snapshot.mfaDevices(caller.account()).stream()
                    .filter(d -> d.userName().map(n -> n.equalsIgnoreCase(user.name())).orElse(false))
                    .forEach(d -> changes.add(EntityChange.upsert(d.withUserName(targetName))));
            return new Mutation<>(changes, renamed);
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 128);
        Caller caller = call.requireCaller();
        User existing = requireUser(ctx.store().snapshot(), caller, name);
        ctx.authorize(call, existing.arn().toString());
        ctx.store().update(snapshot -> {
            User user = requireUser(snapshot, caller, name);
            if (!snapshot.accessKeys(caller.account(), Optional.of(user.name())).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!user.inlinePolicies().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            boolean hasMfa = snapshot.mfaDevices(caller.account()).stream()
                    .anyMatch(d -> d.userName().map(n -> n.equalsIgnoreCase(user.name())).orElse(false));
            if (hasMfa) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove MFA device first.");
            }
            if (!snapshot.groupsOf(user.userId()).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove user from all groups first.");
            }
            if (!user.attachedPolicyArns().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return Mutation.of(user, EntityChange.remove(user));
        });
        return Optional.empty();
    }

    private Optional<Struct> tagUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 128);
        List<Tag> tags = IamParams.tags(call.parameters());
        Caller caller = call.requireCaller();
        User existing = requireUser(ctx.store().snapshot(), caller, name);
        ctx.authorize(call, existing.arn().toString());
        ctx.store().update(snapshot -> {
            User user = requireUser(snapshot, caller, name);
            User tagged = user.withTags(IamParams.merge(user.tags(), tags));
            return Mutation.of(tagged, EntityChange.upsert(tagged));
        });
        return Optional.empty();
    }

    private Optional<Struct> untagUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 128);
        List<String> keys = call.parameters().list("TagKeys");
        Caller caller = call.requireCaller();
        User existing = requireUser(ctx.store().snapshot(), caller, name);
        ctx.authorize(call, existing.arn().toString());
        ctx.store().update(snapshot -> {
            User user = requireUser(snapshot, caller, name);
            User untagged = user.withTags(IamParams.remove(user.tags(), keys));
            return Mutation.of(untagged, EntityChange.upsert(untagged));
        });
        return Optional.empty();
    }

    private Optional<Struct> listUserTags(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 128);
        Caller caller = call.requireCaller();
        User user = requireUser(ctx.store().snapshot(), caller, name);
        ctx.authorize(call, user.arn().toString());
        return Optional.of(Struct.builder().put("Tags", IamShapes.tags(user.tags())).put("IsTruncated", false).build());
    }
}
