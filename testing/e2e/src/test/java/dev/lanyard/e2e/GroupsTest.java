package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Group;

/** Groups through the SDK: membership, and group policies counting in their members' evaluation. */
class GroupsTest {
    @Test
    void groupPoliciesApplyToMembersOnly() {
        try (TestServer server = TestServer.start()) {
            IamClient root = Clients.iam(server, Clients.root(server));
            root.createUser(r -> r.userName("member"));
            AccessKey key = root.createAccessKey(r -> r.userName("member")).accessKey();
            AwsCredentials member = Clients.basic(key.accessKeyId(), key.secretAccessKey());
            IamClient asMember = Clients.iam(server, member);
            assertThatThrownBy(asMember::listGroups).isInstanceOf(AwsServiceException.class);

            Group group = root.createGroup(r -> r.groupName("readers").path("/teams/")).group();
            assertThat(group.groupId()).startsWith("AGPA");
            assertThat(group.arn()).isEqualTo("arn:aws:iam::" + server.accountId() + ":group/teams/readers");
            root.putGroupPolicy(r -> r.groupName("readers").policyName("list").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:List*\","
                            + "\"Resource\":\"*\"}]}"));
            root.attachGroupPolicy(r -> r.groupName("readers").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            root.addUserToGroup(r -> r.groupName("readers").userName("member"));

            assertThat(asMember.listGroups().groups()).extracting(Group::groupName).containsExactly("readers");
            assertThat(asMember.getGroup(r -> r.groupName("readers")).users()).extracting(u -> u.userName())
                    .containsExactly("member");
            assertThat(root.listGroupsForUser(r -> r.userName("member")).groups()).hasSize(1);
            assertThat(root.listAttachedGroupPolicies(r -> r.groupName("readers")).attachedPolicies()).hasSize(1);
            assertThat(root.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess")).policy()
                    .attachmentCount()).isEqualTo(1);

            assertThatThrownBy(() -> root.deleteUser(r -> r.userName("member")))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
            assertThatThrownBy(() -> root.deleteGroup(r -> r.groupName("readers")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).isEqualTo("Cannot delete entity, must remove users from group first."));

            root.removeUserFromGroup(r -> r.groupName("readers").userName("member"));
            assertThatThrownBy(asMember::listGroups).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            root.deleteGroupPolicy(r -> r.groupName("readers").policyName("list"));
            root.detachGroupPolicy(r -> r.groupName("readers").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            root.deleteGroup(r -> r.groupName("readers"));
            assertThat(root.listGroups().groups()).isEmpty();
        }
    }
}
