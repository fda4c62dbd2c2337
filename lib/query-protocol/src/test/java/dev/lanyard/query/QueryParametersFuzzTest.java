package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.AwsException;
import java.util.List;

/**
 * Arbitrary URL query and form body: only {@link AwsException} may escape {@link QueryParameters#decode} or the typed
 * readers, and whatever decodes must re-encode to the same parameters. In {@code mvn test} only the seeds under test
 * resources run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class QueryParametersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeArbitraryInput(FuzzedDataProvider data) {
        String query = data.consumeString(512);
        byte[] body = data.consumeRemainingAsBytes();
        QueryParameters params;
        try {
            params = QueryParameters.decode(query, body);
        } catch (AwsException expected) {
            return;
        }
        assertThat(params.names().size()).isLessThanOrEqualTo(QueryParameters.MAX_PARAMETERS);
        for (String name : List.copyOf(params.names())) {
            int dot = name.indexOf('.');
            readEverything(params, dot < 0 ? name : name.substring(0, dot));
        }
        String reencoded = reencode(params);
        assertThat(QueryParameters.decode("", reencoded.getBytes(UTF_8)).asMap()).isEqualTo(params.asMap());
    }

    private static void readEverything(QueryParameters params, String name) {
        attempt(() -> params.list(name));
        attempt(() -> params.structList(name));
        attempt(() -> params.struct(name));
        attempt(() -> params.map(name));
        attempt(() -> params.integer(name));
        attempt(() -> params.bool(name));
        attempt(() -> params.required(name));
    }

    private static void attempt(java.util.function.Supplier<?> read) {
        try {
            assertThat(read.get()).isNotNull();
        } catch (AwsException expected) {
            // a documented rejection
        }
    }

    private static String reencode(QueryParameters params) {
        StringBuilder sb = new StringBuilder();
        params.asMap().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&")
                .append(PolicyDocumentEncoding.encode(k)).append('=').append(PolicyDocumentEncoding.encode(v)));
        return sb.toString();
    }
}
