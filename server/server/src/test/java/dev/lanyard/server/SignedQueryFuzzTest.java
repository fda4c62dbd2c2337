package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.AwsException;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.sigv4.CanonicalRequest;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.SignedRequest;
import java.util.List;
import java.util.Map;

/**
 * The operation's parameters are a function of what the signature covers: whatever raw query decodes, its canonical
 * form (what SigV4 signs) decodes to the same parameters. So two query strings a signature cannot tell apart can never
 * mean two different things. In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SignedQueryFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parametersFollowTheCanonicalQuery(FuzzedDataProvider data) {
        String rawQuery = data.consumeRemainingAsString();
        QueryParameters decoded;
        String canonical;
        try {
            decoded = QueryParameters.decode(rawQuery, new byte[0]).without(SignedRequest.AUTHENTICATION_PARAMETERS);
            canonical = CanonicalRequest.of(new HttpRequestParts("GET", "/", rawQuery, Map.of()), List.of(), "-", true)
                    .split("\n", -1)[2];
        } catch (AwsException refused) {
            return;
        }
        QueryParameters fromCanonical = QueryParameters.decode(canonical, new byte[0])
                .without(SignedRequest.AUTHENTICATION_PARAMETERS);
        assertThat(fromCanonical.asMap()).as("%s -> %s", rawQuery, canonical).isEqualTo(decoded.asMap());
    }
}
