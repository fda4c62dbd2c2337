package dev.lanyard.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path, query and header canonicalization beyond what the AWS suite covers. */
class CanonicalizationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "''|/",
        "/a/b|/a/b",
        "/a/./b|/a/b",
        "/a/../b|/b",
        "/../../a|/a",
        "//a//b//|/a/b/",
        "/a/b/..|/a",
        "/a/b/../|/a/",
        "/a/.|/a",
        "/.hidden/..x|/.hidden/..x",
        "/%2E%2E/a|/%2E%2E/a",
        "a/b|a/b",
    })
    void removesDotSegmentsLikeBotocore(String path, String normalized) {
        assertThat(PathCanonicalizer.removeDotSegments(path)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|true|/",
        "''|false|/",
        "/a b/c|true|/a%20b/c",
        "/%E1%88%B4|true|/%25E1%2588%25B4",
        "/ሴ|true|/%E1%88%B4",
        "/a+b=c&d|true|/a%2Bb%3Dc%26d",
        "/-._~|true|/-._~",
        "/😀|true|/%F0%9F%98%80",
        "/a/../b|false|/a/../b",
    })
    void encodesThePathOnceMore(String rawPath, boolean normalize, String canonical) {
        assertThat(PathCanonicalizer.canonicalPath(rawPath, normalize)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|''",
        "a=1|a=1",
        "b=2&a=1|a=1&b=2",
        "a=2&a=1&a=10|a=1&a=10&a=2",
        "Param-3=v&Param=v|Param=v&Param-3=v",
        "a=x+y|a=x%20y",
        "a=x%20y|a=x%20y",
        "a=x%2By|a=x%2By",
        "a=%7e%41|a=~A",
        "a=%zz&b=%4|a=%25zz&b=%254",
        "a=%FF|a=%FF",
        "flag|flag=",
        "=v|=v",
        "a=1&&b=2&|a=1&b=2",
        "a=b=c|a=b%3Dc",
        "a=ሴ|a=%E1%88%B4",
        "X-Amz-Signature=abc&a=1|a=1",
        "X-Amz-Security-Token=t&a=1|X-Amz-Security-Token=t&a=1",
    })
    void canonicalizesQueries(String rawQuery, String canonical) {
        assertThat(QueryCanonicalizer.canonicalQuery(rawQuery, false)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Amz-Security-Token=t&a=1|a=1",
        "X-Amz-Security-Token=t|''",
    })
    void canLeaveOutAnUnsignedToken(String rawQuery, String canonical) {
        assertThat(QueryCanonicalizer.canonicalQuery(rawQuery, true)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a|a",
        "'  a  '|a",
        "'a   b'|a b",
        "'a\t \tb'|a b",
        "'\"a   b   c\"'|\"a b c\"",
        "''|''",
        "'   '|''",
    })
    void trimsAndCollapsesHeaderValues(String value, String canonical) {
        StringBuilder out = new StringBuilder();
        HeaderCanonicalizer.appendTrimmedCollapsed(out, value);
        assertThat(out.toString()).isEqualTo(canonical);
    }

    /** Already-canonical values take a shortcut; both paths must agree with botocore's ' '.join(value.split()). */
    @org.junit.jupiter.api.Test
    void trimmingAgreesWithSplitAndJoinOnRandomValues() {
        char[] alphabet = {' ', ' ', ' ', '\t', '\n', '\r', '\f', 0x0b, 0, 1, 0x1f, 'a', 'b', '=', '\u00e9', '\u3000'};
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(8)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(chars);
            StringBuilder out = new StringBuilder();
            HeaderCanonicalizer.appendTrimmedCollapsed(out, value);
            String reference = String.join(" ", java.util.Arrays.stream(value.split("[ \t\n\r\f\u000b]+"))
                    .filter(part -> !part.isEmpty()).toList());
            assertThat(out.toString()).as("value %s", java.util.Arrays.toString(chars)).isEqualTo(reference);
        }
    }

    @org.junit.jupiter.api.Test
    void signedHeaderNamesLowerCaseAsLocaleRootDoes() {
        char[] alphabet = {'a', 'z', 'A', 'Z', '-', '0', ':', '\u00c9', '\u00e9', '\u0130', '\u00df', '\u212a'};
        java.util.SplittableRandom random = new java.util.SplittableRandom(29);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(6)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String name = new String(chars);
            assertThat(SignedHeaderList.lowerCase(name)).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @org.junit.jupiter.api.Test
    void joinsRepeatedHeadersInOrder() {
        StringBuilder out = new StringBuilder();
        HeaderCanonicalizer.appendValues(out, List.of(" b ", "a", "c  d"));
        assertThat(out.toString()).isEqualTo("b,a,c d");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a+b|a b",
        "a%20b|a b",
        "%E1%88%B4|ሴ",
        "%zz|%zz",
        "100%|100%",
        "plain|plain",
        "a%2Fb%2fc|a/b/c",
    })
    void decodesQueryComponents(String raw, String decoded) {
        assertThat(UriEncoding.decode(raw, 0, raw.length())).isEqualTo(decoded);
    }
}
