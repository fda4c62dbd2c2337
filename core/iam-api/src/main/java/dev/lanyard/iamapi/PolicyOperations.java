package dev.lanyard.iamapi;

import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.PolicySizeQuota;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsException;
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
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import dev.lanyard.iam.model.AwsManagedPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Customer managed policies and the catalogue of AWS managed ones: reading, listing and deleting them. */
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

    /** A policy to attach: one the caller's account sees and that can be attached. */
    static ManagedPolicy requireAttachable(AccountView view, String arn) {
        return view.policy(arn).filter(view::attachable).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    }

    /**
     * A permissions boundary names a policy the caller's account can attach: InvalidInput for what is no policy ARN,
     * NoSuchEntity "Scope ARN" for one that names nothing attachable, as AWS words them.
     */
    static void requireBoundary(AccountView view, String arn) {
        if (!IamParams.isPolicyArn(arn)) {
            throw IamErrors.invalidBoundaryArn(arn);
        }
        if (view.policy(arn).filter(view::attachable).isEmpty()) {
            throw IamErrors.noSuchBoundaryPolicy(arn);
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
        List<Tag> tags = TagKeys.CASE_SENSITIVE.parse(p);
        StoredPolicy document = managedDocument(p);
        Caller caller = call.requireCaller();
        String arn = caller.partition().iam(caller.account(), "policy" + path + name).toString();
        ctx.authorize(call, arn);
        Instant now = call.environment().time();
        ManagedPolicy created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            boolean nameTaken = view.customerPolicies().stream().anyMatch(existing -> existing.name().equals(name));
            if (nameTaken) {
                throw IamErrors.policyNameTaken(name);
            }
            AccountQuota.POLICIES.requireRoomFor(view.customerPolicies().size());
            ManagedPolicy policy = new ManagedPolicy(caller.account().value(),
                    UniqueIdPrefix.ANPA.generate(ctx.random()), name, path, description, now, now, "v1",
                    List.of(new ManagedPolicy.PolicyVersion("v1", document, now)), tags);
            return Mutation.of(policy, EntityChange.upsert(policy));
        });
        return Optional.of(Struct.builder()
                .put("Policy", IamShapes.policy(created, ctx.view(call), IamShapes.View.CREATE)).build());
    }

    /** The policy named by PolicyArn, after authorization; missing, it is "Policy ARN was not found.". */
    private ManagedPolicy authorizedPolicy(OperationCall call) {
        return authorizedPolicy(call, IamErrors::policyNotFound);
    }

    private ManagedPolicy authorizedPolicy(OperationCall call, Function<String, AwsException> missing) {
        String arn = IamParams.policyArn(call.parameters());
        ctx.authorize(call, arn);
        return ctx.view(call).policy(arn).orElseThrow(() -> missing.apply(arn));
    }

    private Optional<Struct> getPolicy(OperationCall call) {
        ManagedPolicy policy = authorizedPolicy(call);
        return Optional.of(Struct.builder()
                .put("Policy", IamShapes.policy(policy, ctx.view(call), IamShapes.View.GET)).build());
    }

    private Optional<Struct> listPolicies(OperationCall call) {
        QueryParameters p = call.parameters();
        Caller caller = call.requireCaller();
        String scope = enumValue(p, "Scope", "scope", List.of("All", "AWS", "Local")).orElse("All");
        boolean onlyAttached = p.bool("OnlyAttached").orElse(false);
        Optional<String> prefix = IamParams.pathPrefix(p);
        Optional<String> usage = enumValue(p, "PolicyUsageFilter", "policyUsageFilter",
                List.of("PermissionsPolicy", "PermissionsBoundary"));
        ctx.authorize(call, caller.partition().iam(caller.account(), "policy/").toString());
        AccountView view = ctx.view(call);
        Map<String, Long> attachments = view.attachmentCounts();
        Map<String, Long> boundaries = view.boundaryUsageCounts();
        List<PolicyListing> policies = new ArrayList<>();
        if (!scope.equals("Local")) {
            ctx.awsManaged().entries().forEach(e -> policies.add(PolicyListing.of(e)));
        }
        if (!scope.equals("AWS")) {
            view.customerPolicies().forEach(pol -> policies.add(PolicyListing.of(pol)));
        }
        List<PolicyListing> filtered = policies.stream()
                .filter(pol -> prefix.map(pp -> pol.path().startsWith(pp)).orElse(true))
                .filter(pol -> !onlyAttached || inUse(pol.arn(), usage, attachments, boundaries))
                .sorted(Comparator.comparing(PolicyListing::createDate).thenComparing(PolicyListing::policyId))
                .toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(p, filtered, PolicyListing::sortKey, "Policies",
                pol -> pol.render(attachments.getOrDefault(pol.arn(), 0L), boundaries.getOrDefault(pol.arn(), 0L)),
                result);
        return Optional.of(result.build());
    }

    /**
     * OnlyAttached keeps the policies in use in the caller's account: attached to a user, group or role, or with
     * PolicyUsageFilter=PermissionsBoundary, set as a permissions boundary.
     */
    private static boolean inUse(String arn, Optional<String> usage, Map<String, Long> attachments,
            Map<String, Long> boundaries) {
        return usage.filter("PermissionsBoundary"::equals).isPresent()
                ? boundaries.getOrDefault(arn, 0L) > 0
                : attachments.getOrDefault(arn, 0L) > 0;
    }

    static Optional<String> enumValue(QueryParameters p, String param, String member, List<String> allowed) {
        Optional<String> value = p.get(param);
        value.filter(v -> !allowed.contains(v)).ifPresent(v -> {
            throw ValidationErrors.single(member, v,
                    ValidationErrors.enumValueSet(allowed));
        });
        return value;
    }

    /** A policy as ListPolicies shows it, from the catalogue or from the caller's account. */
    private record PolicyListing(String name, String policyId, String arn, String path, String defaultVersionId,
            boolean attachable, Instant createDate, Instant updateDate) {
        static PolicyListing of(AwsManagedPolicies.Entry e) {
            return new PolicyListing(e.name(), e.policyId(), e.arn(), e.path(), e.defaultVersionId(), e.attachable(),
                    e.createDate(), e.updateDate());
        }

        static PolicyListing of(ManagedPolicy p) {
            return new PolicyListing(p.name(), p.policyId(), p.arn().toString(), p.path(), p.defaultVersionId(), true,
                    p.createDate(), p.updateDate());
        }

        /** Orders like the list (creation, then ID), so a marker names a place in it. */
        String sortKey() {
            return String.format(Locale.ROOT, "%020d%09d/%s", createDate.getEpochSecond(), createDate.getNano(),
                    policyId);
        }

        /** ListPolicies leaves out Description and Tags, as AWS does. */
        Struct render(long attachmentCount, long boundaryUsageCount) {
            return Struct.builder()
                    .put("PolicyName", name)
                    .put("PolicyId", policyId)
                    .put("Arn", arn)
                    .put("Path", path)
                    .put("DefaultVersionId", defaultVersionId)
                    .put("AttachmentCount", attachmentCount)
                    .put("PermissionsBoundaryUsageCount", boundaryUsageCount)
                    .put("IsAttachable", attachable)
                    .put("CreateDate", createDate)
                    .put("UpdateDate", updateDate)
                    .build();
        }
    }

    private Optional<Struct> deletePolicy(OperationCall call) {
        ManagedPolicy found = authorizedPolicy(call);
        requireCustomerManaged(call, found);
        String arn = found.arn().toString();
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            ManagedPolicy policy = view.policy(arn).orElseThrow(() -> IamErrors.policyNotFound(arn));
            if (view.attachmentCount(arn) > 0 || view.boundaryUsageCount(arn) > 0) {
                throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
            }
            return Mutation.of(policy, EntityChange.remove(policy));
        });
        return Optional.empty();
    }

    /**
     * AWS managed policies belong to the account "aws": changing one is refused with AccessDenied, in AWS's words
     * for deleting the policy or a version and for setting the default version (recorded answers; CreatePolicyVersion
     * takes the latter by analogy), otherwise (tags) as a request on another account's resource, which no
     * resource-based policy allows.
     */
    static void requireCustomerManaged(OperationCall call, ManagedPolicy policy) {
        if (policy.awsManaged()) {
            Optional<String> sentence = switch (call.action()) {
                case "DeletePolicy" -> Optional.of("Cannot delete policies outside your own account.");
                case "DeletePolicyVersion" -> Optional.of(
                        "Cannot delete policy versions for policies outside your own account.");
                case "SetDefaultPolicyVersion", "CreatePolicyVersion" -> Optional.of(
                        "Cannot update policies outside your own account.");
                default -> Optional.empty();
            };
            if (sentence.isPresent()) {
                throw IamErrors.foreignPolicyRefused(sentence.get());
            }
            String action = "iam:" + call.action();
            throw IamErrors.foreignPolicyNotAllowed(call.requireCaller().arn(), action, policy.arn());
        }
    }

    private Optional<Struct> getPolicyVersion(OperationCall call) {
        String versionId = PolicyVersionOperations.versionId(call);
        ManagedPolicy policy = authorizedPolicy(call, arn -> IamErrors.noSuchPolicyVersion(arn, versionId));
        ManagedPolicy.PolicyVersion version = policy.versions().stream()
                .filter(v -> v.versionId().equals(versionId)).findFirst()
                .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policy.arn().toString(), versionId));
        return Optional.of(Struct.builder().put("PolicyVersion", version(policy, version)).build());
    }

    /** Newest first and without documents, as AWS lists them. */
    private Optional<Struct> listPolicyVersions(OperationCall call) {
        ManagedPolicy policy = authorizedPolicy(call);
        List<ManagedPolicy.PolicyVersion> newestFirst = policy.versions().stream()
                .sorted(Comparator.comparingInt((ManagedPolicy.PolicyVersion v) -> versionNumber(v.versionId()))
                        .reversed())
                .toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), newestFirst,
                v -> String.format(Locale.ROOT, "%010d", Integer.MAX_VALUE - versionNumber(v.versionId())),
                "Versions", v -> Struct.builder()
                        .put("VersionId", v.versionId())
                        .put("IsDefaultVersion", v.versionId().equals(policy.defaultVersionId()))
                        .put("CreateDate", v.createDate())
                        .build(), result);
        return Optional.of(result.build());
    }

    private static int versionNumber(String versionId) {
        int dot = versionId.indexOf('.');
        return Integer.parseInt(versionId.substring(1, dot < 0 ? versionId.length() : dot));
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
