package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.iamapi.organizations.OrganizationsOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Account isolation, swept over every operation the server registers: an administrator of member account B calls
 * each IAM and Organizations operation with account A's ARNs and names, once for entities A has and once for names A
 * does not have. No call may succeed on A's entity, both must be refused alike (code, status, sentence), the encoded
 * authorization messages B gets hold nothing of A's, and A's state is unchanged at the end. An operation missing from
 * the fixture table fails the test, so a new operation has to say how it treats another account's ARNs.
 */
class AccountIsolationSweepTest {
    private static final String TARGET = "isotarget";
    /** Same length as TARGET, so the sentences (and sealed messages) of both calls can be compared as they are. */
    private static final String GHOST = "isoghostx";
    /** In every tag and statement of A's: must never appear in anything B reads. */
    private static final String SECRET = "isosecret";
    /**
     * The key of A's tags. Untag calls name it (so a wrongly allowed one would change A), and a request's own tag keys
     * are in its context (aws:TagKeys) and so in the encoded message: the key is B's input, the secret is in values.
     */
    private static final String TAG_KEY = "iso-key";
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String GHOST_ACCOUNT = "999999999990";
    private static final Pattern ENCODED = Pattern.compile(" Encoded authorization failure message: ([A-Za-z0-9_-]+)");

    private static TestServer server;
    private static IamClient rootIam;
    private static IamClient memberIam;
    private static StsClient memberSts;
    private static OrganizationsClient memberOrganizations;
    private static Target existing;
    private static Target ghost;
    private static String samlMetadata;
    /** A's delegation request (for A's own account only), and an ID naming none, by Target name. */
    private static final Map<String, String> DELEGATION_REQUESTS = new java.util.HashMap<>();
    /** A's organization root path, and jobs A generated: a user's last-accessed data, the organization's. */
    private static String rootPath;
    private static String serviceJob;
    private static String organizationsJob;

    /** A's names and ARNs for one run of the sweep: those of real entities, or the same shapes naming nothing. */
    private record Target(String account, String name, String accessKeyId) {
        String arn(String type) {
            return "arn:aws:iam::" + account + ":" + type + "/" + name;
        }

        String policyArn() {
            return arn("policy");
        }

        String serial() {
            return arn("mfa");
        }

        String oidcArn() {
            return "arn:aws:iam::" + account + ":oidc-provider/" + name + ".example.test";
        }

        String samlArn() {
            return arn("saml-provider");
        }

        String alias() {
            return name + "-alias";
        }
    }

    @FunctionalInterface
    private interface Call {
        Object on(IamClient iam);
    }

    /** How one IAM operation is called with another account's ARN or name, or why it takes neither. */
    private sealed interface Fixture {
        /** Takes an ARN or key ID of another account: refused, alike for A's entity and for a missing one. */
        record Foreign(Function<Target, Call> call) implements Fixture {}

        /**
         * Takes only names, which always mean the caller's own account: the outcome is the same whether or not A has
         * that name; {@code creates} runs after the others, so B's new entities cannot change their outcomes.
         */
        record Named(boolean creates, Function<Target, Call> call) implements Fixture {}

        /** Takes no ARN or name of an entity (lists, account-wide settings): must show nothing of A. */
        record NoTarget(String reason, Call call) implements Fixture {}
    }

    private record Outcome(int status, String code, String sentence) {}

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
        String a = server.accountId();
        samlMetadata = new SamlFixture(Files.createTempDirectory("isolation-saml")).metadata();
        populate(rootIam);
        AccessKey key = rootIam.createAccessKey(r -> r.userName(TARGET)).accessKey();
        existing = new Target(a, TARGET, key.accessKeyId());
        ghost = new Target(a, GHOST, AccessKeyId.generateLongTerm(AccountId.of(a), new SecureRandom()).value());

