package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * {@link PolicyParser#parse} never throws, for any input and every kind; whatever parses also evaluates without
 * throwing. In a normal build this runs the seed inputs under src/test/resources (regression mode); set
 * JAZZER_FUZZ=1 to fuzz.
 */
class PolicyParserFuzzTest {
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    @FuzzTest(maxDuration = "30s")
    void parseNeverThrows(FuzzedDataProvider data) {
        String requestValue = data.consumeString(40);
        String json = data.consumeRemainingAsString();
        for (PolicyKind kind : PolicyKind.values()) {
            ParseResult result = PolicyParser.parse(json, kind);
            assertThat(result).isNotNull();
            if (result instanceof ParseResult.Valid valid) {
                evaluate(valid.document(), requestValue);
            }
        }
    }

    /** Arbitrary text in every element and operator, so the matchers (globs, IPs, dates, ARNs) see anything. */
    @FuzzTest(maxDuration = "30s")
    void evaluationNeverThrows(FuzzedDataProvider data) {
        BaseOperator[] operators = BaseOperator.values();
        String operator = data.pickValue(new String[] {"", "ForAllValues:", "ForAnyValue:"})
                + data.pickValue(operators).wireName() + (data.consumeBoolean() ? "IfExists" : "");
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + quote(data.consumeString(30)) + "},\"Action\":" + quote("s3:" + data.consumeString(20))
                + ",\"Resource\":" + quote("arn:aws:s3:::" + data.consumeString(30)) + ",\"Condition\":{"
                + quote(operator) + ":{\"k\":" + quote(data.consumeString(40)) + "}}}}";
        String requestValue = data.consumeRemainingAsString();
        ParseResult result = PolicyParser.parse(json, PolicyKind.RESOURCE);
        if (result instanceof ParseResult.Valid valid) {
            evaluate(valid.document(), requestValue);
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void evaluate(PolicyDocument document, String requestValue) {
        ContextKeys keys = ContextKeys.builder().put("k", requestValue).put("aws:username", requestValue)
                .put("aws:SourceIp", requestValue).put("aws:CurrentTime", requestValue).build();
        RequestContext context = new RequestContext("s3:" + requestValue, "arn:aws:s3:::b/" + requestValue,
                Optional.empty(), keys);
        LabeledPolicy policy = new LabeledPolicy(new PolicyRef(PolicySource.RESOURCE, "fuzz"), document);
        EVALUATOR.evaluate(java.util.List.of(policy), context);
        EVALUATOR.evaluateResourcePolicy(policy, context.withPrincipal(PrincipalMatchingTest.ROLE_SESSION));
    }
}
