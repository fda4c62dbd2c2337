package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void parsesIamAndStsArns() {
        Arn role = Arn.parse("arn:aws:iam::123456789012:role/path/to/deployer").orElseThrow();
        assertThat(role.service()).isEqualTo("iam");
        assertThat(role.region()).isEmpty();
        assertThat(role.accountId()).contains(AccountId.of("123456789012"));
        assertThat(role.resourceType()).isEqualTo("role");
        assertThat(role.resourceName()).isEqualTo("deployer");
        Arn object = Arn.parse("arn:aws:s3:::bucket/a:b/c").orElseThrow();
        assertThat(object.resource()).isEqualTo("bucket/a:b/c");
        assertThat(object.accountId()).isEmpty();
    }

    @Test
    void rejectsWhatAwsCallsInvalid() {
        for (String bad : new String[] {"nothing-valid-in-here", "arn::b:::something/test-role",
                "arn:a::::something/test-role", "arn:a:::something/test-role", "arn:a:a::aaaaaaaaaa:", "", "arn:"}) {
            assertThat(Arn.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void formatThenParseIsIdentity() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_/:.*?";
        for (int i = 0; i < 2000; i++) {
            Arn arn = new Arn(word(random, "abc", 1), word(random, "iamstsqs", 1), word(random, "us-east-1", 0),
                    random.nextBoolean() ? AccountId.fromLong(random.nextLong(1_000_000_000_000L)).value() : "",
                    word(random, alphabet, 1));
            assertThat(Arn.parse(arn.toString())).contains(arn);
        }
    }

    private static String word(SplittableRandom random, String alphabet, int min) {
        int length = min + random.nextInt(12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
