package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cross-check against oathtool (OATH Toolkit, Debian package {@code oathtool}), an independent implementation.
 * Fails, never skips, when oathtool is missing: CI installs it.
 */
class OathtoolCrossCheckTest {
    /** Seconds up to 2100-01-01: well past 2038, where a 32-bit time_t would break. */
    private static final long LATEST = 4_102_444_800L;

    @Test
    void awsParametersAgreeWithOathtoolFor200SeededSeedsAndTimes() {
        SplittableRandom random = new SplittableRandom(6238);
        Totp totp = new Totp(TotpParameters.AWS);
        for (int i = 0; i < 200; i++) {
            TotpSeed seed = TotpSeed.generate(Fixtures.seededSecureRandom(random.nextLong()));
            long epoch = random.nextLong(0, LATEST);
            String expected = oathtool("--totp", "-b", "-N", "@" + epoch, seed.toBase32());
            assertThat(totp.codeAt(seed, Instant.ofEpochSecond(epoch)))
                    .as("seed #%d at @%d", i, epoch)
                    .isEqualTo(expected);
        }
    }

    @Test
    void otherAlgorithmsDigitsStepsAndSeedLengthsAgreeWithOathtool() {
        SplittableRandom random = new SplittableRandom(4226);
        String[] algorithms = {"HmacSHA1", "HmacSHA256", "HmacSHA512"};
        for (int i = 0; i < 60; i++) {
            TotpParameters parameters = new TotpParameters(random.nextInt(6, 9),
                    Duration.ofSeconds(random.nextInt(1, 121)), algorithms[i % 3]);
            byte[] key = new byte[random.nextInt(TotpSeed.MIN_LENGTH, 65)];
            random.nextBytes(key);
            TotpSeed seed = TotpSeed.of(key);
            long epoch = random.nextLong(0, LATEST);
            String expected = oathtool("--totp=" + parameters.otpauthAlgorithm().toLowerCase(),
                    "-d", Integer.toString(parameters.digits()), "-s", parameters.step().getSeconds() + "s",
                    "-b", "-N", "@" + epoch, seed.toBase32());
            assertThat(new Totp(parameters).codeAt(seed, Instant.ofEpochSecond(epoch)))
                    .as("%s, %d-byte seed at @%d", parameters, key.length, epoch)
                    .isEqualTo(expected);
        }
    }

    private static String oathtool(String... arguments) {
        List<String> command = new ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail("oathtool failed: " + output);
            }
            return output;
        } catch (IOException e) {
            return fail("oathtool is required (apt-get install -y oathtool): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
