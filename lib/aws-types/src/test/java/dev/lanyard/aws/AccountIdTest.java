package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccountIdTest {
    @Test
    void fromLongPadsToTwelveDigits() {
        assertThat(AccountId.fromLong(0).value()).isEqualTo("000000000000");
        assertThat(AccountId.fromLong(42).value()).isEqualTo("000000000042");
        assertThat(AccountId.fromLong(123456789012L).value()).isEqualTo("123456789012");
        assertThat(AccountId.fromLong(999_999_999_999L).value()).isEqualTo("999999999999");
    }

    @Test
    void fromLongRoundTripsThroughAsLong() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 10_000; i++) {
            long number = random.nextLong(1_000_000_000_000L);
            AccountId id = AccountId.fromLong(number);
            assertThat(id.asLong()).isEqualTo(number);
            assertThat(id.value()).isEqualTo("%012d".formatted(number));
        }
    }

    @Test
    void fromLongRefusesNumbersOutOfRange() {
        assertThatThrownBy(() -> AccountId.fromLong(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.fromLong(1_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
