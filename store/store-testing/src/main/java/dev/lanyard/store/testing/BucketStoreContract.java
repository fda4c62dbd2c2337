package dev.lanyard.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.iam.spi.BucketStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every BucketStore must do; each implementation's test class extends this. */
public abstract class BucketStoreContract {
    protected static final AccountId OWNER = AccountId.of("123456789012");
    protected static final AccountId OTHER = AccountId.of("210987654321");
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"210987654321\"},\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::photos/*\"}]}";

    /** A fresh, empty store. */
    protected abstract BucketStore newStore();

    /** The same store's data opened again (a restart). */
    protected abstract BucketStore reopen(BucketStore store);

    protected abstract void close(BucketStore store);

    @Test
    void theFirstCreatorOwnsTheBucket() {
        BucketStore store = newStore();
        try {
            S3Bucket mine = new S3Bucket("photos", OWNER, Optional.empty(), T0);
            assertThat(store.createIfAbsent(mine)).isEqualTo(mine);
            assertThat(store.createIfAbsent(new S3Bucket("photos", OTHER, Optional.empty(), T0.plusSeconds(1))))
                    .isEqualTo(mine);
            assertThat(store.bucket("photos")).contains(mine);
            assertThat(store.bucket("videos")).isEmpty();
        } finally {
            close(store);
        }
    }

    @Test
    void ownersAndPoliciesSurviveAReopen() {
        BucketStore store = newStore();
        store.createIfAbsent(new S3Bucket("photos", OWNER, Optional.empty(), T0));
        store.put(new S3Bucket("photos", OWNER, Optional.of(POLICY), T0));
        store.put(new S3Bucket("legacy", OTHER, Optional.empty(), T0.plusSeconds(5)));
        store.createIfAbsent(new S3Bucket("gone", OWNER, Optional.empty(), T0));
        store.remove("gone");
        store.remove("never-there");
        BucketStore reopened = reopen(store);
        try {
            assertThat(reopened.bucket("photos")).contains(new S3Bucket("photos", OWNER, Optional.of(POLICY), T0));
            assertThat(reopened.buckets()).extracting(S3Bucket::name).containsExactly("legacy", "photos");
            assertThat(reopened.bucket("legacy").orElseThrow().owner()).isEqualTo(OTHER);
            assertThat(reopened.bucket("gone")).isEmpty();
        } finally {
            close(reopened);
        }
    }

    @Test
    void aPolicyIsReplacedAndDeleted() {
        BucketStore store = newStore();
        try {
            S3Bucket bucket = store.createIfAbsent(new S3Bucket("photos", OWNER, Optional.empty(), T0));
            store.put(bucket.withPolicy(Optional.of(POLICY)));
            assertThat(store.bucket("photos").orElseThrow().policy()).contains(POLICY);
            store.put(bucket.withPolicy(Optional.empty()));
            assertThat(store.bucket("photos").orElseThrow().policy()).isEmpty();
            store.put(bucket.withOwner(OTHER));
            assertThat(store.bucket("photos").orElseThrow().owner()).isEqualTo(OTHER);
        } finally {
            close(store);
        }
    }

    @Test
    void aPolicysPrincipalBindingsAreKeptWithItAndDroppedWithIt() {
        BucketStore store = newStore();
        Map<String, String> ids = Map.of("arn:aws:iam::" + OWNER.value() + ":role/reader", "AROAEXAMPLEREADER0001",
                "arn:aws:iam::" + OWNER.value() + ":user/a=b", "AIDAEXAMPLEUSER000001");
        S3Bucket bucket = store.createIfAbsent(new S3Bucket("photos", OWNER, Optional.empty(), T0));
        store.put(bucket.withPolicy(POLICY, ids));
        BucketStore reopened = reopen(store);
        try {
            assertThat(reopened.bucket("photos").orElseThrow().principalIds()).isEqualTo(ids);
            reopened.put(reopened.bucket("photos").orElseThrow().withPolicy(Optional.of(POLICY)));
            assertThat(reopened.bucket("photos").orElseThrow().principalIds()).isEmpty();
        } finally {
            close(reopened);
        }
    }
}
