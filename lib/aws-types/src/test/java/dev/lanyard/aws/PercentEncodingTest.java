package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one RFC 3986 encoder: unreserved characters kept, every other UTF-8 byte as upper-case %XY. */
class PercentEncodingTest {
    @Test
    void unreservedCharactersStayAndEveryOtherByteIsEscaped() {
        assertThat(PercentEncoding.encode("AZaz09-_.~", false)).isEqualTo("AZaz09-_.~");
        assertThat(PercentEncoding.encode("a b+c/d*e%", false)).isEqualTo("a%20b%2Bc%2Fd%2Ae%25");
        assertThat(PercentEncoding.encode("a b/c", true)).isEqualTo("a%20b/c");
        assertThat(PercentEncoding.encode("é€😀", false)).isEqualTo("%C3%A9%E2%82%AC%F0%9F%98%80");
        assertThat(PercentEncoding.encode("", false)).isEmpty();
    }

    @Test
    void agreesWithTheJdksFormEncoderOnceItsDifferencesAreUndone() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x20, 0x7f)
                        : random.nextInt(4) == 0 ? random.nextInt(0x80, 0xd7ff) : random.nextInt(0x10000, 0x10ffff));
            }
            // URLEncoder is form encoding: '+' for a space, '*' kept, '~' escaped; RFC 3986 differs in those three.
            String form = URLEncoder.encode(text.toString(), StandardCharsets.UTF_8).replace("+", "%20")
                    .replace("*", "%2A").replace("%7E", "~");
            assertThat(PercentEncoding.encode(text.toString(), false)).as(text.toString()).isEqualTo(form);
        }
    }
}
