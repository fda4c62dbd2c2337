package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SigV4Signer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The documented patterns that rest on IAM's own condition keys, end to end with the AWS SDK: a Deny on
 * {@code iam:PolicyARN} keeps a user from attaching AdministratorAccess (to himself or anyone), delegated user
 * administration is allowed only with a given permissions boundary ({@code iam:PermissionsBoundary}), and a role is
 * passed only to the service a PassRole grant names ({@code iam:PassedToService}).
 */
class IamDelegationPatternsTest {
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private static IamClient userWithPolicy(TestServer server, IamClient root, String name, String policy) {
        AccessKey key = keyOfUserWithPolicy(root, name, policy);
        return Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
    }

    private static AccessKey keyOfUserWithPolicy(IamClient root, String name, String policy) {
        root.createUser(r -> r.userName(name));
        root.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        return root.createAccessKey(r -> r.userName(name)).accessKey();
    }

    /** An IAM Query request signed (for iam) with the key, with parameters no SDK would add. */
    private static HttpResponse<String> raw(TestServer server, AccessKey key, Map<String, String> params) {
        StringBuilder text = new StringBuilder("Version=2010-05-08");
        params.forEach((k, v) -> text.append('&').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:" + server.port()));
        headers.put("Content-Type", List.of(contentType));
        Map<String, String> signed = new SigV4Signer(key.accessKeyId(), SecretAccessKey.of(key.secretAccessKey()),
                Optional.empty()).signHeaders(new HttpRequestParts("POST", "/", "", headers, body), "us-east-1",
                "iam", Instant.now());
        Map<String, String> all = new LinkedHashMap<>(signed);
        all.put("Content-Type", contentType);
        return new RawHttpClient(server).send("POST", "", body, all);
    }

    private static void assertRawDenied(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>");
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    }

    /** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PolicyARN */
    @Test
    void denyOnPolicyArnKeepsAdministratorAccessFromBeingAttached() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            IamClient mallory = userWithPolicy(server, root, "mallory", """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["iam:AttachUserPolicy","iam:DetachUserPolicy"],"Resource":"*"},
                      {"Effect":"Deny","Action":"iam:AttachUserPolicy","Resource":"*",
                       "Condition":{"ArnEquals":{"iam:PolicyARN":"%s"}}}]}""".formatted(ADMIN));

            assertDenied(() -> mallory.attachUserPolicy(r -> r.userName("mallory").policyArn(ADMIN)));
            root.createUser(r -> r.userName("other"));
            assertDenied(() -> mallory.attachUserPolicy(r -> r.userName("other").policyArn(ADMIN)));
            assertThat(root.listAttachedUserPolicies(r -> r.userName("mallory")).attachedPolicies()).isEmpty();

            // The Deny names one policy: any other is attached, and detached again.
            mallory.attachUserPolicy(r -> r.userName("other").policyArn(READ_ONLY));
            assertThat(root.listAttachedUserPolicies(r -> r.userName("other")).attachedPolicies())
                    .extracting(p -> p.policyArn()).containsExactly(READ_ONLY);
            mallory.detachUserPolicy(r -> r.userName("other").policyArn(READ_ONLY));
        }
    }

    /**
     * The delegation pattern of https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
     * ("Delegating responsibility to others using permissions boundaries"): an administrator may create users and
     * manage their permissions only with the boundary set, and may not remove it.
     */
    @Test
    void delegatedAdministratorMustSetTheBoundary() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            String boundary = root.createPolicy(r -> r.policyName("XCompanyBoundaries").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""))
                    .policy().arn();
            String other = root.createPolicy(r -> r.policyName("Other").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"""))
                    .policy().arn();
            IamClient delegate = userWithPolicy(server, root, "delegate", """
                    {"Version":"2012-10-17","Statement":[
                      {"Sid":"CreateOrChangeOnlyWithBoundary","Effect":"Allow",
                       "Action":["iam:AttachUserPolicy","iam:CreateUser","iam:DeleteUserPolicy",
                                 "iam:DetachUserPolicy","iam:PutUserPermissionsBoundary","iam:PutUserPolicy"],
                       "Resource":"*",
                       "Condition":{"StringEquals":{"iam:PermissionsBoundary":"%s"}}},
                      {"Sid":"NoBoundaryUserDelete","Effect":"Deny",
                       "Action":"iam:DeleteUserPermissionsBoundary","Resource":"*"}]}""".formatted(boundary));

            assertDenied(() -> delegate.createUser(r -> r.userName("unbounded")));
            assertDenied(() -> delegate.createUser(r -> r.userName("wrong").permissionsBoundary(other)));
            delegate.createUser(r -> r.userName("bounded").permissionsBoundary(boundary));
            assertThat(root.getUser(r -> r.userName("bounded")).user().permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo(boundary);

            // Managing a bounded user's permissions: the key is the boundary the user has.
            delegate.attachUserPolicy(r -> r.userName("bounded").policyArn(ADMIN));
            delegate.putUserPolicy(r -> r.userName("bounded").policyName("inline").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""));
            delegate.deleteUserPolicy(r -> r.userName("bounded").policyName("inline"));
            delegate.detachUserPolicy(r -> r.userName("bounded").policyArn(ADMIN));
            // Re-setting the same boundary is allowed; replacing it with another, or removing it, is not.
            delegate.putUserPermissionsBoundary(r -> r.userName("bounded").permissionsBoundary(boundary));
            assertDenied(() -> delegate.putUserPermissionsBoundary(r -> r.userName("bounded")
                    .permissionsBoundary(other)));
            assertDenied(() -> delegate.deleteUserPermissionsBoundary(r -> r.userName("bounded")));

            // A user without that boundary is out of the delegate's reach.
            root.createUser(r -> r.userName("free"));
            assertDenied(() -> delegate.attachUserPolicy(r -> r.userName("free").policyArn(ADMIN)));
            assertDenied(() -> delegate.putUserPolicy(r -> r.userName("free").policyName("x").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")));
            // ...unless it sets the boundary first, which is exactly what the pattern allows.
            delegate.putUserPermissionsBoundary(r -> r.userName("free").permissionsBoundary(boundary));
            delegate.attachUserPolicy(r -> r.userName("free").policyArn(READ_ONLY));
        }
    }

    /**
     * Passing roles to one service only (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html,
     * iam:PassedToService and iam:AssociatedResourceArn): adding a role to an instance profile passes it to EC2, so a
     * PassRole grant for EC2 instances allows it and one for Lambda does not. AddRoleToInstanceProfile's reference
     * says the associated resource is to be written {@code arn:aws:ec2:*:<account>:instance/*}.
     */
    @Test
    void passRoleIsGrantedForTheServiceTheRoleGoesTo() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            String account = server.accountId();
            String trust = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
                     "Action":"sts:AssumeRole"}]}""";
            root.createRole(r -> r.roleName("app-web").assumeRolePolicyDocument(trust));
            root.createRole(r -> r.roleName("admin").assumeRolePolicyDocument(trust));
            String passTo = """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["iam:CreateInstanceProfile","iam:AddRoleToInstanceProfile"],
                       "Resource":"*"},
                      {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::%s:role/app-*",
                       "Condition":{"StringEquals":{"iam:PassedToService":"%s"},
                                    "ArnLike":{"iam:AssociatedResourceArn":"arn:aws:ec2:*:%s:instance/*"}}}]}""";
            IamClient ec2Deployer = userWithPolicy(server, root, "ec2-deployer",
                    passTo.formatted(account, "ec2.amazonaws.com", account));
            IamClient lambdaDeployer = userWithPolicy(server, root, "lambda-deployer",
                    passTo.formatted(account, "lambda.amazonaws.com", account));

            ec2Deployer.createInstanceProfile(r -> r.instanceProfileName("web"));
            ec2Deployer.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("app-web"));
            ec2Deployer.createInstanceProfile(r -> r.instanceProfileName("ops"));
            assertDenied(() -> ec2Deployer.addRoleToInstanceProfile(r -> r.instanceProfileName("ops")
                    .roleName("admin")));

            lambdaDeployer.createInstanceProfile(r -> r.instanceProfileName("fn"));
            assertDenied(() -> lambdaDeployer.addRoleToInstanceProfile(r -> r.instanceProfileName("fn")
                    .roleName("app-web")));
            assertThat(root.getInstanceProfile(r -> r.instanceProfileName("fn")).instanceProfile().roles()).isEmpty();
            assertThat(root.getInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile().roles())
                    .extracting(role -> role.roleName()).containsExactly("app-web");
        }
    }

    /**
     * A parameter counts only for an action whose input has it: a PermissionsBoundary added to AttachUserPolicy or
     * PutUserPolicy (which ignore it) does not stand in for the target's boundary, and TagKeys added to CreateUser
     * does not stand in for tags it does not set.
     */
    @Test
    void parametersAnActionDoesNotTakeSetNoKeys() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            String boundary = root.createPolicy(r -> r.policyName("Boundary").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""))
                    .policy().arn();
            AccessKey delegate = keyOfUserWithPolicy(root, "delegate", """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["iam:AttachUserPolicy","iam:PutUserPolicy","iam:CreateUser"],
                       "Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"%s"}}}]}"""
                    .formatted(boundary));
            assertRawDenied(raw(server, delegate, Map.of("Action", "AttachUserPolicy", "UserName", "delegate",
                    "PolicyArn", ADMIN, "PermissionsBoundary", boundary)));
            assertRawDenied(raw(server, delegate, Map.of("Action", "PutUserPolicy", "UserName", "delegate",
                    "PolicyName", "all", "PermissionsBoundary", boundary, "PolicyDocument", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")));
            assertThat(root.listAttachedUserPolicies(r -> r.userName("delegate")).attachedPolicies()).isEmpty();
            assertThat(root.listUserPolicies(r -> r.userName("delegate")).policyNames()).containsExactly("p");
            // The parameter where the action takes it.
            assertThat(raw(server, delegate, Map.of("Action", "CreateUser", "UserName", "bounded",
                    "PermissionsBoundary", boundary)).statusCode()).isEqualTo(200);

            AccessKey tagger = keyOfUserWithPolicy(root, "tagger", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*",
                     "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"team"}}}]}""");
            assertRawDenied(raw(server, tagger, Map.of("Action", "CreateUser", "UserName", "untagged",
                    "TagKeys.member.1", "team")));
            assertThat(raw(server, tagger, Map.of("Action", "CreateUser", "UserName", "tagged",
                    "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue")).statusCode()).isEqualTo(200);
        }
    }
}
