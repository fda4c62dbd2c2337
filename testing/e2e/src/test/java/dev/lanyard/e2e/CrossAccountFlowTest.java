package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Accounts created the AWS way, then entered through OrganizationAccountAccessRole and cross-account trust. */
class CrossAccountFlowTest {
    private static TestServer server;
    private static IamClient rootIam;
    private static String management;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
        management = server.accountId();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AwsCredentials admin(String name) {
        rootIam.createUser(r -> r.userName(name));
        rootIam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static String createAccount(String name) {
        OrganizationsClient org = Clients.organizations(server, Clients.root(server));
        CreateAccountStatus status = org.createAccount(r -> r.accountName(name).email(name + "@example.test"))
                .createAccountStatus();
        CreateAccountStatus described = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus();
        assertThat(described.stateAsString()).isEqualTo("SUCCEEDED");
        return described.accountId();
    }

    @Test
    void organizationDescribesItsAccounts() {
        OrganizationsClient org = Clients.organizations(server, Clients.root(server));
        assertThat(org.describeOrganization().organization().masterAccountId()).isEqualTo(management);
        String member = createAccount("listed");
        assertThat(org.listAccounts().accounts()).extracting(a -> a.id()).contains(management, member);
        assertThat(org.describeAccount(r -> r.accountId(member)).account().name()).isEqualTo("listed");
        assertThatThrownBy(() -> org.describeAccount(r -> r.accountId("000000000000")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccountNotFoundException"));
    }

    @Test
    void managementAdminEntersMemberAccountThroughOrganizationAccountAccessRole() {
        String member = createAccount("workloads");
        AwsCredentials admin = admin("ops");
        String roleArn = "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole";
        Credentials inMember = Clients.sts(server, admin).assumeRole(r -> r.roleArn(roleArn).roleSessionName("ops"))
                .credentials();
        assertThat(Clients.sts(server, Clients.session(inMember)).getCallerIdentity().account()).isEqualTo(member);

        IamClient memberIam = Clients.iam(server, Clients.session(inMember));
        memberIam.createUser(r -> r.userName("member-user"));
        assertThat(memberIam.listUsers().users()).extracting(u -> u.arn())
                .containsExactly("arn:aws:iam::" + member + ":user/member-user");
        assertThat(rootIam.listUsers().users()).extracting(u -> u.userName()).doesNotContain("member-user");
    }

    @Test
    void crossAccountNeedsBothTrustAndIdentityPolicy() {
        String member = createAccount("partner");
        AwsCredentials admin = admin("bootstrapper");
        Credentials inMember = Clients.sts(server, admin).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole").roleSessionName("setup"))
                .credentials();
        IamClient memberIam = Clients.iam(server, Clients.session(inMember));
        rootIam.createUser(r -> r.userName("auditor")); // IAM refuses trust in a user that does not exist
        memberIam.createRole(r -> r.roleName("audit").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + management + ":user/auditor\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                        + "{\"sts:ExternalId\":\"ext-42\"}}}]}"));
        String auditRole = "arn:aws:iam::" + member + ":role/audit";

        AccessKey key = rootIam.createAccessKey(r -> r.userName("auditor")).accessKey();
        AwsCredentials auditor = Clients.basic(key.accessKeyId(), key.secretAccessKey());
        assertThatThrownBy(() -> Clients.sts(server, auditor).assumeRole(r -> r.roleArn(auditRole)
                .roleSessionName("aa").externalId("ext-42")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

        rootIam.putUserPolicy(r -> r.userName("auditor").policyName("assume").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"" + auditRole + "\"}]}"));
        assertThatThrownBy(() -> Clients.sts(server, auditor).assumeRole(r -> r.roleArn(auditRole)
                .roleSessionName("aa").externalId("wrong")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        var session = Clients.sts(server, auditor).assumeRole(r -> r.roleArn(auditRole).roleSessionName("aa")
                .externalId("ext-42"));
        assertThat(session.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + member + ":assumed-role/audit/aa");
    }

    @Test
    void onlyTheManagementAccountUsesOrganizations() {
        String member = createAccount("isolated");
        AwsCredentials admin = admin("org-admin");
        Credentials inMember = Clients.sts(server, admin).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole").roleSessionName("xx"))
                .credentials();
        assertThatThrownBy(() -> Clients.organizations(server, Clients.session(inMember)).listAccounts())
                .isInstanceOf(AwsServiceException.class);
    }

    @Test
    void closedAccountsStopWorkingAndAccountsCarryTags() {
        OrganizationsClient org = Clients.organizations(server, Clients.root(server));
        String member = createAccount("closing");
        org.tagResource(r -> r.resourceId(member).tags(t -> t.key("env").value("test")));
        assertThat(org.listTagsForResource(r -> r.resourceId(member)).tags()).extracting(t -> t.value())
                .containsExactly("test");
        org.untagResource(r -> r.resourceId(member).tagKeys("env"));
        assertThat(org.listTagsForResource(r -> r.resourceId(member)).tags()).isEmpty();

        AwsCredentials admin = admin("closer");
        String roleArn = "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole";
        Credentials inMember = Clients.sts(server, admin).assumeRole(r -> r.roleArn(roleArn).roleSessionName("before"))
                .credentials();
        org.closeAccount(r -> r.accountId(member));
        assertThat(org.describeAccount(r -> r.accountId(member)).account().statusAsString()).isEqualTo("SUSPENDED");
        assertThatThrownBy(() -> Clients.sts(server, Clients.session(inMember)).getCallerIdentity())
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        assertThatThrownBy(() -> Clients.sts(server, admin).assumeRole(r -> r.roleArn(roleArn).roleSessionName("after")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> org.closeAccount(r -> r.accountId(server.accountId())))
                .isInstanceOf(AwsServiceException.class);
    }
}
