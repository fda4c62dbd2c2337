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

    /**
     * The form with kept characters and a lone-surrogate choice writes, byte for byte, what the two loops it replaced
     * wrote (the key URI's, keeping '@' and ':' and writing '?' for a lone surrogate as {@link String#getBytes} does;
     * the policy document's, writing U+FFFD), and what the request path's encoder writes for the same choices.
     */
    @Test
    void keptCharactersAndLoneSurrogatesAreWrittenAsTheFormerLoopsWroteThem() {
        SplittableRandom random = new SplittableRandom(17);
        int[] specials = {'@', ':', '/', '+', '%', ' ', '~', 0xE9, 0x20AC, 0xD800, 0xDBFF, 0xDC00, 0xDFFF};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                switch (random.nextInt(4)) {
                    case 0 -> text.append((char) random.nextInt(0x80));
                    case 1 -> text.append((char) specials[random.nextInt(specials.length)]);
                    case 2 -> text.appendCodePoint(random.nextInt(0x10000, 0x10ffff));
                    default -> text.append((char) random.nextInt(0x80, 0x10000));
                }
            }
            String s = text.toString();
            assertThat(PercentEncoding.encode(s, "@:", PercentEncoding.LoneSurrogate.QUESTION_MARK)).as(s)
                    .isEqualTo(formerKeyUriLoop(s, "@:"));
            assertThat(PercentEncoding.encode(s, "", PercentEncoding.LoneSurrogate.REPLACEMENT_CHARACTER)).as(s)
                    .isEqualTo(formerKeyUriLoop(lonesReplaced(s), ""));
            assertThat(PercentEncoding.encode(s, "", PercentEncoding.LoneSurrogate.QUESTION_MARK)).as(s)
                    .isEqualTo(PercentEncoding.encode(s, false));
            assertThat(PercentEncoding.encode(s, "/", PercentEncoding.LoneSurrogate.QUESTION_MARK)).as(s)
                    .isEqualTo(PercentEncoding.encode(s, true));
        }
        assertThat(PercentEncoding.encode("a\uD800b\uDC00", "", PercentEncoding.LoneSurrogate.QUESTION_MARK))
                .isEqualTo("a%3Fb%3F");
        assertThat(PercentEncoding.encode("\uD800", "", PercentEncoding.LoneSurrogate.REPLACEMENT_CHARACTER))
                .isEqualTo("%EF%BF%BD");
    }

    /** The key URI's loop as it was: every UTF-8 byte of {@link String#getBytes}, unreserved or kept bytes as is. */
    private static String formerKeyUriLoop(String text, String kept) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved || (c < 0x80 && kept.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** The policy document loop read a lone surrogate as U+FFFD. */
    private static String lonesReplaced(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp) ? 0xFFFD : cp);
        }
        return out.toString();
    }
}
