package dev.lanyard.iamapi;

import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.spi.ReportStore.Kind;
import dev.lanyard.iamapi.AccessAdvisorTarget.GrantingPolicy;
import dev.lanyard.iamapi.AccessAdvisorTarget.Principal;
import dev.lanyard.iamapi.AccessReportJobs.Job;
import dev.lanyard.iamapi.AccessReportJobs.OrganizationsReport;
import dev.lanyard.iamapi.AccessReportJobs.ServiceReport;
import dev.lanyard.iamapi.ServiceLastAccessed.Granularity;
import dev.lanyard.iamapi.ServiceLastAccessed.Service;
import dev.lanyard.iamapi.UsageTracker.Access;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IAM's service last-accessed data (access advisor): report jobs on a user, group, role or policy, and on an
 * organization's root or account, read from the usage the audit trail records; and which of an entity's policies
 * grant a service.
 */
final class AccessAdvisorOperations {
    /** The AWS managed service control policy every organization root has; Lanyard has no other. */
    static final String FULL_AWS_ACCESS = "p-FullAWSAccess";
    private static final String JOB_STATUS = "COMPLETED";
    private final IamContext ctx;
    private final PolicyGatherer gatherer;
    private final AccessReportJobs jobs;

    AccessAdvisorOperations(IamContext ctx) {
        this.ctx = ctx;
        this.gatherer = new PolicyGatherer(ctx.awsManaged());
        this.jobs = new AccessReportJobs(ctx.reports());
    }

    void register(Map<String, Operation> ops) {
        ops.put("GenerateServiceLastAccessedDetails", this::generate);
        ops.put("GetServiceLastAccessedDetails", this::get);
        ops.put("GetServiceLastAccessedDetailsWithEntities", this::getWithEntities);
        ops.put("ListPoliciesGrantingServiceAccess", this::listPoliciesGranting);
        ops.put("GenerateOrganizationsAccessReport", this::generateOrganizations);
        ops.put("GetOrganizationsAccessReport", this::getOrganizations);
    }

    private Optional<Struct> generate(OperationCall call) {
        String arn = call.parameters().required("Arn");
        Granularity granularity = switch (call.parameters().get("Granularity").orElse("SERVICE_LEVEL")) {
            case "SERVICE_LEVEL" -> Granularity.SERVICE_LEVEL;
            case "ACTION_LEVEL" -> Granularity.ACTION_LEVEL;
            default -> throw ValidationErrors.single("granularity", call.parameters().required("Granularity"),
                    "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]");
        };
        ctx.authorize(call, arn);
        IamSnapshot snapshot = ctx.store().snapshot();
        AccessAdvisorTarget target = AccessAdvisorTarget.resolve(snapshot, ctx.view(snapshot, call), gatherer, arn,
                true);
        Job job = jobs.add(call.requireCaller().account(), call.environment().time(),
                new ServiceReport(granularity, ServiceLastAccessed.of(target, ctx.usage())), ctx.random());
        return Optional.of(Struct.builder().put("JobId", job.jobId()).build());
    }

    private Optional<Struct> get(OperationCall call) {
        ctx.authorize(call, "*");
        Job job = requireJob(call, Kind.SERVICE_LAST_ACCESSED);
        if (!(job.report() instanceof ServiceReport report)) {
            throw IamErrors.noSuchJob(job.jobId());
        }
        Struct.Builder result = started(job).put("JobType", report.granularity().name());
        Pagination.page(call.parameters(), report.data().services(), Service::namespace, "ServicesLastAccessed",
                service -> service(service, report.granularity()), result);
        return Optional.of(result.put("JobCompletionDate", job.created()).build());
    }

    private static Struct service(Service service, Granularity granularity) {
        Struct.Builder b = Struct.builder().put("ServiceName", service.name())
                .put("ServiceNamespace", service.namespace());
        service.last().ifPresent(last -> b.put("LastAuthenticated", last.used().date())
                .put("LastAuthenticatedEntity", last.entityArn())
                .put("LastAuthenticatedRegion", last.used().region()));
        b.put("TotalAuthenticatedEntities", service.byPrincipal().size());
        if (granularity == Granularity.ACTION_LEVEL && !service.actions().isEmpty()) {
            b.put("TrackedActionsLastAccessed", new Value.ListOf(service.actions().stream()
                    .<Value>map(AccessAdvisorOperations::trackedAction).toList()));
        }
        return b.build();
    }

    private static Struct trackedAction(Access action) {
        return Struct.builder()
                .put("ActionName", action.accessed().substring(action.accessed().indexOf(':') + 1))
                .put("LastAccessedEntity", action.entityArn())
                .put("LastAccessedTime", action.used().date())
                .put("LastAccessedRegion", action.used().region())
                .build();
    }

    /** The principals of the report and when each last attempted the service; none for a service not granted. */
    private Optional<Struct> getWithEntities(OperationCall call) {
        String namespace = call.parameters().required("ServiceNamespace");
        ctx.authorize(call, "*");
        Job job = requireJob(call, Kind.SERVICE_LAST_ACCESSED);
        if (!(job.report() instanceof ServiceReport report)) {
            throw IamErrors.noSuchJob(job.jobId());
        }
        Optional<Service> service = report.data().service(namespace);
        List<Principal> principals = service.isPresent() ? report.data().principals() : List.of();
        Struct.Builder result = started(job).put("JobCompletionDate", job.created());
        Pagination.page(call.parameters(), principals, Principal::arn, "EntityDetailsList", principal -> {
            Struct.Builder b = Struct.builder().put("EntityInfo", Struct.builder()
                    .put("Arn", principal.arn()).put("Name", principal.name()).put("Type", principal.type())
                    .put("Id", principal.id()).put("Path", principal.path()).build());
            Optional.ofNullable(service.orElseThrow().byPrincipal().get(principal.arn()))
                    .ifPresent(access -> b.put("LastAuthenticated", access.used().date()));
            return b.build();
        }, result);
        return Optional.of(result.build());
    }

