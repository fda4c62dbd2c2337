package dev.lanyard.iamapi;

import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.UniqueIdPrefix;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.query.PolicyDocumentEncoding;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Customer managed policies (first version of each) and the AWS managed ones users expect. */
final class PolicyOperations {
    private final IamContext ctx;

    PolicyOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreatePolicy", this::createPolicy);
        ops.put("GetPolicy", this::getPolicy);
        ops.put("ListPolicies", this::listPolicies);
        ops.put("DeletePolicy", this::deletePolicy);
        ops.put("GetPolicyVersion", this::getPolicyVersion);
        ops.put("ListPolicyVersions", this::listPolicyVersions);
    }

    /** An AWS managed policy or one of the caller's account; another account's is NoSuchEntity, like a missing one. */
    static ManagedPolicy requirePolicy(AccountView view, String arn) {
        return view.policy(arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    }

    /** A permissions boundary names a policy the caller's account can attach, as AWS words it. */
    static void requireBoundary(AccountView view, String arn) {
        if (view.policy(arn).isEmpty()) {
            throw new dev.lanyard.aws.AwsException(dev.lanyard.aws.ErrorCode.NO_SUCH_ENTITY,
                    "Scope ARN: " + arn + " does not exist or is not attachable.");
        }
    }

    static StoredPolicy managedDocument(QueryParameters params) {
        String text = Validators.policyText("policyDocument", params.required("PolicyDocument"), 131072);
        StoredPolicy policy = StoredPolicy.parse(text, PolicyKind.MANAGED);
        if (policy.document().nonWhitespaceLength() > PolicySizeQuota.MANAGED.limit()) {
            throw IamErrors.limitExceeded(PolicySizeQuota.MANAGED.exceededMessage(""));
        }
        return policy;
    }

    private Optional<Struct> createPolicy(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "PolicyName", "policyName", 128);
        String path = IamParams.path(p, "Path");
        Optional<String> description = IamParams.description(p);
        List<Tag> tags = IamParams.tags(p, false);
        StoredPolicy document = managedDocument(p);
        Caller caller = call.requireCaller();
        String arn = "arn:aws:iam::" + caller.account().value() + ":policy" + path + name;
        ctx.authorize(call, arn);
        Instant now = call.environment().time();
        ManagedPolicy created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            boolean nameTaken = view.customerPolicies().stream().anyMatch(existing -> existing.name().equals(name));
            if (nameTaken) {
                throw new dev.lanyard.aws.AwsException(dev.lanyard.aws.ErrorCode.ENTITY_ALREADY_EXISTS,
                        "A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            AccountQuota.POLICIES.requireRoomFor(view.customerPolicies().size());
            ManagedPolicy policy = new ManagedPolicy(caller.account().value(),
                    UniqueIdPrefix.ANPA.generate(ctx.random()), name, path, description, now, now, "v1",
                    List.of(new ManagedPolicy.PolicyVersion("v1", document, now)), tags);
            return Mutation.of(policy, EntityChange.upsert(policy));
        });
        return Optional.of(Struct.builder()
                .put("Policy", IamShapes.policy(created, ctx.view(call), false)).build());
    }

    private ManagedPolicy authorizedPolicy(OperationCall call) {
        String arn = Validators.length("policyArn", call.parameters().required("PolicyArn"), 20, 2048);
        ctx.authorize(call, arn);
        return requirePolicy(ctx.view(call), arn);
    }

    private Optional<Struct> getPolicy(OperationCall call) {
        ManagedPolicy policy = authorizedPolicy(call);
        return Optional.of(Struct.builder()
                .put("Policy", IamShapes.policy(policy, ctx.view(call), true)).build());
    }

    private Optional<Struct> listPolicies(OperationCall call) {
        QueryParameters p = call.parameters();
        Caller caller = call.requireCaller();
        ctx.authorize(call, "arn:aws:iam::" + caller.account().value() + ":policy/");
        String scope = p.get("Scope").orElse("All");
        boolean onlyAttached = p.bool("OnlyAttached").orElse(false);
        Optional<String> prefix = IamParams.pathPrefix(p);
        AccountView view = ctx.view(call);
        List<ManagedPolicy> policies = new ArrayList<>();
        if (!scope.equals("Local")) {
            policies.addAll(ctx.awsManaged().all());
        }
        if (!scope.equals("AWS")) {
            policies.addAll(view.customerPolicies());
        }
        List<ManagedPolicy> filtered = policies.stream()
                .filter(pol -> prefix.map(pp -> pol.path().startsWith(pp)).orElse(true))
                .filter(pol -> !onlyAttached || view.attachmentCount(pol.arn().toString()) > 0)
                .sorted(java.util.Comparator.comparing(pol -> pol.arn().toString().toLowerCase(Locale.ROOT)))
                .toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(p, filtered, pol -> pol.arn().toString().toLowerCase(Locale.ROOT), "Policies",
                pol -> IamShapes.policy(pol, view, false), result);
        return Optional.of(result.build());
    }

    private Optional<Struct> deletePolicy(OperationCall call) {
        ManagedPolicy found = authorizedPolicy(call);
        if (found.awsManaged()) {
            throw new dev.lanyard.aws.AwsException(dev.lanyard.aws.ErrorCode.ACCESS_DENIED,
                    "AWS managed policies cannot be deleted.");
        }
        String arn = found.arn().toString();
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            ManagedPolicy policy = requirePolicy(view, arn);
            if (view.attachmentCount(arn) > 0 || view.boundaryUsageCount(arn) > 0) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            return Mutation.of(policy, EntityChange.remove(policy));
        });
        return Optional.empty();
    }

    private Optional<Struct> getPolicyVersion(OperationCall call) {
        ManagedPolicy policy = authorizedPolicy(call);
        String versionId = call.parameters().required("VersionId");
        ManagedPolicy.PolicyVersion version = policy.versions().stream()
                .filter(v -> v.versionId().equals(versionId)).findFirst()
                .orElseThrow(() -> new dev.lanyard.aws.AwsException(dev.lanyard.aws.ErrorCode.NO_SUCH_ENTITY,
                        "Policy " + policy.arn() + " version " + versionId + " does not exist or is not attachable."));
        return Optional.of(Struct.builder().put("PolicyVersion", version(policy, version)).build());
    }

    private Optional<Struct> listPolicyVersions(OperationCall call) {
        ManagedPolicy policy = authorizedPolicy(call);
        return Optional.of(Struct.builder()
                .put("Versions", new Value.ListOf(policy.versions().stream()
                        .<Value>map(v -> version(policy, v)).toList()))
                .put("IsTruncated", false)
                .build());
    }

    private static Struct version(ManagedPolicy policy, ManagedPolicy.PolicyVersion version) {
        return Struct.builder()
                .put("Document", PolicyDocumentEncoding.encode(version.policy().text()))
                .put("VersionId", version.versionId())
                .put("IsDefaultVersion", version.versionId().equals(policy.defaultVersionId()))
                .put("CreateDate", version.createDate())
                .build();
    }
}
