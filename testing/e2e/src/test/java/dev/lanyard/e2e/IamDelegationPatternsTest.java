package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The two documented patterns that rest on IAM's own condition keys, end to end with the AWS SDK: a Deny on
 * {@code iam:PolicyARN} keeps a user from attaching AdministratorAccess (to himself or anyone), and delegated user
 * administration is allowed only with a given permissions boundary ({@code iam:PermissionsBoundary}).
 */
class IamDelegationPatternsTest {
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private static IamClient userWithPolicy(TestServer server, IamClient root, String name, String policy) {
        root.createUser(r -> r.userName(name));
        root.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
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
}