        OrganizationsClient organizations = Clients.organizations(server, Clients.root(server));
        String member = organizations.createAccount(r -> r.accountName("B").email("b@example.test"))
                .createAccountStatus().accountId();
        rootPath = organizations.describeOrganization().organization().id() + "/"
                + organizations.listRoots().roots().get(0).id();
        serviceJob = rootIam.generateServiceLastAccessedDetails(r -> r.arn(existing.arn("user"))).jobId();
        organizationsJob = rootIam.generateOrganizationsAccessReport(r -> r.entityPath(rootPath)).jobId();
        rootIam.createUser(r -> r.userName("operator"));
        rootIam.attachUserPolicy(r -> r.userName("operator").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        AccessKey operator = rootIam.createAccessKey(r -> r.userName("operator")).accessKey();
        Credentials admin = Clients.sts(server, Clients.basic(operator.accessKeyId(), operator.secretAccessKey()))
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole")
                        .roleSessionName("b-admin")).credentials();
        AwsCredentials memberAdmin = Clients.session(admin);
        memberIam = Clients.iam(server, memberAdmin);
        memberSts = Clients.sts(server, memberAdmin);
        memberOrganizations = Clients.organizations(server, memberAdmin);
        memberIam.createUser(r -> r.userName("b-user"));
        memberIam.createGroup(r -> r.groupName("b-group"));
        memberIam.createRole(r -> r.roleName("b-role").assumeRolePolicyDocument(trust(member)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String trust(String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static Tag secretTag() {
        return Tag.builder().key(TAG_KEY).value(SECRET + "-value").build();
    }

    /** One entity of every kind in A, named TARGET, each carrying the secret marker where it can. */
    private static void populate(IamClient iam) {
        String secretPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"IsoSecretSid\",\"Effect\":"
                + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + SECRET + "/*\"}]}";
        String policyArn = iam.createPolicy(r -> r.policyName(TARGET).policyDocument(secretPolicy).tags(secretTag()))
                .policy().arn();
        iam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(secretPolicy));
        iam.createUser(r -> r.userName(TARGET).tags(secretTag()).permissionsBoundary(policyArn));
        iam.putUserPolicy(r -> r.userName(TARGET).policyName(TARGET).policyDocument(secretPolicy));
        iam.attachUserPolicy(r -> r.userName(TARGET).policyArn(policyArn));
        iam.createGroup(r -> r.groupName(TARGET));
        iam.addUserToGroup(r -> r.groupName(TARGET).userName(TARGET));
        iam.attachGroupPolicy(r -> r.groupName(TARGET).policyArn(policyArn));
        iam.createRole(r -> r.roleName(TARGET).assumeRolePolicyDocument(trust(server.accountId())).tags(secretTag()));
        iam.putRolePolicy(r -> r.roleName(TARGET).policyName(TARGET).policyDocument(secretPolicy));
        iam.attachRolePolicy(r -> r.roleName(TARGET).policyArn(policyArn));
        iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(TARGET).tags(secretTag()));
        iam.createOpenIDConnectProvider(r -> r.url("https://" + TARGET + ".example.test").clientIDList(SECRET)
                .tags(secretTag()));
        iam.createSAMLProvider(r -> r.name(TARGET).samlMetadataDocument(samlMetadata).tags(secretTag()));
        iam.createAccountAlias(r -> r.accountAlias(TARGET + "-alias"));
        iam.createInstanceProfile(r -> r.instanceProfileName(TARGET).tags(secretTag()));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName(TARGET).roleName(TARGET));
        iam.createLoginProfile(r -> r.userName(TARGET).password("Iso-Target-Pass-1"));
        iam.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(17).requireSymbols(true));
        DELEGATION_REQUESTS.put(TARGET, iam.createDelegationRequest(r -> r.ownerAccountId(server.accountId())
                .description(SECRET).requestorWorkflowId(SECRET + "-wf").notificationChannel("topic")
                .sessionDuration(900).permissions(p -> p.policyTemplateArn("arn:aws:iam::aws:policy-template/" + SECRET)))
                .delegationRequestId());
        DELEGATION_REQUESTS.put(GHOST, "dr" + "0".repeat(DELEGATION_REQUESTS.get(TARGET).length() - 2));
    }

    // One entry per registered operation; the sweep fails for any operation without one.
    private static Map<String, Fixture> iamFixtures() {
        Map<String, Fixture> f = new TreeMap<>();
        String codeA = "123456";
        String codeB = "654321";
        // Users
        f.put("CreateUser", named(true, t -> iam -> iam.createUser(r -> r.userName(t.name()))));
        f.put("GetUser", named(false, t -> iam -> iam.getUser(r -> r.userName(t.name()))));
        f.put("UpdateUser", named(false, t -> iam -> iam.updateUser(r -> r.userName(t.name()).newPath("/moved/"))));
        f.put("DeleteUser", named(false, t -> iam -> iam.deleteUser(r -> r.userName(t.name()))));
        f.put("TagUser", named(false, t -> iam -> iam.tagUser(r -> r.userName(t.name()).tags(tag()))));
        f.put("UntagUser", named(false, t -> iam -> iam.untagUser(r -> r.userName(t.name()).tagKeys(TAG_KEY))));
        f.put("ListUserTags", named(false, t -> iam -> iam.listUserTags(r -> r.userName(t.name()))));
        f.put("ListUsers", none("lists the caller's account only", iam -> iam.listUsers()));
        f.put("ListGroupsForUser", named(false, t -> iam -> iam.listGroupsForUser(r -> r.userName(t.name()))));
        // Access keys: a key ID carries its account, like an ARN
        f.put("CreateAccessKey", named(false, t -> iam -> iam.createAccessKey(r -> r.userName(t.name()))));
        f.put("ListAccessKeys", named(false, t -> iam -> iam.listAccessKeys(r -> r.userName(t.name()))));
        f.put("UpdateAccessKey", foreign(t -> iam -> iam.updateAccessKey(r -> r.userName("b-user")
                .accessKeyId(t.accessKeyId()).status("Inactive"))));
        f.put("DeleteAccessKey", foreign(t -> iam -> iam.deleteAccessKey(r -> r.userName("b-user")
                .accessKeyId(t.accessKeyId()))));
        f.put("GetAccessKeyLastUsed", foreign(t -> iam -> iam.getAccessKeyLastUsed(r -> r
                .accessKeyId(t.accessKeyId()))));
        // Groups
        f.put("CreateGroup", named(true, t -> iam -> iam.createGroup(r -> r.groupName(t.name()))));
        f.put("GetGroup", named(false, t -> iam -> iam.getGroup(r -> r.groupName(t.name()))));
        f.put("UpdateGroup", named(false, t -> iam -> iam.updateGroup(r -> r.groupName(t.name()).newPath("/m/"))));
        f.put("DeleteGroup", named(false, t -> iam -> iam.deleteGroup(r -> r.groupName(t.name()))));
        f.put("ListGroups", none("lists the caller's account only", iam -> iam.listGroups()));
        f.put("AddUserToGroup", named(false, t -> iam -> iam.addUserToGroup(r -> r.groupName(t.name())
                .userName(t.name()))));
        f.put("RemoveUserFromGroup", named(false, t -> iam -> iam.removeUserFromGroup(r -> r.groupName(t.name())
                .userName(t.name()))));
        // Roles
        f.put("CreateRole", named(true, t -> iam -> iam.createRole(r -> r.roleName(t.name())
                .assumeRolePolicyDocument(trust(t.account())))));
        f.put("GetRole", named(false, t -> iam -> iam.getRole(r -> r.roleName(t.name()))));
        f.put("ListRoles", none("lists the caller's account only", iam -> iam.listRoles()));
        f.put("UpdateRole", named(false, t -> iam -> iam.updateRole(r -> r.roleName(t.name()).description("x"))));
        f.put("UpdateRoleDescription", named(false, t -> iam -> iam.updateRoleDescription(r -> r
                .roleName(t.name()).description("x"))));
        f.put("UpdateAssumeRolePolicy", named(false, t -> iam -> iam.updateAssumeRolePolicy(r -> r
                .roleName(t.name()).policyDocument(trust(t.account())))));
        f.put("DeleteRole", named(false, t -> iam -> iam.deleteRole(r -> r.roleName(t.name()))));
        f.put("TagRole", named(false, t -> iam -> iam.tagRole(r -> r.roleName(t.name()).tags(tag()))));
        f.put("UntagRole", named(false, t -> iam -> iam.untagRole(r -> r.roleName(t.name()).tagKeys("k"))));
        f.put("ListRoleTags", named(false, t -> iam -> iam.listRoleTags(r -> r.roleName(t.name()))));
        // Managed policies and their versions and tags: the policy ARN is the resource
        f.put("CreatePolicy", named(true, t -> iam -> iam.createPolicy(r -> r.policyName(t.name())
                .policyDocument(ALLOW_ALL))));
        f.put("GetPolicy", foreign(t -> iam -> iam.getPolicy(r -> r.policyArn(t.policyArn()))));
        f.put("ListPolicies", none("lists AWS managed policies and the caller's own", iam -> iam.listPolicies()));
        f.put("DeletePolicy", foreign(t -> iam -> iam.deletePolicy(r -> r.policyArn(t.policyArn()))));
        f.put("GetPolicyVersion", foreign(t -> iam -> iam.getPolicyVersion(r -> r.policyArn(t.policyArn())
                .versionId("v1"))));
        f.put("ListPolicyVersions", foreign(t -> iam -> iam.listPolicyVersions(r -> r.policyArn(t.policyArn()))));
        f.put("CreatePolicyVersion", foreign(t -> iam -> iam.createPolicyVersion(r -> r.policyArn(t.policyArn())
                .policyDocument(ALLOW_ALL).setAsDefault(true))));
        f.put("SetDefaultPolicyVersion", foreign(t -> iam -> iam.setDefaultPolicyVersion(r -> r
                .policyArn(t.policyArn()).versionId("v1"))));
        f.put("DeletePolicyVersion", foreign(t -> iam -> iam.deletePolicyVersion(r -> r.policyArn(t.policyArn())
                .versionId("v1"))));
        f.put("ListEntitiesForPolicy", foreign(t -> iam -> iam.listEntitiesForPolicy(r -> r
                .policyArn(t.policyArn()))));
        f.put("TagPolicy", foreign(t -> iam -> iam.tagPolicy(r -> r.policyArn(t.policyArn()).tags(tag()))));
        f.put("UntagPolicy", foreign(t -> iam -> iam.untagPolicy(r -> r.policyArn(t.policyArn())
                .tagKeys(TAG_KEY))));
        f.put("ListPolicyTags", foreign(t -> iam -> iam.listPolicyTags(r -> r.policyArn(t.policyArn()))));
        // Inline policies (names), attachments and boundaries (a foreign PolicyArn on the caller's own holder)
        holderFixtures(f, "User", "b-user");
        holderFixtures(f, "Group", "b-group");
        holderFixtures(f, "Role", "b-role");
        f.put("PutUserPermissionsBoundary", foreign(t -> iam -> iam.putUserPermissionsBoundary(r -> r
                .userName("b-user").permissionsBoundary(t.policyArn()))));
        f.put("DeleteUserPermissionsBoundary", named(false, t -> iam -> iam.deleteUserPermissionsBoundary(r -> r
                .userName(t.name()))));
        f.put("PutRolePermissionsBoundary", foreign(t -> iam -> iam.putRolePermissionsBoundary(r -> r
                .roleName("b-role").permissionsBoundary(t.policyArn()))));
        f.put("DeleteRolePermissionsBoundary", named(false, t -> iam -> iam.deleteRolePermissionsBoundary(r -> r
                .roleName(t.name()))));
        // MFA devices: the serial number is an ARN
        f.put("CreateVirtualMFADevice", named(true, t -> iam -> iam.createVirtualMFADevice(r -> r
                .virtualMFADeviceName(t.name()))));
        f.put("EnableMFADevice", foreign(t -> iam -> iam.enableMFADevice(r -> r.userName("b-user")
                .serialNumber(t.serial()).authenticationCode1(codeA).authenticationCode2(codeB))));
        f.put("ResyncMFADevice", foreign(t -> iam -> iam.resyncMFADevice(r -> r.userName("b-user")
                .serialNumber(t.serial()).authenticationCode1(codeA).authenticationCode2(codeB))));
        f.put("DeactivateMFADevice", foreign(t -> iam -> iam.deactivateMFADevice(r -> r.serialNumber(t.serial()))));
        f.put("DeleteVirtualMFADevice", foreign(t -> iam -> iam.deleteVirtualMFADevice(r -> r
                .serialNumber(t.serial()))));
        f.put("GetMFADevice", foreign(t -> iam -> iam.getMFADevice(r -> r.serialNumber(t.serial()))));
        f.put("TagMFADevice", foreign(t -> iam -> iam.tagMFADevice(r -> r.serialNumber(t.serial()).tags(tag()))));
        f.put("UntagMFADevice", foreign(t -> iam -> iam.untagMFADevice(r -> r.serialNumber(t.serial())
                .tagKeys(TAG_KEY))));
        f.put("ListMFADeviceTags", foreign(t -> iam -> iam.listMFADeviceTags(r -> r.serialNumber(t.serial()))));
        f.put("ListMFADevices", named(false, t -> iam -> iam.listMFADevices(r -> r.userName(t.name()))));
        f.put("ListVirtualMFADevices", none("lists the caller's account only", iam -> iam.listVirtualMFADevices()));
        // OpenID Connect and SAML providers
        f.put("CreateOpenIDConnectProvider", named(true, t -> iam -> iam.createOpenIDConnectProvider(r -> r
                .url("https://" + t.name() + ".example.test").clientIDList("b"))));
        f.put("GetOpenIDConnectProvider", foreign(t -> iam -> iam.getOpenIDConnectProvider(r -> r
                .openIDConnectProviderArn(t.oidcArn()))));
        f.put("ListOpenIDConnectProviders", none("lists the caller's account only",
                iam -> iam.listOpenIDConnectProviders()));
        f.put("DeleteOpenIDConnectProvider", foreign(t -> iam -> iam.deleteOpenIDConnectProvider(r -> r
                .openIDConnectProviderArn(t.oidcArn()))));
        f.put("AddClientIDToOpenIDConnectProvider", foreign(t -> iam -> iam.addClientIDToOpenIDConnectProvider(r -> r
                .openIDConnectProviderArn(t.oidcArn()).clientID("b"))));
        f.put("RemoveClientIDFromOpenIDConnectProvider", foreign(t -> iam -> iam
                .removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(t.oidcArn())
                        .clientID(SECRET))));
        f.put("UpdateOpenIDConnectProviderThumbprint", foreign(t -> iam -> iam
                .updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(t.oidcArn())
                        .thumbprintList("0".repeat(40)))));
        f.put("TagOpenIDConnectProvider", foreign(t -> iam -> iam.tagOpenIDConnectProvider(r -> r
                .openIDConnectProviderArn(t.oidcArn()).tags(tag()))));
        f.put("UntagOpenIDConnectProvider", foreign(t -> iam -> iam.untagOpenIDConnectProvider(r -> r
                .openIDConnectProviderArn(t.oidcArn()).tagKeys(TAG_KEY))));
        f.put("ListOpenIDConnectProviderTags", foreign(t -> iam -> iam.listOpenIDConnectProviderTags(r -> r
                .openIDConnectProviderArn(t.oidcArn()))));
        f.put("CreateSAMLProvider", named(true, t -> iam -> iam.createSAMLProvider(r -> r.name(t.name())
                .samlMetadataDocument(samlMetadata))));
        f.put("GetSAMLProvider", foreign(t -> iam -> iam.getSAMLProvider(r -> r.samlProviderArn(t.samlArn()))));
        f.put("ListSAMLProviders", none("lists the caller's account only", iam -> iam.listSAMLProviders()));
        f.put("UpdateSAMLProvider", foreign(t -> iam -> iam.updateSAMLProvider(r -> r.samlProviderArn(t.samlArn())
                .samlMetadataDocument(samlMetadata))));
        f.put("DeleteSAMLProvider", foreign(t -> iam -> iam.deleteSAMLProvider(r -> r
                .samlProviderArn(t.samlArn()))));
        f.put("TagSAMLProvider", foreign(t -> iam -> iam.tagSAMLProvider(r -> r.samlProviderArn(t.samlArn())
                .tags(tag()))));
        f.put("UntagSAMLProvider", foreign(t -> iam -> iam.untagSAMLProvider(r -> r.samlProviderArn(t.samlArn())
                .tagKeys(TAG_KEY))));
        f.put("ListSAMLProviderTags", foreign(t -> iam -> iam.listSAMLProviderTags(r -> r
                .samlProviderArn(t.samlArn()))));
        // The simulator: PolicySourceArn is the resource; CallerArn must be the caller's own user
        f.put("SimulatePrincipalPolicy", foreign(t -> iam -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn(t.arn("user")).actionNames("s3:GetObject"))));
        f.put("GetContextKeysForPrincipalPolicy", foreign(t -> iam -> iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn(t.arn("role")))));
        f.put("SimulateCustomPolicy", foreign(t -> iam -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .actionNames("s3:GetObject").callerArn(t.arn("user"))
                .contextEntries(ContextEntry.builder().contextKeyName("aws:username").contextKeyType("string")
                        .contextKeyValues(t.name()).build()))));
        f.put("GetContextKeysForCustomPolicy", none("evaluates only the documents it is given",
                iam -> iam.getContextKeysForCustomPolicy(r -> r.policyInputList(ALLOW_ALL))));
        // The account itself
        f.put("CreateAccountAlias", none("aliases are one namespace across accounts, as in AWS: B gets its own",
                iam -> iam.createAccountAlias(r -> r.accountAlias("b-own-alias"))));
        f.put("DeleteAccountAlias", named(false, t -> iam -> iam.deleteAccountAlias(r -> r.accountAlias(t.alias()))));
        f.put("ListAccountAliases", none("the caller's account only", iam -> iam.listAccountAliases()));
        f.put("GetAccountSummary", none("the caller's account only", iam -> iam.getAccountSummary()));
        f.put("GetAccountAuthorizationDetails", none("the caller's account only",
                iam -> iam.getAccountAuthorizationDetails(r -> r.maxItems(1000))));
        f.put("EnableOutboundWebIdentityFederation", none("the caller's account only",
                iam -> iam.enableOutboundWebIdentityFederation(r -> { })));
        f.put("GetOutboundWebIdentityFederationInfo", none("the caller's account only",
                iam -> iam.getOutboundWebIdentityFederationInfo(r -> { })));
        f.put("DisableOutboundWebIdentityFederation", none("the caller's account only",
                iam -> iam.disableOutboundWebIdentityFederation(r -> { })));
        // Instance profiles: names only
        f.put("CreateInstanceProfile", named(true, t -> iam -> iam.createInstanceProfile(r -> r
                .instanceProfileName(t.name()))));
        f.put("GetInstanceProfile", named(false, t -> iam -> iam.getInstanceProfile(r -> r
                .instanceProfileName(t.name()))));
        f.put("DeleteInstanceProfile", named(false, t -> iam -> iam.deleteInstanceProfile(r -> r
                .instanceProfileName(t.name()))));
        f.put("ListInstanceProfiles", none("lists the caller's account only", iam -> iam.listInstanceProfiles()));
        f.put("ListInstanceProfilesForRole", named(false, t -> iam -> iam.listInstanceProfilesForRole(r -> r
                .roleName(t.name()))));
        f.put("AddRoleToInstanceProfile", named(false, t -> iam -> iam.addRoleToInstanceProfile(r -> r
                .instanceProfileName(t.name()).roleName(t.name()))));
        f.put("RemoveRoleFromInstanceProfile", named(false, t -> iam -> iam.removeRoleFromInstanceProfile(r -> r
                .instanceProfileName(t.name()).roleName(t.name()))));
        f.put("TagInstanceProfile", named(false, t -> iam -> iam.tagInstanceProfile(r -> r
                .instanceProfileName(t.name()).tags(tag()))));
        f.put("UntagInstanceProfile", named(false, t -> iam -> iam.untagInstanceProfile(r -> r
                .instanceProfileName(t.name()).tagKeys(SECRET + "-key"))));
        f.put("ListInstanceProfileTags", named(false, t -> iam -> iam.listInstanceProfileTags(r -> r
                .instanceProfileName(t.name()))));
        // Login profiles and the password policy: user names, or the caller's own account
        f.put("CreateLoginProfile", named(false, t -> iam -> iam.createLoginProfile(r -> r.userName(t.name())
                .password("Iso-B-Pass-1"))));
        f.put("GetLoginProfile", named(false, t -> iam -> iam.getLoginProfile(r -> r.userName(t.name()))));
        f.put("UpdateLoginProfile", named(false, t -> iam -> iam.updateLoginProfile(r -> r.userName(t.name())
                .passwordResetRequired(true))));
        f.put("DeleteLoginProfile", named(false, t -> iam -> iam.deleteLoginProfile(r -> r.userName(t.name()))));
        f.put("ChangePassword", none("changes the caller's own password only", iam -> iam.changePassword(r -> r
                .oldPassword("Iso-Target-Pass-1").newPassword("Iso-Target-Pass-2"))));
        f.put("GetAccountPasswordPolicy", none("the caller's account only", iam -> iam.getAccountPasswordPolicy()));
        f.put("UpdateAccountPasswordPolicy", none("the caller's account only", iam -> iam
                .updateAccountPasswordPolicy(r -> r.minimumPasswordLength(9))));
        f.put("DeleteAccountPasswordPolicy", none("the caller's account only", iam -> iam
                .deleteAccountPasswordPolicy()));
        // Service-linked roles: names, and deletion task IDs that name the role
        f.put("CreateServiceLinkedRole", none("creates the caller's own role", iam -> iam.createServiceLinkedRole(r -> r
                .awsServiceName("elasticloadbalancing.amazonaws.com"))));
        f.put("DeleteServiceLinkedRole", named(false, t -> iam -> iam.deleteServiceLinkedRole(r -> r
                .roleName(t.name()))));
        f.put("GetServiceLinkedRoleDeletionStatus", named(false, t -> iam -> iam
                .getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId("task/aws-service-role/"
                        + "autoscaling.amazonaws.com/" + t.name() + "/00000000-0000-4000-8000-000000000000"))));
        credentialFixtures(f);
        return f;
    }

    /** SSH keys, certificates, service-specific credentials, delegation requests and account-wide settings. */
    private static void credentialFixtures(Map<String, Fixture> f) {
        String keyId = "APKA" + "A".repeat(16);
        String certificateId = "C".repeat(32);
        String credentialId = "ACCA" + "A".repeat(17);
        f.put("UploadSSHPublicKey", named(false, t -> iam -> iam.uploadSSHPublicKey(r -> r.userName(t.name())
                .sshPublicKeyBody("ssh-rsa AAAA"))));
        f.put("GetSSHPublicKey", named(false, t -> iam -> iam.getSSHPublicKey(r -> r.userName(t.name())
                .sshPublicKeyId(keyId).encoding("SSH"))));
        f.put("ListSSHPublicKeys", named(false, t -> iam -> iam.listSSHPublicKeys(r -> r.userName(t.name()))));
        f.put("UpdateSSHPublicKey", named(false, t -> iam -> iam.updateSSHPublicKey(r -> r.userName(t.name())
                .sshPublicKeyId(keyId).status("Inactive"))));
        f.put("DeleteSSHPublicKey", named(false, t -> iam -> iam.deleteSSHPublicKey(r -> r.userName(t.name())
                .sshPublicKeyId(keyId))));
        f.put("UploadSigningCertificate", named(false, t -> iam -> iam.uploadSigningCertificate(r -> r
                .userName(t.name()).certificateBody("not a certificate"))));
        f.put("ListSigningCertificates", named(false, t -> iam -> iam.listSigningCertificates(r -> r
                .userName(t.name()))));
        f.put("UpdateSigningCertificate", named(false, t -> iam -> iam.updateSigningCertificate(r -> r
                .userName(t.name()).certificateId(certificateId).status("Inactive"))));
        f.put("DeleteSigningCertificate", named(false, t -> iam -> iam.deleteSigningCertificate(r -> r
                .userName(t.name()).certificateId(certificateId))));
        f.put("UploadServerCertificate", named(false, t -> iam -> iam.uploadServerCertificate(r -> r
                .serverCertificateName(t.name()).certificateBody("not a certificate").privateKey("not a key"))));
        f.put("GetServerCertificate", named(false, t -> iam -> iam.getServerCertificate(r -> r
                .serverCertificateName(t.name()))));
        f.put("ListServerCertificates", none("lists the caller's account only", iam -> iam.listServerCertificates()));
        f.put("UpdateServerCertificate", named(false, t -> iam -> iam.updateServerCertificate(r -> r
                .serverCertificateName(t.name()).newPath("/moved/"))));
        f.put("DeleteServerCertificate", named(false, t -> iam -> iam.deleteServerCertificate(r -> r
                .serverCertificateName(t.name()))));
        f.put("TagServerCertificate", named(false, t -> iam -> iam.tagServerCertificate(r -> r
                .serverCertificateName(t.name()).tags(tag()))));
        f.put("UntagServerCertificate", named(false, t -> iam -> iam.untagServerCertificate(r -> r
                .serverCertificateName(t.name()).tagKeys("b"))));
        f.put("ListServerCertificateTags", named(false, t -> iam -> iam.listServerCertificateTags(r -> r
                .serverCertificateName(t.name()))));
        f.put("CreateServiceSpecificCredential", named(false, t -> iam -> iam.createServiceSpecificCredential(r -> r
                .userName(t.name()).serviceName("codecommit.amazonaws.com"))));
        f.put("ListServiceSpecificCredentials", named(false, t -> iam -> iam.listServiceSpecificCredentials(r -> r
                .userName(t.name()))));
        f.put("ResetServiceSpecificCredential", named(false, t -> iam -> iam.resetServiceSpecificCredential(r -> r
                .userName(t.name()).serviceSpecificCredentialId(credentialId))));
        f.put("UpdateServiceSpecificCredential", named(false, t -> iam -> iam.updateServiceSpecificCredential(r -> r
                .userName(t.name()).serviceSpecificCredentialId(credentialId).status("Inactive"))));
        f.put("DeleteServiceSpecificCredential", named(false, t -> iam -> iam.deleteServiceSpecificCredential(r -> r
                .userName(t.name()).serviceSpecificCredentialId(credentialId))));
        // Delegation requests are one namespace across accounts; A's request for A alone is not B's to see or move
        f.put("CreateDelegationRequest", none("creates B's own request", iam -> iam.createDelegationRequest(r -> r
                .description("b").requestorWorkflowId("b-workflow").notificationChannel("topic").sessionDuration(900)
                .permissions(p -> p.policyTemplateArn("arn:aws:iam::aws:policy-template/b")))));
        f.put("ListDelegationRequests", none("the caller's own and owned requests only",
                iam -> iam.listDelegationRequests(r -> { })));
        f.put("GetDelegationRequest", foreign(t -> iam -> iam.getDelegationRequest(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())))));
        f.put("AssociateDelegationRequest", foreign(t -> iam -> iam.associateDelegationRequest(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())))));
        f.put("UpdateDelegationRequest", foreign(t -> iam -> iam.updateDelegationRequest(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())).notes("n"))));
        f.put("AcceptDelegationRequest", foreign(t -> iam -> iam.acceptDelegationRequest(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())))));
        f.put("RejectDelegationRequest", foreign(t -> iam -> iam.rejectDelegationRequest(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())))));
        f.put("SendDelegationToken", foreign(t -> iam -> iam.sendDelegationToken(r -> r
                .delegationRequestId(DELEGATION_REQUESTS.get(t.name())))));
        f.put("GetHumanReadableSummary", foreign(t -> iam -> iam.getHumanReadableSummary(r -> r.entityArn(
                "arn:aws:iam::" + t.account() + ":delegation-request/" + DELEGATION_REQUESTS.get(t.name())))));
        // Reports: the caller's own account and jobs; last-accessed data of A's entities is refused by ARN
        f.put("GenerateCredentialReport", none("the caller's account only", iam -> iam.generateCredentialReport()));
        f.put("GetCredentialReport", none("the caller's account only",
                iam -> iam.getCredentialReport().content().asUtf8String()));
        f.put("GenerateServiceLastAccessedDetails", foreign(t -> iam -> iam.generateServiceLastAccessedDetails(r -> r
                .arn(t.arn("user")))));
        f.put("ListPoliciesGrantingServiceAccess", foreign(t -> iam -> iam.listPoliciesGrantingServiceAccess(r -> r
                .arn(t.arn("user")).serviceNamespaces("iam"))));
        f.put("GetServiceLastAccessedDetails", none("the caller's own jobs only (A's job asked for)",
                iam -> iam.getServiceLastAccessedDetails(r -> r.jobId(serviceJob))));
        f.put("GetServiceLastAccessedDetailsWithEntities", none("the caller's own jobs only (A's job asked for)",
                iam -> iam.getServiceLastAccessedDetailsWithEntities(r -> r.jobId(serviceJob)
                        .serviceNamespace("iam"))));
        f.put("GenerateOrganizationsAccessReport", none("management account only",
                iam -> iam.generateOrganizationsAccessReport(r -> r.entityPath(rootPath))));
        f.put("GetOrganizationsAccessReport", none("the caller's own jobs only (A's job asked for)",
                iam -> iam.getOrganizationsAccessReport(r -> r.jobId(organizationsJob))));
        // Account-wide settings of the caller's own account; the root features are the management account's alone
        f.put("SetSecurityTokenServicePreferences", none("the caller's account only",
                iam -> iam.setSecurityTokenServicePreferences(r -> r.globalEndpointTokenVersion("v2Token"))));
        f.put("ListOrganizationsFeatures", none("management account only",
                iam -> iam.listOrganizationsFeatures(r -> { })));
        f.put("EnableOrganizationsRootCredentialsManagement", none("management account only",
                iam -> iam.enableOrganizationsRootCredentialsManagement(r -> { })));
        f.put("DisableOrganizationsRootCredentialsManagement", none("management account only",
                iam -> iam.disableOrganizationsRootCredentialsManagement(r -> { })));
        f.put("EnableOrganizationsRootSessions", none("management account only",
                iam -> iam.enableOrganizationsRootSessions(r -> { })));
        f.put("DisableOrganizationsRootSessions", none("management account only",
                iam -> iam.disableOrganizationsRootSessions(r -> { })));
    }

    private static void holderFixtures(Map<String, Fixture> f, String kind, String own) {
        f.put("Put" + kind + "Policy", named(false, t -> iam -> switch (kind) {
            case "User" -> iam.putUserPolicy(r -> r.userName(t.name()).policyName("p").policyDocument(ALLOW_ALL));
            case "Group" -> iam.putGroupPolicy(r -> r.groupName(t.name()).policyName("p").policyDocument(ALLOW_ALL));
            default -> iam.putRolePolicy(r -> r.roleName(t.name()).policyName("p").policyDocument(ALLOW_ALL));
        }));
        f.put("Get" + kind + "Policy", named(false, t -> iam -> switch (kind) {
            case "User" -> iam.getUserPolicy(r -> r.userName(t.name()).policyName(TARGET));
            case "Group" -> iam.getGroupPolicy(r -> r.groupName(t.name()).policyName(TARGET));
            default -> iam.getRolePolicy(r -> r.roleName(t.name()).policyName(TARGET));
        }));
        f.put("List" + kind + "Policies", named(false, t -> iam -> switch (kind) {
            case "User" -> iam.listUserPolicies(r -> r.userName(t.name()));
            case "Group" -> iam.listGroupPolicies(r -> r.groupName(t.name()));
            default -> iam.listRolePolicies(r -> r.roleName(t.name()));
        }));
        f.put("Delete" + kind + "Policy", named(false, t -> iam -> switch (kind) {
            case "User" -> iam.deleteUserPolicy(r -> r.userName(t.name()).policyName(TARGET));
            case "Group" -> iam.deleteGroupPolicy(r -> r.groupName(t.name()).policyName(TARGET));
            default -> iam.deleteRolePolicy(r -> r.roleName(t.name()).policyName(TARGET));
        }));
        f.put("ListAttached" + kind + "Policies", named(false, t -> iam -> switch (kind) {
            case "User" -> iam.listAttachedUserPolicies(r -> r.userName(t.name()));
            case "Group" -> iam.listAttachedGroupPolicies(r -> r.groupName(t.name()));
            default -> iam.listAttachedRolePolicies(r -> r.roleName(t.name()));
        }));
        f.put("Attach" + kind + "Policy", foreign(t -> iam -> switch (kind) {
            case "User" -> iam.attachUserPolicy(r -> r.userName(own).policyArn(t.policyArn()));
            case "Group" -> iam.attachGroupPolicy(r -> r.groupName(own).policyArn(t.policyArn()));
            default -> iam.attachRolePolicy(r -> r.roleName(own).policyArn(t.policyArn()));
        }));
        f.put("Detach" + kind + "Policy", foreign(t -> iam -> switch (kind) {
            case "User" -> iam.detachUserPolicy(r -> r.userName(own).policyArn(t.policyArn()));
            case "Group" -> iam.detachGroupPolicy(r -> r.groupName(own).policyArn(t.policyArn()));
            default -> iam.detachRolePolicy(r -> r.roleName(own).policyArn(t.policyArn()));
        }));
    }

    private static Tag tag() {
        return Tag.builder().key("b").value("b").build();
    }

    private static Fixture foreign(Function<Target, Call> call) {
        return new Fixture.Foreign(call);
    }

    private static Fixture named(boolean creates, Function<Target, Call> call) {
        return new Fixture.Named(creates, call);
    }

    private static Fixture none(String reason, Call call) {
        return new Fixture.NoTarget(reason, call);
    }

    /** How one Organizations operation is called from a member account, with A's account ID where it takes one. */
    private static Map<OrganizationsOperation, Function<String, Runnable>> organizationsFixtures() {
        Map<OrganizationsOperation, Function<String, Runnable>> f = new EnumMap<>(OrganizationsOperation.class);
        OrganizationsClient o = memberOrganizations;
        for (OrganizationsOperation operation : OrganizationsOperation.values()) {
            f.put(operation, switch (operation) {
                case CreateAccount -> a -> () -> o.createAccount(r -> r.accountName("c").email("c@example.test"));
                case DescribeCreateAccountStatus -> a -> () -> o.describeCreateAccountStatus(r -> r
                        .createAccountRequestId("car-" + a));
                case ListCreateAccountStatus -> a -> () -> o.listCreateAccountStatus(r -> { });
                case DescribeAccount -> a -> () -> o.describeAccount(r -> r.accountId(a));
                case ListAccounts -> a -> () -> o.listAccounts();
                case DescribeOrganization -> a -> () -> o.describeOrganization();
                case ListRoots -> a -> () -> o.listRoots();
                case CloseAccount -> a -> () -> o.closeAccount(r -> r.accountId(a));
                case TagResource -> a -> () -> o.tagResource(r -> r.resourceId(a).tags(t -> t.key("b").value("b")));
                case UntagResource -> a -> () -> o.untagResource(r -> r.resourceId(a).tagKeys("b"));
                case ListTagsForResource -> a -> () -> o.listTagsForResource(r -> r.resourceId(a));
            });
        }
        return f;
    }

    @Test
    void anotherAccountsArnsAndNamesAreRefusedAlikeAndChangeNothing() {
        Map<String, Fixture> fixtures = iamFixtures();
        assertThat(fixtures.keySet()).as("every registered IAM operation needs an isolation fixture")
                .containsExactlyInAnyOrderElementsOf(server.iamActions());
        String before = stateOfA();
        List<String> failures = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        for (boolean creating : new boolean[] {false, true}) {
            fixtures.forEach((action, fixture) -> {
                boolean creates = fixture instanceof Fixture.Named named && named.creates();
                if (creates == creating) {
                    check(action, fixture, failures, encoded);
                }
            });
        }
        organizationsFixtures().forEach((operation, call) -> {
            Outcome onA = outcome(call.apply(existing.account()));
            Outcome onGhost = outcome(call.apply(GHOST_ACCOUNT));
            if (onA.status() == 200 || !onA.equals(normalised(onGhost, GHOST_ACCOUNT, existing.account()))) {
                failures.add("organizations:" + operation + " on A " + onA + ", on a missing account " + onGhost);
            }
        });
        assertThat(failures).isEmpty();
        assertThat(encoded).as("refusals carry encoded messages to check").isNotEmpty();
        for (String message : encoded) {
            String decoded = memberSts.decodeAuthorizationMessage(r -> r.encodedMessage(message)).decodedMessage();
            assertThat(decoded.toLowerCase()).doesNotContain(SECRET);
        }
        assertThat(stateOfA()).isEqualTo(before);
    }

    private static void check(String action, Fixture fixture, List<String> failures, List<String> encoded) {
        switch (fixture) {
            case Fixture.Foreign foreign -> {
                Outcome onA = outcome(foreign.call().apply(existing), encoded);
                Outcome onGhost = outcome(foreign.call().apply(ghost), encoded);
                if (onA.status() == 200 || onA.status() >= 500) {
                    failures.add(action + " answered " + onA + " for A's entity");
                } else if (!onA.equals(normalised(onGhost))) {
                    failures.add(action + " tells A's entity (" + onA + ") from a missing one (" + onGhost + ")");
                }
            }
            case Fixture.Named named -> {
                Outcome onA = outcome(named.call().apply(existing), encoded);
                Outcome onGhost = outcome(named.call().apply(ghost), encoded);
                if (onA.status() >= 500 || !onA.equals(normalised(onGhost))) {
                    failures.add(action + " tells A's name (" + onA + ") from a name A lacks (" + onGhost + ")");
                }
            }
            case Fixture.NoTarget none -> {
                String shown = String.valueOf(attempt(none.call()).orElse(""));
                if (shown.toLowerCase().contains(SECRET) || shown.contains(TARGET)) {
                    failures.add(action + " (" + none.reason() + ") shows A's entities: " + shown);
                }
            }
        }
    }

    private static Optional<Object> attempt(Call call) {
        try {
            return Optional.of(call.on(memberIam));
        } catch (AwsServiceException e) {
            return Optional.empty();
        }
    }

    private static Outcome outcome(Call call, List<String> encoded) {
        try {
            call.on(memberIam);
            return new Outcome(200, "", "");
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails().errorMessage();
            Matcher m = ENCODED.matcher(message);
            if (m.find()) {
                encoded.add(m.group(1));
            }
            return new Outcome(e.statusCode(), e.awsErrorDetails().errorCode(), m.replaceAll(" <encoded>"));
        }
    }

    private static Outcome outcome(Runnable call) {
        try {
            call.run();
            return new Outcome(200, "", "");
        } catch (AwsServiceException e) {
            return new Outcome(e.statusCode(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        }
    }

    private static Outcome normalised(Outcome onGhost) {
        return normalised(normalised(onGhost, GHOST, TARGET), ghost.accessKeyId(), existing.accessKeyId());
    }

    private static Outcome normalised(Outcome outcome, String from, String to) {
        return new Outcome(outcome.status(), outcome.code(), outcome.sentence().replace(from, to));
    }

    /** Everything of A's that B could have read or changed, as A's root sees it. */
    private static String stateOfA() {
        StringBuilder state = new StringBuilder();
        state.append(rootIam.getAccountAuthorizationDetails(r -> r.maxItems(1000)));
        state.append(rootIam.listPolicyTags(r -> r.policyArn(existing.policyArn())));
        state.append(rootIam.listPolicyVersions(r -> r.policyArn(existing.policyArn())));
        state.append(rootIam.getPolicy(r -> r.policyArn(existing.policyArn())));
        state.append(rootIam.listVirtualMFADevices());
        state.append(rootIam.listMFADeviceTags(r -> r.serialNumber(existing.serial())));
        state.append(rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(existing.oidcArn())));
        state.append(rootIam.getSAMLProvider(r -> r.samlProviderArn(existing.samlArn())));
        state.append(rootIam.listAccessKeys(r -> r.userName(TARGET)));
        state.append(rootIam.listAccountAliases());
        state.append(rootIam.listInstanceProfiles());
        state.append(rootIam.listInstanceProfileTags(r -> r.instanceProfileName(TARGET)));
        state.append(rootIam.getLoginProfile(r -> r.userName(TARGET)));
        state.append(rootIam.getAccountPasswordPolicy());
        state.append(rootIam.getAccountSummary());
        state.append(rootIam.getDelegationRequest(r -> r.delegationRequestId(DELEGATION_REQUESTS.get(TARGET))));
        state.append(rootIam.listOrganizationsFeatures(r -> { }));
        OrganizationsClient organizations = Clients.organizations(server, Clients.root(server));
        state.append(organizations.listAccounts());
        state.append(organizations.listTagsForResource(r -> r.resourceId(existing.account())));
        return state.toString();
    }

    /** GetUser without UserName describes the caller, and AWS still requires iam:GetUser on the caller's own ARN. */
    @Test
    void getUserWithoutANameNeedsPermissionOnTheCallersOwnArn() {
        rootIam.createUser(r -> r.userName("self-reader"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("self-reader")).accessKey();
        IamClient self = Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
        String arn = "arn:aws:iam::" + server.accountId() + ":user/self-reader";
        assertThatThrownBy(() -> self.getUser(r -> { })).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("iam:GetUser on resource: " + arn);
        });
        rootIam.putUserPolicy(r -> r.userName("self-reader").policyName("self").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
                        + "\"Resource\":\"" + arn + "\"}]}"));
        assertThat(self.getUser(r -> { }).user().arn()).isEqualTo(arn);
    }

    /**
     * Every registered IAM operation authorizes: a user without any policy, sending each action with no parameters
     * (so operations that default to the caller, like GetUser, act on the caller), never gets a 200.
     */
    @Test
    void everyOperationNeedsPermissionEvenOnTheCallerItself() {
        rootIam.createUser(r -> r.userName("powerless"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("powerless")).accessKey();
        RawHttpClient raw = new RawHttpClient(server);
        List<String> answered = new ArrayList<>();
        for (String action : new java.util.TreeSet<>(server.iamActions())) {
            byte[] body = ("Action=" + action + "&Version=2010-05-08").getBytes(StandardCharsets.UTF_8);
            var response = raw.signedPost(body, key.accessKeyId(), key.secretAccessKey(), Optional.empty(),
                    Instant.now(), Map.of(), "iam");
            if (response.statusCode() == 200 || response.statusCode() >= 500) {
                answered.add(action + " " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(answered).isEmpty();
    }
}
