package dev.lanyard.s3gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.policy.LabeledPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parsed and bound bucket policy is reused while the registry's bucket is unchanged, and rebuilt whenever what it
 * was built from changes: the policy put or deleted, the principals bound again (a role recreated and the policy put
 * again), a registry reloaded from another node's write.
 */
class BucketPolicyCacheTest {
    private static final AccountId OWNER = AccountId.of("111122223333");
    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ROLE = "arn:aws:iam::444455556666:role/reader";

    private static String policy(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROLE
                + "\"},\"Action\":\"" + action + "\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
    }

    private static S3Bucket bucket(String policy, String roleId) {
        return new S3Bucket("reports", OWNER, Optional.empty(), CREATED).withPolicy(policy, Map.of(ROLE, roleId));
    }

    /** The principal values the bound policy matches callers by. */
    private static java.util.Set<String> principals(Optional<LabeledPolicy> policy) {
        return policy.orElseThrow().document().awsPrincipalValues();
    }

    @Test
    void anUnchangedBucketReusesItsBoundPolicyEvenAfterTheRegistryReloaded() {
        BucketPolicyCache cache = new BucketPolicyCache();
        S3Bucket bucket = bucket(policy("s3:GetObject"), "AROAFIRSTROLEID00001");
        Optional<LabeledPolicy> first = cache.policyOf(bucket);
        assertThat(cache.policyOf(bucket).orElseThrow()).isSameAs(first.orElseThrow());
        // A reload builds new values of the same rows.
        S3Bucket reloaded = bucket(new String(policy("s3:GetObject")), "AROAFIRSTROLEID00001");
        assertThat(reloaded).isNotSameAs(bucket);
        assertThat(cache.policyOf(reloaded).orElseThrow()).isSameAs(first.orElseThrow());
        assertThat(first.orElseThrow().ref().name()).isEqualTo("bucket-policy:reports");
        assertThat(principals(first)).containsExactly("AROAFIRSTROLEID00001");
    }

    @Test
    void aPolicyPutAgainAfterTheRoleWasRecreatedMatchesTheNewRoleOnly() {
        BucketPolicyCache cache = new BucketPolicyCache();
        String text = policy("s3:GetObject");
        assertThat(principals(cache.policyOf(bucket(text, "AROAFIRSTROLEID00001"))))
                .containsExactly("AROAFIRSTROLEID00001");
        assertThat(principals(cache.policyOf(bucket(text, "AROASECONDROLEID0002"))))
                .containsExactly("AROASECONDROLEID0002");
    }

    @Test
    void aNewOrDeletedPolicyIsSeenAtOnce() {
        BucketPolicyCache cache = new BucketPolicyCache();
        S3Bucket reading = bucket(policy("s3:GetObject"), "AROAFIRSTROLEID00001");
        assertThat(cache.policyOf(reading).orElseThrow().document().source()).contains("s3:GetObject");
        S3Bucket writing = bucket(policy("s3:PutObject"), "AROAFIRSTROLEID00001");
        assertThat(cache.policyOf(writing).orElseThrow().document().source()).contains("s3:PutObject");
        assertThat(cache.policyOf(writing.withPolicy(Optional.empty()))).isEmpty();
        assertThat(cache.policyOf(reading).orElseThrow().document().source()).contains("s3:GetObject");
    }

    @Test
    void bucketsWithTheSameTextKeepTheirOwnLabels() {
        BucketPolicyCache cache = new BucketPolicyCache();
        String text = policy("s3:GetObject");
        S3Bucket other = new S3Bucket("archive", OWNER, Optional.of(text), CREATED);
        assertThat(cache.policyOf(bucket(text, "AROAFIRSTROLEID00001")).orElseThrow().ref().name())
                .isEqualTo("bucket-policy:reports");
        Optional<LabeledPolicy> archive = cache.policyOf(other);
        assertThat(archive.orElseThrow().ref().name()).isEqualTo("bucket-policy:archive");
        // Stored before bindings were kept: matched by ARN.
        assertThat(principals(archive)).containsExactly(ROLE);
    }
}
