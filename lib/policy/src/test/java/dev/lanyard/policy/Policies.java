package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import java.util.List;
import java.util.Optional;

/** Test helpers: parse documents that must be valid, build request contexts. */
final class Policies {
    static final AccountId ACCOUNT = AccountId.of("111122223333");
    static final AccountId OTHER_ACCOUNT = AccountId.of("444455556666");

    private Policies() {
    }

    static PolicyDocument parse(String json) {
        return parse(json, PolicyKind.INLINE);
    }

    static PolicyDocument parse(String json, PolicyKind kind) {
        ParseResult result = PolicyParser.parse(json, kind);
        assertThat(result).as(json).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).document();
    }

    /** A 2012-10-17 identity policy with the given statements (JSON objects). */
    static PolicyDocument policy(String... statements) {
        return parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    static LabeledPolicy labeled(PolicySource source, String name, PolicyDocument document) {
        return new LabeledPolicy(new PolicyRef(source, name), document);
    }

    static LabeledPolicy inline(String name, PolicyDocument document) {
        return labeled(PolicySource.USER_INLINE, name, document);
    }

    static RequestContext request(String action, String resource) {
        return new RequestContext(action, resource, Optional.empty(), ContextKeys.empty());
    }

    static RequestContext request(String action, String resource, ContextKeys keys) {
        return new RequestContext(action, resource, Optional.empty(), keys);
    }

    static ContextKeys keys(String... pairs) {
        ContextKeys.Builder builder = ContextKeys.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.put(pairs[i], pairs[i + 1]);
        }
        return builder.build();
    }

    static SetEffect evaluate(PolicyDocument document, RequestContext context) {
        return new PolicyEvaluator().evaluate(List.of(inline("p", document)), context).effect();
    }

    /** Whether a single Allow statement with the given JSON body (minus Effect) applies. */
    static boolean allows(String statementBody, RequestContext context) {
        PolicyDocument document = policy("{\"Effect\":\"Allow\"," + statementBody + "}");
        return evaluate(document, context) == SetEffect.ALLOW;
    }
}
