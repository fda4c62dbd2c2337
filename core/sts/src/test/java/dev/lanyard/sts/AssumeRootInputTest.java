package dev.lanyard.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.AwsManagedPolicies;
import org.junit.jupiter.api.Test;

/** AssumeRoot's target and task policy, as AWS documents them. */
class AssumeRootInputTest {
    private static final String TASK = "arn:aws:iam::aws:policy/root-task/";

    @Test
    void theTargetIsAMemberAccountIdOrItsRootArn() {
        assertThat(AssumeRoot.targetAccount("111122223333", Partition.AWS)).isEqualTo(AccountId.of("111122223333"));
        assertThat(AssumeRoot.targetAccount("arn:aws:iam::111122223333:root", Partition.AWS))
                .isEqualTo(AccountId.of("111122223333"));
        for (String other : new String[] {"arn:aws:iam::111122223333:user/root", "11112222333",
                "arn:aws:iam::111122223333:root/x", "arn:aws:sts::111122223333:root"}) {
            assertThatThrownBy(() -> AssumeRoot.targetAccount(other, Partition.AWS)).as(other)
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        }
    }

    @Test
    void theTaskPolicyIsOneOfTheFiveRootTaskPolicies() {
        for (String name : AssumeRoot.TASK_POLICIES) {
            assertThat(AssumeRoot.taskPolicy(TASK + name, Partition.AWS)).isEqualTo(TASK + name);
        }
        // The five are exactly the catalogue's root-task policies, so a new one AWS publishes fails here.
        assertThat(new AwsManagedPolicies(Partition.AWS).entries().stream().filter(e -> e.path().equals("/root-task/"))
                .map(AwsManagedPolicies.Entry::name)).containsExactlyInAnyOrderElementsOf(AssumeRoot.TASK_POLICIES);
        for (String other : new String[] {"arn:aws:iam::aws:policy/AdministratorAccess", TASK + "Other",
                "arn:aws:iam::111122223333:policy/root-task/IAMAuditRootUserCredentials", ""}) {
            assertThatThrownBy(() -> AssumeRoot.taskPolicy(other, Partition.AWS)).as(other)
                    .isInstanceOfSatisfying(AwsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        }
    }

    @Test
    void underAnotherPartitionTheTargetAndTaskPolicyAreNamedInIt() {
        Partition lanyard = Partition.of("lanyard");
        assertThat(AssumeRoot.targetAccount("arn:lanyard:iam::111122223333:root", lanyard))
                .isEqualTo(AccountId.of("111122223333"));
        assertThat(AssumeRoot.taskPolicy("arn:lanyard:iam::aws:policy/root-task/S3UnlockBucketPolicy", lanyard))
                .isEqualTo("arn:lanyard:iam::aws:policy/root-task/S3UnlockBucketPolicy");
        assertThatThrownBy(() -> AssumeRoot.targetAccount("arn:aws:iam::111122223333:root", lanyard))
                .hasMessageContaining("(arn:lanyard:iam::<account>:root)");
        assertThatThrownBy(() -> AssumeRoot.taskPolicy(TASK + "S3UnlockBucketPolicy", lanyard))
                .hasMessageContaining("arn:lanyard:iam::aws:policy/root-task/...");
    }
}
