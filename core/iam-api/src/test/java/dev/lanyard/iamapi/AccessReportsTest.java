package dev.lanyard.iamapi;

import static dev.lanyard.iamapi.IamCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iamapi.organizations.AccountFactory;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.store.testing.InMemoryReportStore;
import dev.lanyard.store.testing.InMemoryUsageStore;
import dev.lanyard.tokens.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential report, PasswordLastUsed and service last-accessed data, through the IAM operation registry (input
 * checked against the model) over an in-memory store, with usage fed as the audit trail feeds it.
 */
class AccessReportsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String S3_AND_IAM = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:Get*\",\"s3:PutObject\",\"iam:List*\"],\"Resource\":\"*\"},{\"Effect\":\"Deny\","
            + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";
    private static final String STS_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}";

    private final SecureRandom random = SignedCallers.seeded(15);
    private final InMemoryIamStore store = InMemoryIamStore.empty();
    private final UsageTracker usage = new UsageTracker(new InMemoryUsageStore(), () -> NOW);
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final Map<String, Operation> operations = IamCalls.operations(store, random, usage, reports);
    private final SignedCallers callers = new SignedCallers(store);
    private AccountId account;
    private Caller root;
    private AccessKey rootKey;

    @BeforeEach
    void bootstrap() {
        rootKey = new AccountFactory(store, random).bootstrapManagementAccount(NOW).orElseThrow();
        account = rootKey.account();
        root = callers.of(rootKey.id(), NOW);
    }

    @Test
    void credentialReportHasAwsColumnsAndValues() {
        assertError(() -> call(root, NOW, "GetCredentialReport"), ErrorCode.REPORT_NOT_PRESENT, 410);
        User alice = user("alice");
        call(root, NOW, "CreateLoginProfile", "UserName", "alice", "Password", "Horse-Battery-9");
        String aliceKey = text(call(root, NOW, "CreateAccessKey", "UserName", "alice"), "AccessKey", "AccessKeyId");
        user("bob");
        usage.record(event(alice, aliceKey, "s3.amazonaws.com", "GetObject", NOW.plusSeconds(60), "eu-west-1"));
        changePassword(alice, NOW.plusSeconds(120));

        Instant generated = NOW.plusSeconds(180);
        Struct started = call(root, generated, "GenerateCredentialReport");
        assertThat(text(started, "State")).isEqualTo("STARTED");
        assertThat(text(started, "Description")).isEqualTo("No report exists. Starting a new report generation task");
        assertThat(text(call(root, generated.plusSeconds(1), "GenerateCredentialReport"), "State"))
                .isEqualTo("COMPLETE");

        Struct report = call(root, generated.plusSeconds(2), "GetCredentialReport");
        assertThat(text(report, "ReportFormat")).isEqualTo("text/csv");
        assertThat(((Value.Timestamp) report.fields().get("GeneratedTime")).value()).isEqualTo(generated);
        List<String> lines = new String(Base64.getDecoder().decode(text(report, "Content")),
                StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(String.join(",", CredentialReport.COLUMNS));
        assertThat(lines.get(0).split(",")).hasSize(22);
        assertThat(lines.get(1)).isEqualTo("<root_account>,arn:aws:iam::" + account.value() + ":root,"
                + "2026-12-07T10:00:00+00:00,not_supported,no_information,not_supported,not_supported,false,"
                + "true,2026-12-07T10:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        assertThat(lines.get(2)).isEqualTo("alice,arn:aws:iam::" + account.value() + ":user/alice,"
                + "2026-12-07T10:00:00+00:00,true,2026-12-07T10:02:00+00:00,2026-12-07T10:02:00+00:00,N/A,false,"
                + "true,2026-12-07T10:00:00+00:00,2026-12-07T10:01:00+00:00,eu-west-1,s3,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        assertThat(lines.get(3)).isEqualTo("bob,arn:aws:iam::" + account.value() + ":user/bob,"
                + "2026-12-07T10:00:00+00:00,false,N/A,N/A,N/A,false,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");

        Instant late = generated.plus(Duration.ofHours(4)).plusSeconds(1);
        assertError(() -> call(root, late, "GetCredentialReport"), ErrorCode.REPORT_EXPIRED, 410);
        assertThat(text(call(root, late, "GenerateCredentialReport"), "State")).isEqualTo("STARTED");
        assertThat(text(call(root, late, "GetCredentialReport"), "Content")).isNotEmpty();
    }

    @Test
    void passwordLastUsedIsWhereChangePasswordCheckedThePassword() {
        User alice = user("alice");
        call(root, NOW, "CreateLoginProfile", "UserName", "alice", "Password", "Horse-Battery-9");
        assertThat(call(root, NOW, "GetUser", "UserName", "alice").fields().get("User"))
                .isInstanceOfSatisfying(Struct.class, u -> assertThat(u.fields()).doesNotContainKey("PasswordLastUsed"));
        Instant changed = NOW.plusSeconds(30);
        changePassword(alice, changed);
        Struct got = (Struct) call(root, NOW, "GetUser", "UserName", "alice").fields().get("User");
        assertThat(got.fields().get("PasswordLastUsed")).isEqualTo(new Value.Timestamp(changed));
        Struct listed = (Struct) ((Value.ListOf) call(root, NOW, "ListUsers").fields().get("Users")).items().get(0);
        assertThat(listed.fields().get("PasswordLastUsed")).isEqualTo(new Value.Timestamp(changed));
    }

    @Test
    void serviceLastAccessedOfAUserAGroupAndAPolicy() {
        User alice = user("alice");
        call(root, NOW, "PutUserPolicy", "UserName", "alice", "PolicyName", "work", "PolicyDocument", S3_AND_IAM);
        call(root, NOW, "CreateGroup", "GroupName", "devs");
        call(root, NOW, "PutGroupPolicy", "GroupName", "devs", "PolicyName", "who", "PolicyDocument", STS_ONLY);
        call(root, NOW, "AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        String key = "AKIA" + "ALICE".repeat(3) + "X";
        usage.record(event(alice, key, "s3.amazonaws.com", "GetObject", NOW.plusSeconds(10), "eu-west-1"));
        usage.record(event(alice, key, "iam.amazonaws.com", "ListUsers", NOW.plusSeconds(20), "us-east-1"));
        usage.record(event(alice, key, "s3.amazonaws.com", "PutObject", NOW.plusSeconds(30), "eu-west-2"));
        usage.record(event(alice, key, "ec2.amazonaws.com", "RunInstances", NOW.plusSeconds(40), "eu-west-2"));

        String jobId = text(call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn", alice.arn().toString(),
                "Granularity", "ACTION_LEVEL"), "JobId");
        assertThat(jobId).hasSize(36);
        Struct job = call(root, NOW, "GetServiceLastAccessedDetails", "JobId", jobId);
        assertThat(text(job, "JobStatus")).isEqualTo("COMPLETED");
        assertThat(text(job, "JobType")).isEqualTo("ACTION_LEVEL");
        List<Struct> services = structs(job, "ServicesLastAccessed");
        assertThat(services).extracting(s -> text(s, "ServiceNamespace")).containsExactly("iam", "s3", "sts");
        Struct s3 = services.get(1);
        assertThat(text(s3, "ServiceName")).isEqualTo("Amazon S3");
        assertThat(s3.fields().get("LastAuthenticated")).isEqualTo(new Value.Timestamp(NOW.plusSeconds(30)));
        assertThat(text(s3, "LastAuthenticatedEntity")).isEqualTo(alice.arn().toString());
        assertThat(text(s3, "LastAuthenticatedRegion")).isEqualTo("eu-west-2");
        assertThat(s3.fields().get("TotalAuthenticatedEntities")).isEqualTo(new Value.Int(1));
        assertThat(structs(s3, "TrackedActionsLastAccessed")).extracting(a -> text(a, "ActionName"))
                .containsExactly("GetObject", "PutObject");
        Struct sts = services.get(2);
        assertThat(sts.fields()).doesNotContainKeys("LastAuthenticated", "TrackedActionsLastAccessed");
        assertThat(sts.fields().get("TotalAuthenticatedEntities")).isEqualTo(new Value.Int(0));

        Struct first = call(root, NOW, "GetServiceLastAccessedDetails", "JobId", jobId, "MaxItems", "2");
        assertThat(first.fields().get("IsTruncated")).isEqualTo(new Value.Bool(true));
        Struct rest = call(root, NOW, "GetServiceLastAccessedDetails", "JobId", jobId, "Marker", text(first, "Marker"));
        assertThat(structs(rest, "ServicesLastAccessed")).extracting(s -> text(s, "ServiceNamespace"))
                .containsExactly("sts");

        List<Struct> entities = structs(call(root, NOW, "GetServiceLastAccessedDetailsWithEntities", "JobId", jobId,
                "ServiceNamespace", "s3"), "EntityDetailsList");
        assertThat(entities).hasSize(1);
        assertThat(text(entities.get(0), "EntityInfo", "Type")).isEqualTo("USER");
        assertThat(entities.get(0).fields().get("LastAuthenticated")).isEqualTo(new Value.Timestamp(NOW.plusSeconds(30)));
        assertThat(structs(call(root, NOW, "GetServiceLastAccessedDetailsWithEntities", "JobId", jobId,
                "ServiceNamespace", "ec2"), "EntityDetailsList")).isEmpty();

        String groupJob = text(call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn",
                "arn:aws:iam::" + account.value() + ":group/devs"), "JobId");
        Struct groupReport = call(root, NOW, "GetServiceLastAccessedDetails", "JobId", groupJob);
        assertThat(text(groupReport, "JobType")).isEqualTo("SERVICE_LEVEL");
        assertThat(structs(groupReport, "ServicesLastAccessed")).extracting(s -> text(s, "ServiceNamespace"))
                .containsExactly("sts");
    }

    @Test
    void policiesGrantingServiceAccessNameInlineAndManagedPolicies() {
        User alice = user("alice");
        call(root, NOW, "PutUserPolicy", "UserName", "alice", "PolicyName", "work", "PolicyDocument", S3_AND_IAM);
        call(root, NOW, "CreateGroup", "GroupName", "devs");
        call(root, NOW, "PutGroupPolicy", "GroupName", "devs", "PolicyName", "who", "PolicyDocument", STS_ONLY);
        call(root, NOW, "AddUserToGroup", "GroupName", "devs", "UserName", "alice");
        String managed = text(call(root, NOW, "CreatePolicy", "PolicyName", "everything", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}"), "Policy", "Arn");
        call(root, NOW, "AttachUserPolicy", "UserName", "alice", "PolicyArn", managed);

        List<Struct> entries = structs(call(root, NOW, "ListPoliciesGrantingServiceAccess", "Arn",
                alice.arn().toString(), "ServiceNamespaces.member.1", "s3", "ServiceNamespaces.member.2", "sts",
                "ServiceNamespaces.member.3", "ec2"), "PoliciesGrantingServiceAccess");
        assertThat(entries).extracting(e -> text(e, "ServiceNamespace")).containsExactly("s3", "sts", "ec2");
        assertThat(structs(entries.get(0), "Policies")).hasSize(2);
        Struct inline = structs(entries.get(0), "Policies").get(0);
        assertThat(text(inline, "PolicyType")).isEqualTo("INLINE");
        assertThat(text(inline, "EntityType")).isEqualTo("USER");
        assertThat(text(inline, "EntityName")).isEqualTo("alice");
        Struct everything = structs(entries.get(0), "Policies").get(1);
        assertThat(text(everything, "PolicyType")).isEqualTo("MANAGED");
        assertThat(text(everything, "PolicyArn")).isEqualTo(managed);
        assertThat(everything.fields()).doesNotContainKeys("EntityType", "EntityName");
        List<Struct> sts = structs(entries.get(1), "Policies");
        assertThat(sts).extracting(p -> text(p, "PolicyName")).containsExactly("everything", "who");
        assertThat(text(sts.get(1), "EntityType")).isEqualTo("GROUP");
        assertThat(text(sts.get(1), "EntityName")).isEqualTo("devs");
        assertThat(structs(entries.get(2), "Policies")).extracting(p -> text(p, "PolicyName"))
                .containsExactly("everything");

        assertError(() -> call(root, NOW, "ListPoliciesGrantingServiceAccess", "Arn", managed,
                "ServiceNamespaces.member.1", "s3"), ErrorCode.INVALID_INPUT, 400);
    }

    @Test
    void policiesGrantingServiceAccessOfARoleNameItsInlineAndAttachedPolicies() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + root.account() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        String role = text(call(root, NOW, "CreateRole", "RoleName", "builder", "AssumeRolePolicyDocument", trust),
                "Role", "Arn");
        call(root, NOW, "PutRolePolicy", "RoleName", "builder", "PolicyName", "build", "PolicyDocument", S3_AND_IAM);
        String managed = text(call(root, NOW, "CreatePolicy", "PolicyName", "whoami", "PolicyDocument", STS_ONLY),
                "Policy", "Arn");
        call(root, NOW, "AttachRolePolicy", "RoleName", "builder", "PolicyArn", managed);

        List<Struct> entries = structs(call(root, NOW, "ListPoliciesGrantingServiceAccess", "Arn", role,
                "ServiceNamespaces.member.1", "s3", "ServiceNamespaces.member.2", "sts"),
                "PoliciesGrantingServiceAccess");
        Struct build = structs(entries.get(0), "Policies").getFirst();
        assertThat(structs(entries.get(0), "Policies")).hasSize(1);
        assertThat(text(build, "PolicyName")).isEqualTo("build");
        assertThat(text(build, "PolicyType")).isEqualTo("INLINE");
        assertThat(text(build, "EntityType")).isEqualTo("ROLE");
        assertThat(text(build, "EntityName")).isEqualTo("builder");
        assertThat(structs(entries.get(1), "Policies")).extracting(p -> text(p, "PolicyName"), p -> text(p,
                "PolicyArn")).containsExactly(tuple("whoami", managed));
    }

    @Test
    void refusalsAsAwsWordsThem() {
        String nobody = "arn:aws:iam::" + account.value() + ":user/nobody";
        assertError(() -> call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn", nobody),
                ErrorCode.NO_SUCH_ENTITY, 404);
        assertError(() -> call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn",
                "arn:aws:iam::" + account.value() + ":oidc-provider/example.com"), ErrorCode.INVALID_INPUT, 400);
        assertError(() -> call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn", "not-an-arn-at-all-really"),
                ErrorCode.INVALID_INPUT, 400);
        assertError(() -> call(root, NOW, "GetServiceLastAccessedDetails", "JobId",
                "00000000-0000-4000-8000-000000000000"), ErrorCode.NO_SUCH_ENTITY, 404);
        assertError(() -> call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn", nobody, "Granularity",
                "FINE"), ErrorCode.VALIDATION_ERROR, 400);
        User alice = user("alice");
        assertError(() -> call(signedBy(alice, NOW), NOW, "GenerateCredentialReport"), ErrorCode.ACCESS_DENIED, 403);
    }

    @Test
    void organizationsAccessReportOfTheRootAndOfAnAccount() {
        User alice = user("alice");
        Organization org = store.snapshot().organization().orElseThrow();
        usage.record(event(alice, "AKIA" + "ALICE".repeat(3) + "X", "s3.amazonaws.com", "ListBuckets",
                NOW.plusSeconds(10), "eu-west-1"));
        usage.record(rootEvent("organizations.amazonaws.com", "ListAccounts", NOW.plusSeconds(20)));
        String rootPath = org.id() + "/" + org.rootId();

        String jobId = text(call(root, NOW, "GenerateOrganizationsAccessReport", "EntityPath", rootPath), "JobId");
        Struct report = call(root, NOW, "GetOrganizationsAccessReport", "JobId", jobId);
        assertThat(text(report, "JobStatus")).isEqualTo("COMPLETED");
        List<Struct> details = structs(report, "AccessDetails");
        assertThat(report.fields().get("NumberOfServicesAccessible"))
                .isEqualTo(new Value.Int(ServiceNames.KNOWN.size()));
        assertThat(report.fields().get("NumberOfServicesNotAccessed"))
                .isEqualTo(new Value.Int(ServiceNames.KNOWN.size() - 2));
        Struct s3 = details.stream().filter(d -> text(d, "ServiceNamespace").equals("s3")).findFirst().orElseThrow();
        assertThat(text(s3, "EntityPath")).isEqualTo(rootPath + "/" + account.value());
        assertThat(text(s3, "Region")).isEqualTo("eu-west-1");
        assertThat(s3.fields().get("TotalAuthenticatedEntities")).isEqualTo(new Value.Int(1));

        List<Struct> newestFirst = structs(call(root, NOW, "GetOrganizationsAccessReport", "JobId", jobId,
                "SortKey", "LAST_AUTHENTICATED_TIME_DESCENDING"), "AccessDetails");
        assertThat(newestFirst).extracting(d -> text(d, "ServiceNamespace")).startsWith("organizations", "s3");

        String accountJob = text(call(root, NOW, "GenerateOrganizationsAccessReport", "EntityPath",
                rootPath + "/" + account.value(), "OrganizationsPolicyId", "p-FullAWSAccess"), "JobId");
        assertThat(structs(call(root, NOW, "GetOrganizationsAccessReport", "JobId", accountJob), "AccessDetails"))
                .hasSameSizeAs(details);
        assertError(() -> call(root, NOW, "GetServiceLastAccessedDetails", "JobId", accountJob),
                ErrorCode.NO_SUCH_ENTITY, 404);
        assertError(() -> call(root, NOW, "GenerateOrganizationsAccessReport", "EntityPath",
                rootPath + "/999999999999"), ErrorCode.INVALID_INPUT, 400);
        assertError(() -> call(root, NOW, "GenerateOrganizationsAccessReport", "EntityPath",
                "o-aaaaaaaaaa/r-aaaa"), ErrorCode.INVALID_INPUT, 400);
        assertError(() -> call(root, NOW, "GenerateOrganizationsAccessReport", "EntityPath", rootPath,
                "OrganizationsPolicyId", "p-examplepolicy"), ErrorCode.NO_SUCH_ENTITY, 404);
    }

    /**
     * A second node shares the IAM store and the report store but has seen no usage: it answers for the reports the
     * first generated as they stood then, never recomputed from its own (empty) usage.
     */
    @Test
    void reportsAndJobsGeneratedOnOneNodeAreReadOnAnother() {
        User alice = user("alice");
        call(root, NOW, "PutUserPolicy", "UserName", "alice", "PolicyName", "work", "PolicyDocument", S3_AND_IAM);
        usage.record(event(alice, "AKIA" + "ALICE".repeat(3) + "X", "s3.amazonaws.com", "GetObject",
                NOW.plusSeconds(10), "eu-west-1"));
        Map<String, Operation> otherNode = IamOperations.create(new IamContext(store,
                new AccessControl(new PolicyGatherer(new AwsManagedPolicies()),
                        new AuthorizationMessages(MasterKey.generate(random))),
                new AwsManagedPolicies(), random, false, null,
                new UsageTracker(new InMemoryUsageStore(), () -> NOW), reports));

        call(root, NOW, "GenerateCredentialReport");
        Struct report = call(otherNode, root, NOW.plusSeconds(1), "GetCredentialReport");
        assertThat(((Value.Timestamp) report.fields().get("GeneratedTime")).value()).isEqualTo(NOW);
        assertThat(text(call(otherNode, root, NOW.plusSeconds(2), "GenerateCredentialReport"), "State"))
                .isEqualTo("COMPLETE");

        String jobId = text(call(root, NOW, "GenerateServiceLastAccessedDetails", "Arn", alice.arn().toString(),
                "Granularity", "ACTION_LEVEL"), "JobId");
        Struct job = call(otherNode, root, NOW, "GetServiceLastAccessedDetails", "JobId", jobId);
        assertThat(text(job, "JobType")).isEqualTo("ACTION_LEVEL");
        Struct s3 = structs(job, "ServicesLastAccessed").stream()
                .filter(s -> text(s, "ServiceNamespace").equals("s3")).findFirst().orElseThrow();
        assertThat(s3.fields().get("LastAuthenticated")).isEqualTo(new Value.Timestamp(NOW.plusSeconds(10)));
        assertThat(structs(s3, "TrackedActionsLastAccessed")).extracting(a -> text(a, "ActionName"))
                .containsExactly("GetObject");
        assertThat(structs(call(otherNode, root, NOW, "GetServiceLastAccessedDetailsWithEntities", "JobId", jobId,
                "ServiceNamespace", "s3"), "EntityDetailsList")).extracting(e -> text(e, "EntityInfo", "Name"))
                .containsExactly("alice");

        Instant expired = NOW.plus(AccessReportJobs.KEPT).plusSeconds(1);
        assertError(() -> call(otherNode, root, expired, "GetServiceLastAccessedDetails", "JobId", jobId),
                ErrorCode.NO_SUCH_ENTITY, 404);
    }

    @Test
    void organizationsReportsBeyondTheConcurrentLimitAreRefusedUntilTheOldestFinish() {
        Organization org = store.snapshot().organization().orElseThrow();
        String rootPath = org.id() + "/" + org.rootId();
        for (int i = 0; i < AccessReportJobs.CONCURRENT; i++) {
            call(root, NOW.plusSeconds(i), "GenerateOrganizationsAccessReport", "EntityPath", rootPath);
        }
        assertError(() -> call(root, NOW.plusSeconds(30), "GenerateOrganizationsAccessReport", "EntityPath",
                rootPath), ErrorCode.REPORT_GENERATION_LIMIT_EXCEEDED, 409);
        Instant firstDone = NOW.plus(AccessReportJobs.RUNNING_FOR).plusMillis(1);
        assertThat(text(call(root, firstDone, "GenerateOrganizationsAccessReport", "EntityPath", rootPath),
                "JobId")).hasSize(36);
    }

    private User user(String name) {
        call(root, NOW, "CreateUser", "UserName", name);
        return store.snapshot().user(account, name).orElseThrow();
    }

    private void changePassword(User user, Instant when) {
        call(root, NOW, "UpdateAccountPasswordPolicy", "AllowUsersToChangePassword", "true");
        call(signedBy(user, when), when, "ChangePassword",
                "OldPassword", "Horse-Battery-9", "NewPassword", "Staple-Horse-10");
    }

    /** The user as its own signed request makes it: with its access key, one created if it has none. */
    private Caller signedBy(User user, Instant when) {
        String keyId = store.snapshot().accessKeys(account, Optional.of(user.name())).stream().findFirst()
                .map(key -> key.id().value()).orElseGet(() -> text(call(root, NOW, "CreateAccessKey", "UserName",
                        user.name()), "AccessKey", "AccessKeyId"));
        return callers.of(AccessKeyId.parse(keyId).orElseThrow(), when);
    }

    private Struct call(Caller caller, Instant when, String action, String... parameters) {
        return call(operations, caller, when, action, parameters);
    }

    private static Struct call(Map<String, Operation> node, Caller caller, Instant when, String action,
            String... parameters) {
        return IamCalls.call(node, caller, when, action, parameters);
    }

    private static void assertError(Runnable call, ErrorCode code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.errorCode().httpStatus()).isEqualTo(status);
        });
    }


    private static List<Struct> structs(Struct struct, String name) {
        List<Struct> out = new ArrayList<>();
        ((Value.ListOf) struct.fields().get(name)).items().forEach(v -> out.add((Struct) v));
        return out;
    }

    private AuditEvent event(User user, String key, String source, String name, Instant when, String region) {
        return event(new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER, Optional.of(user.userId()),
                Optional.of(user.arn().toString()), Optional.of(account.value()), Optional.of(key),
                Optional.of(user.name()), Optional.empty(), Optional.empty()), source, name, when, region);
    }

    private AuditEvent rootEvent(String source, String name, Instant when) {
        return event(new AuditEvent.UserIdentity(AuditEvent.IdentityType.ROOT, Optional.of(account.value()),
                Optional.of(Partition.AWS.root(account).toString()), Optional.of(account.value()),
                Optional.of(rootKey.id().value()), Optional.empty(), Optional.empty(), Optional.empty()),
                source, name, when, "us-east-1");
    }

    private static AuditEvent event(AuditEvent.UserIdentity identity, String source, String name, Instant when,
            String region) {
        return new AuditEvent("e-" + name + when.getEpochSecond(), when, source, name, region, "192.0.2.1",
                Optional.empty(), identity, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "r-" + name, true, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                AuditEvent.Category.MANAGEMENT, Optional.empty());
    }
}
