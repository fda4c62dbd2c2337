package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary connection bytes in arbitrary chunks: the rewriter never fails, hands on exactly the bytes it got
 * (whatever the chunking), and changes them only by rewriting a first line that ends in " HTTP/1.0\r\n". In
 * {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Http10RequestsFuzzTest {
    private static final String HTTP_10 = " HTTP/1.0\r\n";

    @FuzzTest(maxDuration = "60s")
    void rewritesOnlyAnHttp10FirstLine(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(1, 256);
        List<String> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            chunks.add(data.consumeString(data.consumeInt(1, 64)));
        }
        // One char per byte, as the connection delivers them.
        List<String> bytes = chunks.stream().filter(c -> !c.isEmpty())
                .map(c -> new String(c.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)).toList();
        String joined = String.join("", bytes);
        String output = Http10RequestsTest.through(bytes, maxLine);
        int lineFeed = joined.indexOf('\n');
        boolean rewritten = lineFeed >= 0 && lineFeed < maxLine
                && joined.substring(0, lineFeed + 1).endsWith(HTTP_10);
        String expected = rewritten
                ? joined.substring(0, lineFeed + 1 - HTTP_10.length()) + " HTTP/1.1\r\nConnection: close\r\n"
                        + joined.substring(lineFeed + 1)
                : joined;
        assertThat(output).as(joined).isEqualTo(expected);
    }
}
