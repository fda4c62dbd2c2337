package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.PolicyDocumentEncoding;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inline policies, attached managed policies and permissions boundaries of users and roles. */
final class HolderPolicyOperations {
    static final int MAX_ATTACHED = 10;
    private final IamContext ctx;
    private final PolicyHolder holder;

    HolderPolicyOperations(IamContext ctx, PolicyHolder holder) {
        this.ctx = ctx;
        this.holder = holder;
    }

    void register(Map<String, Operation> ops) {
        String w = holder.actionWord();
        ops.put("Put" + w + "Policy", this::putInline);
        ops.put("Get" + w + "Policy", this::getInline);
        ops.put("List" + w + "Policies", this::listInline);
        ops.put("Delete" + w + "Policy", this::deleteInline);
        ops.put("Attach" + w + "Policy", this::attach);
        ops.put("Detach" + w + "Policy", this::detach);
        ops.put("ListAttached" + w + "Policies", this::listAttached);
        if (holder != PolicyHolder.GROUP) {
            ops.put("Put" + w + "PermissionsBoundary", this::putBoundary);
            ops.put("Delete" + w + "PermissionsBoundary", this::deleteBoundary);
        }
    }

    private String holderName(OperationCall call) {
        return IamParams.name(call.parameters(), holder.nameParam(), holder.nameMember(), 128);
    }

    /** Authorizes against the holder's ARN first (so unauthorized callers learn nothing), then requires it. */
    private IamEntity authorized(OperationCall call, String name) {
        AccountView view = ctx.view(call);
        Optional<IamEntity> entity = holder.find(view, name);
        ctx.authorize(call, holder.arnFor(view, entity, name));
        return entity.orElseThrow(() -> switch (holder) {
            case USER -> IamErrors.noSuchUser(name);
            case GROUP -> IamErrors.noSuchGroup(name);
            case ROLE -> IamErrors.noSuchRole(name);
        });
    }

    private Optional<Struct> putInline(OperationCall call) {
        String name = holderName(call);
        String policyName = IamParams.name(call.parameters(), "PolicyName", "policyName", 128);
        String text = Validators.policyText("policyDocument", call.parameters().required("PolicyDocument"), 131072);
        StoredPolicy policy = StoredPolicy.parse(text, PolicyKind.INLINE);
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            List<InlinePolicy> policies = new ArrayList<>(PolicyHolder.inline(entity).stream()
                    .filter(p -> !p.name().equals(policyName)).toList());
            policies.add(new InlinePolicy(policyName, policy));
            int total = policies.stream().mapToInt(p -> p.policy().document().nonWhitespaceLength()).sum();
            if (total > holder.inlineQuota().limit()) {
                throw IamErrors.limitExceeded(holder.inlineQuota().exceededMessage(PolicyHolder.name(entity)));
            }
            IamEntity updated = PolicyHolder.withInline(entity, policies);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private InlinePolicy requireInline(IamEntity entity, String policyName) {
        return PolicyHolder.inline(entity).stream().filter(p -> p.name().equals(policyName)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchInlinePolicy(holder.noun(), policyName));
    }

    /** A role holder that is service-linked cannot have its permissions changed (UnmodifiableEntity). */
    private void authorizedForChange(OperationCall call, String name) {
        IamEntity entity = authorized(call, name);
        if (entity instanceof Role role) {
            RoleOperations.requireModifiable(role);
        }
    }

    private Optional<Struct> getInline(OperationCall call) {
        String name = holderName(call);
        String policyName = IamParams.name(call.parameters(), "PolicyName", "policyName", 128);
        IamEntity entity = authorized(call, name);
        InlinePolicy policy = requireInline(entity, policyName);
        return Optional.of(Struct.builder()
                .put(holder.nameParam(), PolicyHolder.name(entity))
                .put("PolicyName", policy.name())
                .put("PolicyDocument", PolicyDocumentEncoding.encode(policy.policy().text()))
                .build());
    }

    private Optional<Struct> listInline(OperationCall call) {
        IamEntity entity = authorized(call, holderName(call));
        List<InlinePolicy> policies = PolicyHolder.inline(entity).stream()
                .sorted(Comparator.comparing(InlinePolicy::name)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), policies, InlinePolicy::name, "PolicyNames",
                p -> new Value.Text(p.name()), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> deleteInline(OperationCall call) {
        String name = holderName(call);
        String policyName = IamParams.name(call.parameters(), "PolicyName", "policyName", 128);
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            requireInline(entity, policyName);
            IamEntity updated = PolicyHolder.withInline(entity, PolicyHolder.inline(entity).stream()
                    .filter(p -> !p.name().equals(policyName)).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> attach(OperationCall call) {
        String name = holderName(call);
        String arn = IamParams.policyArn(call.parameters());
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            PolicyOperations.requireAttachable(ctx.view(snapshot, call), arn);
            List<String> attached = new ArrayList<>(PolicyHolder.attached(entity));
            if (attached.contains(arn)) {
                return Mutation.of(entity);
            }
            if (attached.size() >= MAX_ATTACHED) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PoliciesPer" + holder.actionWord() + ": "
                        + MAX_ATTACHED);
            }
            attached.add(arn);
            IamEntity updated = PolicyHolder.withAttached(entity, attached);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> detach(OperationCall call) {
        String name = holderName(call);
        String arn = IamParams.policyArn(call.parameters());
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            if (!PolicyHolder.attached(entity).contains(arn)) {
                throw IamErrors.policyNotFound(arn);
            }
            IamEntity updated = PolicyHolder.withAttached(entity, PolicyHolder.attached(entity).stream()
                    .filter(a -> !a.equals(arn)).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> listAttached(OperationCall call) {
        IamEntity entity = authorized(call, holderName(call));
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        List<String> arns = PolicyHolder.attached(entity).stream()
                .filter(a -> prefix.map(pp -> a.substring(a.indexOf(":policy") + 7).startsWith(pp)).orElse(true))
                .sorted().toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), arns, a -> a, "AttachedPolicies", IamShapes::attachedPolicy, result);
        return Optional.of(result.build());
    }

    private Optional<Struct> putBoundary(OperationCall call) {
        String name = holderName(call);
        String arn = Validators.length("permissionsBoundary", call.parameters().required("PermissionsBoundary"), 20,
                2048);
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            PolicyOperations.requireBoundary(ctx.view(snapshot, call), arn);
            IamEntity updated = PolicyHolder.withBoundary(entity, Optional.of(arn));
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> deleteBoundary(OperationCall call) {
        String name = holderName(call);
        authorizedForChange(call, name);
        ctx.store().update(snapshot -> {
            IamEntity entity = holder.require(ctx.view(snapshot, call), name);
            IamEntity updated = PolicyHolder.withBoundary(entity, Optional.empty());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }
}
