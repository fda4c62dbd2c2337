package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TotpParametersTest {
    @Test
    void awsIsSixDigitsThirtySecondsSha1() {
        assertThat(TotpParameters.AWS).isEqualTo(new TotpParameters(6, Duration.ofSeconds(30), "HmacSHA1"));
        assertThat(TotpParameters.AWS.otpauthAlgorithm()).isEqualTo("SHA1");
    }

    @Test
    void rejectsWhatRfc4226And6238DoNotDefine() {
        Duration step = Duration.ofSeconds(30);
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(5, step, "HmacSHA1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(9, step, "HmacSHA1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(6, Duration.ZERO, "HmacSHA1"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(6, Duration.ofSeconds(-30), "HmacSHA1"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(6, Duration.ofMillis(30_500), "HmacSHA1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(6, step, "HmacMD5"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(6, step, "hmacsha1"));
        assertThatNullPointerException().isThrownBy(() -> new TotpParameters(6, null, "HmacSHA1"));
        assertThatNullPointerException().isThrownBy(() -> new TotpParameters(6, step, null));
    }

    @Test
    void acceptsTheRfc6238Algorithms() {
        for (String algorithm : new String[] {"HmacSHA1", "HmacSHA256", "HmacSHA512"}) {
            for (int digits = 6; digits <= 8; digits++) {
                Totp totp = new Totp(new TotpParameters(digits, Duration.ofSeconds(60), algorithm));
                assertThat(totp.code(Fixtures.RFC_SHA512, 1)).hasSize(digits).containsOnlyDigits();
            }
        }
    }
}
