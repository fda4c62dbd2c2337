package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccessKeyIdTest {
    @Test
    void decodesThePublishedExample() {
        // The account AWS reports for this key id (aws-sts-api.md §4.7).
        assertThat(new AccessKeyId("ASIAY34FZKBOKMUTVV7A").accountId()).contains(AccountId.of("609629065308"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 20260101, 123456789012L, 999999999999L})
    void generatedIdsEncodeTheirAccount(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            AccountId account = AccountId.fromLong(random.nextLong(1_000_000_000_000L));
            AccessKeyId temporary = AccessKeyId.generateTemporary(account, random);
            AccessKeyId longTerm = AccessKeyId.generateLongTerm(account, random);
            assertThat(temporary.value()).hasSize(20).startsWith("ASIA").matches("[A-Z2-7]+");
            assertThat(longTerm.value()).startsWith("AKIA");
            assertThat(temporary.isTemporary()).isTrue();
            assertThat(longTerm.isLongTerm()).isTrue();
            assertThat(temporary.accountId()).contains(account);
            assertThat(longTerm.accountId()).contains(account);
        }
    }

    @Test
    void rejectsMalformedIds() {
        assertThat(AccessKeyId.parse("short")).isEmpty();
        assertThat(AccessKeyId.parse("AKIA-NOT-A-VALID-ID!")).isEmpty();
        assertThat(AccessKeyId.parse(null)).isEmpty();
        assertThatThrownBy(() -> new AccessKeyId("x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AccessKeyId("AKIDEXAMPLEAKIDEXAMPLE").accountId()).isEmpty();
    }
}
