package dev.lanyard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "'',           '',            true",
            "'',           a,             false",
            "*,            '',            true",
            "*,            anything,      true",
            "a*,           a,             true",
            "a*,           ba,            false",
            "*a,           ba,            true",
            "a*b,          ab,            true",
            "a*b,          axxb,          true",
            "a*b,          axxbc,         false",
            "a*b*c,        abbbcbc,       true",
            "a*b*c,        acb,           false",
            "?,            x,             true",
            "?,            '',            false",
            "a?c,          abc,           true",
            "a?c,          ac,            false",
            "*?,           '',            false",
            "*?,           x,             true",
            "a**b,         ab,            true",
            "*ab*ab*,      xabyabz,       true",
            "*ab*ab*,      xabz,          false",
            "*aab,         aaab,          true",
            "abab*abac,    ababxabac,     true",
            "*abac,        ababac,        true",
            "*a?c*,        xxabcxx,       true",
            "*a?c*,        xxacxx,        false",
    })
    void matchesLikeAShellGlob(String pattern, String text, boolean expected) {
        assertThat(Glob.compile(pattern, false).matches(text)).isEqualTo(expected);
    }

    @Test
    void caseInsensitiveMode() {
        Glob glob = Glob.compile("Get*Object", true);
        assertThat(glob.matches("getobject")).isTrue();
        assertThat(glob.matches("GETBUCKETOBJECT")).isTrue();
        assertThat(Glob.compile("Get*Object", false).matches("getobject")).isFalse();
    }

    @Test
    void literalTextIsNeverAWildcard() {
        Glob glob = new GlobBuilder().pattern("home/").literal("a*b?").pattern("/*").build(false);
        assertThat(glob.matches("home/a*b?/x")).isTrue();
        assertThat(glob.matches("home/axxbz/x")).isFalse();
        assertThat(Glob.literal("*", false).matches("anything")).isFalse();
        assertThat(Glob.literal("*", false).matches("*")).isTrue();
    }

    @Test
    void matchesARegionOfTheText() {
        assertThat(Glob.compile("Get*", true).matches("s3:GetObject", 3, 12)).isTrue();
        assertThat(Glob.compile("Get*", true).matches("s3:GetObject", 2, 12)).isFalse();
    }

    @Test
    void colonRestrictedWildcardsUseTheNfa() {
        Glob glob = new GlobBuilder().literal("a").star(false).literal(":b").star(true).build(false);
        assertThat(glob.matches("axx:byy")).isTrue();
        assertThat(glob.matches("ax:x:byy")).isFalse();
        assertThat(glob.matches("a:b:c:d")).isTrue();
        Glob single = new GlobBuilder().literal("a").single(false).literal("b").build(false);
        assertThat(single.matches("axb")).isTrue();
        assertThat(single.matches("a:b")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 20_000, 200_000})
    void pathologicalPatternsStayLinear(int length) {
        // Backtracking matchers take exponential (or quadratic per star) time on these; ours scans once.
        String pattern = "*a".repeat(60) + "*b";
        String text = "a".repeat(length);
        assertThat(Glob.compile(pattern, false).matches(text)).isFalse();
        assertThat(Glob.compile(pattern, false).matches(text + "b")).isTrue();
        assertThat(Glob.compile("*" + "a".repeat(50) + "b", false).matches(text)).isFalse();
        Glob restricted = new GlobBuilder().pattern("*a*a*a*a*a*a").star(false).literal("b").build(false);
        assertThat(restricted.matches(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithARegexOnRandomInput(long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int i = 0; i < 2_000; i++) {
            String pattern = randomText(random, "ab*?", 6);
            String text = randomText(random, "ab", 8);
            boolean expected = Pattern.matches(toRegex(pattern), text);
            assertThat(Glob.compile(pattern, false).matches(text)).as("%s ~ %s", pattern, text).isEqualTo(expected);
        }
    }

    private static String randomText(RandomGenerator random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return regex.toString();
    }
}
