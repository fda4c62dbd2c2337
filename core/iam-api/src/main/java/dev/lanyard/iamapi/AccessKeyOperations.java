package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.iam.spi.UsageStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Long-term access keys: at most two per user (and two for the root user). */
final class AccessKeyOperations {
    static final int MAX_KEYS = 2;
    private final IamContext ctx;

    AccessKeyOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateAccessKey", this::create);
        ops.put("ListAccessKeys", this::list);
        ops.put("UpdateAccessKey", this::update);
        ops.put("DeleteAccessKey", this::delete);
        ops.put("GetAccessKeyLastUsed", this::lastUsed);
    }

    /** The key owner named by UserName, else the caller itself (root keys have no user name). */
    private Optional<String> owner(OperationCall call) {
        Optional<String> named = IamParams.optionalName(call.parameters(), "UserName", "userName", 128);
        if (named.isPresent()) {
            return named;
        }
        return switch (call.requireCaller()) {
            case Caller.IamUser user -> Optional.of(user.user().name());
            case Caller.Root root -> Optional.empty();
            case Caller.RoleSession session -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
            case Caller.FederatedUser federated -> throw AwsErrors.validation(
                    "Must specify userName when calling with non-User credentials");
        };
    }

    private String resource(Caller caller, AccountView view, Optional<String> owner) {
        return owner.map(name -> view.user(name).map(u -> u.arn().toString())
                .orElse(UserOperations.userArn(caller, "/", name))).orElse(caller.partition().root(caller.account()).toString());
    }

    private Optional<Struct> create(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> owner = owner(call);
        ctx.authorize(call, resource(caller, ctx.view(call), owner));
        AccessKey created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            Optional<String> canonicalName = owner.map(n -> UserOperations.requireUser(view, n).name());
            if (view.accessKeys(canonicalName).size() >= MAX_KEYS) {
                throw IamErrors.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS);
            }
            AccessKey key = new AccessKey(AccessKeyId.generateLongTerm(caller.account(), ctx.random()),
                    caller.account(), canonicalName, SecretAccessKey.generate(ctx.random()), AccessKey.Status.Active,
                    call.environment().time());
            return Mutation.of(key, EntityChange.upsert(key));
        });
        Struct key = Struct.builder()
                .put("UserName", created.userName().orElse(caller.account().value()))
                .put("AccessKeyId", created.id().value())
                .put("Status", created.status().name())
                .put("SecretAccessKey", created.secret().reveal())
                .put("CreateDate", created.createDate())
                .build();
        return Optional.of(Struct.builder().put("AccessKey", key).build());
    }

    private Optional<Struct> list(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> owner = owner(call);
        AccountView view = ctx.view(call);
        ctx.authorize(call, resource(caller, view, owner));
        owner.ifPresent(n -> UserOperations.requireUser(view, n));
        List<AccessKey> keys = view.accessKeys(owner);
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), keys, k -> k.id().value(), "AccessKeyMetadata",
                IamShapes::accessKeyMetadata, result);
        return Optional.of(result.build());
    }

    private AccessKey requireKey(AccountView view, Optional<String> owner, String id) {
        return view.accessKey(id)
                .filter(k -> owner.isEmpty() ? k.userName().isEmpty()
                        : k.userName().map(n -> n.equalsIgnoreCase(owner.get())).orElse(false))
                .orElseThrow(() -> IamErrors.noSuchAccessKey(id));
    }

    private Optional<Struct> update(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> owner = owner(call);
        String id = call.parameters().required("AccessKeyId");
        AccessKey.Status status = switch (call.parameters().required("Status")) {
            case "Active" -> AccessKey.Status.Active;
            case "Inactive" -> AccessKey.Status.Inactive;
            default -> throw ValidationErrors.single("status", call.parameters().required("Status"),
                    "Member must satisfy enum value set: [Active, Inactive, Expired]");
        };
        ctx.authorize(call, resource(caller, ctx.view(call), owner));
        ctx.store().update(snapshot -> {
            AccessKey key = requireKey(ctx.view(snapshot, call), owner, id).withStatus(status);
            return Mutation.of(key, EntityChange.upsert(key));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        Caller caller = call.requireCaller();
        Optional<String> owner = owner(call);
        String id = call.parameters().required("AccessKeyId");
        ctx.authorize(call, resource(caller, ctx.view(call), owner));
        ctx.store().update(snapshot -> {
            AccessKey key = requireKey(ctx.view(snapshot, call), owner, id);
            return Mutation.of(key, EntityChange.remove(key));
        });
        return Optional.empty();
    }

    private Optional<Struct> lastUsed(OperationCall call) {
        Caller caller = call.requireCaller();
        String id = call.parameters().required("AccessKeyId");
        AccountView view = ctx.view(call);
        AccessKey key = view.accessKey(id)
                .orElseThrow(() -> IamErrors.accessKeyLastUsedDenied(caller.arn(), id));
        ctx.authorize(call, resource(caller, view, key.userName()));
        return Optional.of(Struct.builder()
                .put("UserName", key.userName().orElse(caller.account().value()))
                .put("AccessKeyLastUsed", keyLastUsed(id))
                .build());
    }

    /** When, with which service and where a key was last used; AWS's "N/A" for a key never used. */
    private Struct keyLastUsed(String id) {
        return ctx.usage().lastUsed(new UsageStore.Subject(
                        UsageStore.Kind.ACCESS_KEY, id))
                .map(used -> Struct.builder().put("LastUsedDate", used.date())
                        .put("ServiceName", used.service().orElse("N/A")).put("Region", used.region()).build())
                .orElseGet(() -> Struct.builder().put("ServiceName", "N/A").put("Region", "N/A").build());
    }
}