    /** For each namespace asked for, in the order asked, the entity's policies that grant it. */
    private Optional<Struct> listPoliciesGranting(OperationCall call) {
        String arn = call.parameters().required("Arn");
        List<String> namespaces = call.parameters().list("ServiceNamespaces");
        ctx.authorize(call, arn);
        IamSnapshot snapshot = ctx.store().snapshot();
        AccessAdvisorTarget target = AccessAdvisorTarget.resolve(snapshot, ctx.view(snapshot, call), gatherer, arn,
                false);
        List<Value> entries = new ArrayList<>();
        for (String namespace : namespaces) {
            List<Value> policies = target.policies().stream()
                    .filter(p -> GrantedServices.of(p.document()).contains(namespace))
                    .<Value>map(AccessAdvisorOperations::grantingPolicy).toList();
            entries.add(Struct.builder().put("ServiceNamespace", namespace)
                    .put("Policies", new Value.ListOf(policies)).build());
        }
        return Optional.of(Struct.builder().put("PoliciesGrantingServiceAccess", new Value.ListOf(entries))
                .put("IsTruncated", false).build());
    }

    private static Struct grantingPolicy(GrantingPolicy policy) {
        Struct.Builder b = Struct.builder().put("PolicyName", policy.name())
                .put("PolicyType", policy.inline() ? "INLINE" : "MANAGED");
        policy.policyArn().ifPresent(a -> b.put("PolicyArn", a));
        policy.entityType().ifPresent(t -> b.put("EntityType", t));
        policy.entityName().ifPresent(n -> b.put("EntityName", n));
        return b.build();
    }

    private Optional<Struct> generateOrganizations(OperationCall call) {
        String path = call.parameters().required("EntityPath");
        Optional<String> policyId = call.parameters().get("OrganizationsPolicyId");
        AccountId caller = call.requireCaller().account();
        ctx.authorize(call, ctx.partition().iam(caller, "access-report/" + path).toString());
        IamSnapshot snapshot = ctx.store().snapshot();
        Organization org = snapshot.organization().filter(o -> o.managementAccount().equals(caller))
                .orElseThrow(IamErrors::notManagementAccount);
        Set<AccountId> scope = scope(snapshot, org, path);
        if (policyId.isPresent() && !policyId.get().equals(FULL_AWS_ACCESS)) {
            throw IamErrors.noSuchServiceControlPolicy(policyId.get());
        }
        jobs.requireOrganizationsCapacity(caller, call.environment().time());
        Job job = jobs.add(caller, call.environment().time(),
                new OrganizationsReport(OrganizationsAccessReport.of(org, scope, ctx.usage())), ctx.random());
        return Optional.of(Struct.builder().put("JobId", job.jobId()).build());
    }

    /** The accounts an entity path names: every account for the root, else the one account at its end. */
    private static Set<AccountId> scope(IamSnapshot snapshot, Organization org, String path) {
        String root = OrganizationsAccessReport.rootPath(org);
        if (path.equals(root) || path.equals(root + "/")) {
            return snapshot.accounts().stream().map(Account::id).collect(Collectors.toSet());
        }
        return snapshot.accounts().stream()
                .filter(a -> path.equals(OrganizationsAccessReport.accountPath(org, a.id().value())))
                .map(Account::id).findFirst().map(Set::of)
                .orElseThrow(() -> IamErrors.invalidInput("The entity path " + path
                        + " does not name the root or an account of your organization."));
    }

    private Optional<Struct> getOrganizations(OperationCall call) {
        String sortKey = call.parameters().get("SortKey").orElse("SERVICE_NAMESPACE_ASCENDING");
        ctx.authorize(call, "*");
        Job job = requireJob(call, Kind.ORGANIZATIONS_ACCESS);
        if (!(job.report() instanceof OrganizationsReport report)) {
            throw IamErrors.noSuchJob(job.jobId());
        }
        List<OrganizationsAccessReport.Detail> details = report.data().sorted(sortKey);
        Struct.Builder result = started(job).put("JobCompletionDate", job.created())
                .put("NumberOfServicesAccessible", details.size())
                .put("NumberOfServicesNotAccessed", details.stream().filter(d -> d.last().isEmpty()).count());
        Pagination.page(call.parameters(), details, OrganizationsAccessReport.Detail::namespace, "AccessDetails",
                detail -> {
                    Struct.Builder b = Struct.builder().put("ServiceName", detail.name())
                            .put("ServiceNamespace", detail.namespace());
                    detail.last().ifPresent(last -> b.put("Region", last.used().region()));
                    detail.entityPath().ifPresent(p -> b.put("EntityPath", p));
                    detail.last().ifPresent(last -> b.put("LastAuthenticatedTime", last.used().date()));
                    b.put("TotalAuthenticatedEntities", detail.accounts());
                    return b.build();
                }, result);
        return Optional.of(result.build());
    }

    private Struct.Builder started(Job job) {
        return Struct.builder().put("JobStatus", JOB_STATUS).put("JobCreationDate", job.created());
    }

    private Job requireJob(OperationCall call, Kind kind) {
        String jobId = call.parameters().required("JobId");
        return jobs.find(call.requireCaller().account(), kind, jobId, call.environment().time())
                .orElseThrow(() -> IamErrors.noSuchJob(jobId));
    }
}
