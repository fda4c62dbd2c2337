package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.SshPublicKey;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SSH public keys of IAM users (for CodeCommit): ssh-rsa or PEM RSA keys of 2048 bits or more, five per user. */
final class SshPublicKeyOperations {
    static final int MAX_KEYS_PER_USER = 5;
    private static final int MAX_BODY = 16384;
    private final IamContext ctx;

    SshPublicKeyOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("UploadSSHPublicKey", this::upload);
        ops.put("GetSSHPublicKey", this::get);
        ops.put("ListSSHPublicKeys", this::list);
        ops.put("UpdateSSHPublicKey", this::update);
        ops.put("DeleteSSHPublicKey", this::delete);
    }

    private static String userName(QueryParameters p) {
        return IamParams.name(p, "UserName", "userName", 64);
    }

    private static String keyId(QueryParameters p) {
        String id = p.required("SSHPublicKeyId");
        Validators.length("sSHPublicKeyId", id, 20, 128);
        if (!Validators.allMatch(id, "")) {
            throw ValidationErrors.single("sSHPublicKeyId", id, ValidationErrors.pattern("[\\w]+"));
        }
        return id;
    }

    private String authorize(OperationCall call, String name) {
        String arn = UserCredentials.userArn(call.requireCaller(), ctx.view(call), name);
        ctx.authorize(call, arn);
        return arn;
    }

    private Optional<Struct> upload(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = userName(p);
        String body = Validators.policyText("sSHPublicKeyBody", p.required("SSHPublicKeyBody"),
                MAX_BODY);
        authorize(call, name);
        SshPublicKey created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            String owner = UserOperations.requireUser(view, name).name();
            SshRsaKey key = SshRsaKey.parse(body);
            List<SshPublicKey> existing = view.sshPublicKeys(owner);
            if (existing.stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()))) {
                throw IamErrors.duplicateSshPublicKey();
            }
            if (existing.size() >= MAX_KEYS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PublicKeysPerUser: " + MAX_KEYS_PER_USER);
            }
            SshPublicKey stored = new SshPublicKey(view.account(), UserCredentials.id(ctx.random(), "APKA", 16),
                    owner, body, key.fingerprint(), AccessKey.Status.Active, call.environment().time());
            return Mutation.of(stored, EntityChange.upsert(stored));
        });
        return Optional.of(Struct.builder().put("SSHPublicKey", full(created, created.body())).build());
    }

    private SshPublicKey requireKey(AccountView view, String userName, String id) {
        UserOperations.requireUser(view, userName);
        return view.sshPublicKey(id).filter(k -> k.userName().equalsIgnoreCase(userName))
                .orElseThrow(() -> IamErrors.noSuchSshPublicKey(id));
    }

    private Optional<Struct> get(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = userName(p);
        String id = keyId(p);
        String encoding = p.required("Encoding");
        if (!encoding.equals("SSH") && !encoding.equals("PEM")) {
            throw ValidationErrors.single("encoding", encoding, "Member must satisfy enum value set: [SSH, PEM]");
        }
        authorize(call, name);
        SshPublicKey key = requireKey(ctx.view(call), name, id);
        SshRsaKey parsed = SshRsaKey.parse(key.body());
        String body = encoding.equals("SSH") ? parsed.openSsh() : parsed.pem();
        return Optional.of(Struct.builder().put("SSHPublicKey", full(key, body)).build());
    }

    private Optional<Struct> list(OperationCall call) {
        String name = UserCredentials.userOrCaller(call, IamParams.optionalName(call.parameters(), "UserName",
                "userName", 64));
        authorize(call, name);
        AccountView view = ctx.view(call);
        UserOperations.requireUser(view, name);
        List<SshPublicKey> keys = view.sshPublicKeys(name).stream().sorted(Comparator.comparing(SshPublicKey::id))
                .toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), keys, SshPublicKey::id, "SSHPublicKeys", k -> Struct.builder()
                .put("UserName", k.userName())
                .put("SSHPublicKeyId", k.id())
                .put("Status", k.status().name())
                .put("UploadDate", k.uploadDate())
                .build(), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> update(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = userName(p);
        String id = keyId(p);
        AccessKey.Status status = UserCredentials.status(call);
        authorize(call, name);
        ctx.store().update(snapshot -> {
            SshPublicKey key = requireKey(ctx.view(snapshot, call), name, id).withStatus(status);
            return Mutation.of(key, EntityChange.upsert(key));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = userName(p);
        String id = keyId(p);
        authorize(call, name);
        ctx.store().update(snapshot -> {
            SshPublicKey key = requireKey(ctx.view(snapshot, call), name, id);
            return Mutation.of(key, EntityChange.remove(key));
        });
        return Optional.empty();
    }

    private static Struct full(SshPublicKey key, String body) {
        return Struct.builder()
                .put("UserName", key.userName())
                .put("SSHPublicKeyId", key.id())
                .put("Fingerprint", key.fingerprint())
                .put("SSHPublicKeyBody", body)
                .put("Status", key.status().name())
                .put("UploadDate", key.uploadDate())
                .build();
    }
}
