package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published test vectors of RFC 4226 Appendix D and RFC 6238 Appendix B. */
class RfcVectorsTest {
    private final Totp hotp6 = new Totp(TotpParameters.AWS);

    @ParameterizedTest(name = "HOTP count {0} -> {1}")
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void rfc4226AppendixD(long counter, String expected) {
        assertThat(hotp6.code(Fixtures.RFC_SHA1, counter)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "TOTP {1} at {0} -> {2}")
    @CsvSource({
        "59, HmacSHA1, 94287082", "59, HmacSHA256, 46119246", "59, HmacSHA512, 90693936",
        "1111111109, HmacSHA1, 07081804", "1111111109, HmacSHA256, 68084774", "1111111109, HmacSHA512, 25091201",
        "1111111111, HmacSHA1, 14050471", "1111111111, HmacSHA256, 67062674", "1111111111, HmacSHA512, 99943326",
        "1234567890, HmacSHA1, 89005924", "1234567890, HmacSHA256, 91819424", "1234567890, HmacSHA512, 93441116",
        "2000000000, HmacSHA1, 69279037", "2000000000, HmacSHA256, 90698825", "2000000000, HmacSHA512, 38618901",
        "20000000000, HmacSHA1, 65353130", "20000000000, HmacSHA256, 77737706", "20000000000, HmacSHA512, 47863826",
    })
    void rfc6238AppendixB(long epochSeconds, String algorithm, String expected) {
        Totp totp = new Totp(new TotpParameters(8, Duration.ofSeconds(30), algorithm));
        TotpSeed seed = switch (algorithm) {
            case "HmacSHA1" -> Fixtures.RFC_SHA1;
            case "HmacSHA256" -> Fixtures.RFC_SHA256;
            default -> Fixtures.RFC_SHA512;
        };
        Instant time = Instant.ofEpochSecond(epochSeconds);

        assertThat(totp.codeAt(seed, time)).isEqualTo(expected);
        assertThat(totp.match(seed, expected, time, 0)).hasValue(totp.counterAt(time));
    }

    @ParameterizedTest(name = "T at {0} is {1}")
    @CsvSource({"0, 0", "29, 0", "30, 1", "59, 1", "1111111109, 37037036", "20000000000, 666666666", "-1, -1"})
    void counterIsTheFloorOfEpochSecondsOverStep(long epochSeconds, long counter) {
        assertThat(hotp6.counterAt(Instant.ofEpochSecond(epochSeconds, 999_999_999))).isEqualTo(counter);
        assertThat(hotp6.stepStart(counter)).isBeforeOrEqualTo(Instant.ofEpochSecond(epochSeconds));
    }
}
