package dev.lanyard.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.policy.ContextKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Requests as the gateway builds them after SigV4 verification, and a compact rendering of what the classifier makes
 * of them. Bucket {@code bkt} (and {@code src}) belong to account 111122223333, bucket {@code other} to 444455556666.
 */
final class Requests {
    static final String BASE_DOMAIN = "s3.example.test";
    static final S3Classifier CLASSIFIER = new S3Classifier(S3Addressing.virtualHostedUnder(BASE_DOMAIN),
            Partition.AWS);
    static final AccountId OWNER = new AccountId("111122223333");
    static final AccountId OTHER_OWNER = new AccountId("444455556666");
    static final BucketOwners OWNERS = bucket -> switch (bucket) {
        case "bkt", "src" -> Optional.of(OWNER);
        case "other" -> Optional.of(OTHER_OWNER);
        default -> Optional.empty();
    };
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    /** The keys every request in these tests carries (header-signed, unsigned payload, TLS 1.3, bucket owned). */
    static final Map<String, String> COMMON = Map.of("s3:authtype", "REST-HEADER", "s3:signatureversion",
            "AWS4-HMAC-SHA256", "s3:x-amz-content-sha256", UNSIGNED, "s3:tlsversion", "1.3", "s3:resourceaccount",
            OWNER.value());

    private Requests() {}

    /** A path-style request; {@code target} is path and query as on the wire. */
    static S3Request request(String method, String target, Map<String, String> headers) {
        return request(method, BASE_DOMAIN, target, headers);
    }

    static S3Request request(String method, String host, String target, Map<String, String> headers) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new S3Request(method, host, path, query, all, RequestSignature.header(UNSIGNED), Optional.of("1.3"));
    }

    static S3Classification classify(String method, String target) {
        return classify(method, target, Map.of());
    }

    static S3Classification classify(String method, String target, Map<String, String> headers) {
        return CLASSIFIER.classify(request(method, target, headers), OWNERS);
    }

    static List<S3Authorization> allOf(S3Classification classification) {
        assertThat(classification.required()).isInstanceOf(RequiredAuthorizations.AllOf.class);
        return ((RequiredAuthorizations.AllOf) classification.required()).authorizations();
    }

    /**
     * {@code action resource {key=value, ...}} with the keys every request carries left out when they have their
     * usual values (tested once, per action, elsewhere).
     */
    static String render(S3Authorization authorization) {
        Map<String, String> specific = new TreeMap<>();
        for (String key : authorization.keys().keys()) {
            String value = render(authorization.keys(), key);
            if (!value.equals(COMMON.get(key))) {
                specific.put(key, value);
            }
        }
        return authorization.action() + " " + authorization.resource() + (specific.isEmpty() ? "" : " " + specific);
    }

    static List<String> render(List<S3Authorization> authorizations) {
        List<String> rendered = new ArrayList<>();
        for (S3Authorization authorization : authorizations) {
            rendered.add(render(authorization));
        }
        return rendered;
    }

    private static String render(ContextKeys keys, String key) {
        List<String> values = keys.values(key).orElseThrow();
        return keys.isMultiValued(key) ? values.toString() : values.getFirst();
    }
}
