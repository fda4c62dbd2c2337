package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.time.Instant;
import java.util.ArrayList;
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
        new EntityTags<>(ctx, "User", TagKeys.CASE_INSENSITIVE, EntityTags.Order.AS_ADDED,
                call -> authorizedUser(call, IamParams.name(call.parameters(), "UserName", "userName", 128)),
                (view, found) -> requireUser(view, found.name())).register(ops);
    }

    static User requireUser(AccountView view, String name) {
        return view.user(name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    static String userArn(Caller caller, String path, String name) {
        return caller.partition().iam(caller.account(), "user" + path + name).toString();
    }

    /** Authorizes on the user's ARN before telling whether it exists. */
    private User authorizedUser(OperationCall call, String name) {
        Optional<User> user = ctx.view(call).user(name);
        ctx.authorize(call, user.map(u -> u.arn().toString()).orElse(userArn(call.requireCaller(), "/", name)));
        return user.orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    private Optional<Struct> createUser(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "UserName", "userName", 64);
        String path = IamParams.path(p, "Path");
        List<Tag> tags = TagKeys.CASE_INSENSITIVE.parse(p);
        Optional<String> boundary = p.get("PermissionsBoundary");
        Caller caller = call.requireCaller();
        ctx.authorize(call, userArn(caller, path, name));
        User created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.user(name).isPresent()) {
                throw IamErrors.alreadyExists("User with name " + name);
            }
            AccountQuota.USERS.requireRoomFor(view.users().size());
            boundary.ifPresent(arn -> PolicyOperations.requireBoundary(view, arn));
            User user = new User(caller.account(), UniqueIdPrefix.AIDA.generate(ctx.random()), name, path,
                    call.environment().time(), boundary, tags, List.of(), List.of());
            return Mutation.of(user, EntityChange.upsert(user));
        });
        return Optional.of(Struct.builder().put("User", IamShapes.user(created, IamShapes.View.CREATE)).build());
    }

    private Optional<Struct> getUser(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> name = IamParams.optionalName(call.parameters(), "UserName", "userName", 128);
        AccountView view = ctx.view(call);
        if (name.isEmpty()) {
            return Optional.of(Struct.builder().put("User", self(call, view, caller)).build());
        }
        User user = view.user(name.get()).orElse(null);
        ctx.authorize(call, user != null ? user.arn().toString() : userArn(caller, "/", name.get()));
        if (user == null) {
            throw IamErrors.noSuchUser(name.get());
        }
        return Optional.of(Struct.builder().put("User", IamShapes.user(user, IamShapes.View.GET,
                IamShapes.passwordLastUsed(user, ctx.usage()))).build());
    }

    /**
     * GetUser without a name describes the caller, an IAM user or the root user, and still needs iam:GetUser on the
     * caller's own ARN, as in AWS.
     */
    private Struct self(OperationCall call, AccountView view, Caller caller) {
        return switch (caller) {
            case Caller.IamUser user -> {
                User current = view.userById(user.user().userId())
                        .orElseThrow(() -> IamErrors.noSuchUser(user.user().name()));
                ctx.authorize(call, current.arn().toString());
                yield IamShapes.user(current, IamShapes.View.GET, IamShapes.passwordLastUsed(current, ctx.usage()));
            }
            case Caller.Root root -> {
                ctx.authorize(call, root.arn());
                yield Struct.builder()
                        .put("UserId", root.account().value())
                        .put("Arn", root.arn())
                        .put("CreateDate", ctx.store().snapshot().account(root.account()).map(a -> a.createdAt())
                                .orElse(Instant.EPOCH))
                        .build();
            }
            case Caller.RoleSession session -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
            case Caller.FederatedUser federated -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
        };
    }

    private Optional<Struct> listUsers(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, userArn(caller, prefix.orElse("/"), ""));
        List<User> users = ctx.view(call).users().stream()
                .filter(u -> prefix.map(pp -> u.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), users, u -> u.name().toLowerCase(Locale.ROOT), "Users",
                u -> IamShapes.user(u, IamShapes.View.LIST, IamShapes.passwordLastUsed(u, ctx.usage())), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> updateUser(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "UserName", "userName", 128);
        Rename rename = Rename.of(p, "NewUserName", "newUserName", 64);
        authorizedUser(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User user = requireUser(view, name);
            String targetName = rename.name("User", user.name(), view::user);
            User renamed = user.withNameAndPath(targetName, rename.path(user.path()));
            List<EntityChange> changes = new ArrayList<>();
            changes.add(EntityChange.remove(user));
            changes.add(EntityChange.upsert(renamed));
            view.accessKeys(Optional.of(user.name()))
                    .forEach(k -> changes.add(EntityChange.upsert(k.withUserName(targetName))));
            view.mfaDevices().stream()
                    .filter(d -> d.userName().map(n -> n.equalsIgnoreCase(user.name())).orElse(false))
                    .forEach(d -> changes.add(EntityChange.upsert(d.withUserName(targetName))));
            changes.addAll(UserCredentials.renamed(view, user.name(), targetName));
            return new Mutation<>(changes, renamed);
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteUser(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 128);
        authorizedUser(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User user = requireUser(view, name);
            if (!view.accessKeys(Optional.of(user.name())).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!user.inlinePolicies().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (view.loginProfile(user).isPresent()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete login profile first.");
            }
            boolean hasMfa = view.mfaDevices().stream()
                    .anyMatch(d -> d.userName().map(n -> n.equalsIgnoreCase(user.name())).orElse(false));
            if (hasMfa) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove MFA device first.");
            }
            UserCredentials.requireNone(view, user);
            if (!view.groupsOf(user).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove user from all groups first.");
            }
            if (!user.attachedPolicyArns().isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            return Mutation.of(user, EntityChange.remove(user));
        });
        return Optional.empty();
    }
}
