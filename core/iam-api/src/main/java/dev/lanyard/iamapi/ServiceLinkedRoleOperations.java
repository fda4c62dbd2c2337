package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.ServiceLinkedRoleDeletion;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service-linked roles: created with AWS's role name, path and trust for the service and the service's AWS managed
 * policy attached; changed only by their service, so the ordinary role operations refuse them (UnmodifiableEntity)
 * and only DeleteServiceLinkedRole removes one. Lanyard runs no AWS service that could still be using the role, so a
 * deletion task succeeds at once.
 */
final class ServiceLinkedRoleOperations {
    static final String SUCCEEDED = "SUCCEEDED";
    private static final Pattern TASK_ID = Pattern.compile(
            "task/aws-service-role/([\\w+=,.@-]+)/([\\w+=,.@-]+)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final IamContext ctx;

    ServiceLinkedRoleOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateServiceLinkedRole", this::create);
        ops.put("DeleteServiceLinkedRole", this::delete);
        ops.put("GetServiceLinkedRoleDeletionStatus", this::deletionStatus);
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        String service = Validators.name("awsServiceName", p.required("AWSServiceName"), 1, 128, "[\\w+=,.@-]+");
        Optional<String> description = IamParams.description(p);
        Optional<String> suffix = IamParams.optionalName(p, "CustomSuffix", "customSuffix", 64);
        ServiceLinkedRoleType type = ServiceLinkedRoleType.of(service).orElseThrow(() -> IamErrors.invalidInput(
                "Service name " + service + " is not eligible for a service-linked role."));
        if (suffix.isPresent() && !type.customSuffix()) {
            throw IamErrors.invalidInput("Custom suffix is not allowed for " + service + ".");
        }
        String name = type.roleName() + suffix.map(s -> "_" + s).orElse("");
        if (name.length() > 64) {
            throw IamErrors.invalidInput("The role name " + name + " is longer than 64 characters.");
        }
        Caller caller = call.requireCaller();
        ctx.authorize(call, RoleOperations.roleArn(caller, type.path(), name));
        StoredPolicy trust = StoredPolicy.parse(type.trustPolicy(), PolicyKind.TRUST);
        String policyArn = ctx.awsManaged().arn(type.policyPathAndName());
        List<String> attached = ctx.awsManaged().entry(policyArn).isPresent() ? List.of(policyArn) : List.of();
        Role created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.role(name).isPresent()) {
                throw IamErrors.invalidInput("Service role name " + name
                        + " has been taken in this account, please try a different suffix.");
            }
            Role role = new Role(caller.account(), UniqueIdPrefix.AROA.generate(ctx.random()), name, type.path(),
                    TrustPrincipals.bind(trust, snapshot), description, Duration.ofHours(1),
                    call.environment().time(), Optional.empty(), List.of(), List.of(), attached);
            return Mutation.of(role, EntityChange.upsert(role));
        });
        return Optional.of(Struct.builder().put("Role", IamShapes.role(created, ctx.store().snapshot(),
                IamShapes.View.CREATE))
                .build());
    }

    private Optional<Struct> delete(OperationCall call) {
        String name = IamParams.name(call.parameters(), "RoleName", "roleName", 64);
        Caller caller = call.requireCaller();
        Optional<Role> found = ctx.view(call).role(name);
        ctx.authorize(call, found.map(r -> r.arn().toString()).orElse(RoleOperations.roleArn(caller, "/", name)));
        Role role = found.orElseThrow(() -> IamErrors.noSuchRole(name));
        if (!role.serviceLinked()) {
            throw IamErrors.invalidInput("Role " + name + " is not a service-linked role.");
        }
        String service = role.path().substring(Role.SERVICE_LINKED_PATH.length(), role.path().length() - 1);
        String taskId = "task/aws-service-role/" + service + "/" + role.name() + "/" + uuid();
        ServiceLinkedRoleDeletion task = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            Role current = RoleOperations.requireRole(view, name);
            if (!view.instanceProfilesOf(current).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            ServiceLinkedRoleDeletion deletion = new ServiceLinkedRoleDeletion(caller.account(), taskId,
                    current.arn().toString(), SUCCEEDED, call.environment().time());
            return Mutation.of(deletion, EntityChange.remove(current), EntityChange.upsert(deletion));
        });
        return Optional.of(Struct.builder().put("DeletionTaskId", task.taskId()).build());
    }

    /** A random (version 4) UUID from the context's random source. */
    private String uuid() {
        byte[] b = new byte[16];
        ctx.random().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * The task ID names the role it deletes, so the caller is authorized on that role's ARN whether or not the task
     * exists: an unknown ID and another account's answer alike.
     */
    private Optional<Struct> deletionStatus(OperationCall call) {
        String taskId = Validators.length("deletionTaskId", call.parameters().required("DeletionTaskId"), 1, 1000);
        Matcher m = TASK_ID.matcher(taskId);
        Caller caller = call.requireCaller();
        ctx.authorize(call, m.matches()
                ? RoleOperations.roleArn(caller, Role.SERVICE_LINKED_PATH + m.group(1) + "/", m.group(2)) : "*");
        ServiceLinkedRoleDeletion task = ctx.view(call).serviceLinkedRoleDeletion(taskId)
                .orElseThrow(() -> IamErrors.noSuchDeletionTask(taskId));
        return Optional.of(Struct.builder().put("Status", task.status()).build());
    }
}
