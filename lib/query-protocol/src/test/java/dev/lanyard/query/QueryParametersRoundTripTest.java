package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Property: decode(encode(params)) == params, for seeded random names and values and random encoder choices. */
class QueryParametersRoundTripTest {
    private static final String TRICKY = "+&=%. ~*'\"<>/?#;:@\t\n\r\u0000";
    private static final int[] UNICODE = {'é', 'ß', '€', 'Ω', 0x4E2D, 0x1F600, 0x10FFFF, 0xFFFD, 0xE000, 0x7F, 0x80};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decodeInvertsEncode(long seed) {
        Random random = new Random(seed);
        Map<String, String> params = new LinkedHashMap<>();
        int n = random.nextInt(40);
        while (params.size() < n) {
            params.putIfAbsent(randomText(random, 1), randomText(random, 0));
        }
        List<String> encodedPairs = new ArrayList<>();
        params.forEach((k, v) -> encodedPairs.add(encode(random, k) + "=" + encode(random, v)));

        int split = encodedPairs.isEmpty() ? 0 : random.nextInt(encodedPairs.size() + 1);
        String query = String.join("&", encodedPairs.subList(0, split));
        String body = String.join("&", encodedPairs.subList(split, encodedPairs.size()));
        QueryParameters decoded = QueryParameters.decode(query, body.getBytes(UTF_8));

        assertThat(decoded.asMap()).containsExactlyEntriesOf(params);
    }

    private static String randomText(Random random, int minLength) {
        int length = minLength + random.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
                case 1 -> sb.appendCodePoint(UNICODE[random.nextInt(UNICODE.length)]);
                case 2 -> sb.appendCodePoint(randomScalar(random));
                default -> sb.append((char) ('A' + random.nextInt(58)));
            }
        }
        return sb.toString();
    }

    private static int randomScalar(Random random) {
        while (true) {
            int cp = random.nextInt(0x110000);
            if (cp < 0xD800 || cp > 0xDFFF) {
                return cp;
            }
        }
    }

    /** Form-encodes like various clients do: spaces as '+' or %20, safe ASCII as-is or escaped, either hex case. */
    private static String encode(Random random, String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(UTF_8)) {
            int u = b & 0xFF;
            boolean safe = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                    || u == '-' || u == '_' || u == '.' || u == '~';
            if (u == ' ' && random.nextBoolean()) {
                sb.append('+');
            } else if (safe && random.nextInt(4) > 0) {
                sb.append((char) u);
            } else {
                String hex = String.format("%%%02X", u);
                sb.append(random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
