package dev.lanyard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the decision corpus in {@code src/test/resources/dev/lanyard/policy/corpus}: one JSON file per topic, each
 * {@code {"topic": ..., "cases": [...]}}. A case names its callers and policies compactly (see
 * {@link CorpusCallers}); its fields are checked strictly so that a typo fails loudly instead of silently
 * dropping a policy.
 */
final class PolicyCorpus {
    static final String DIRECTORY = "dev/lanyard/policy/corpus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CASE_FIELDS = Set.of("name", "source", "note", "caller", "identity", "boundary",
            "session", "resourcePolicy", "request", "expect", "deciding", "referenceSkip");
    private static final Set<String> REQUEST_FIELDS = Set.of("action", "resource", "context", "resourceAccount",
            "principalIsRoot", "resourcePolicyRequired");
    private static final Set<String> POLICY_FIELDS = Set.of("name", "source", "kind", "statements", "statement",
            "document", "text");

    /**
     * One corpus case, ready to run.
     *
     * @param deciding the expected determining statements as {@code policyName#Sid} (or {@code #index} for
     *     statements without a Sid); empty when the case does not pin them
     * @param referenceSkip why the test-source reference evaluator cannot judge this case, if it cannot
     */
    record Case(String file, String name, String source, AuthorizationRequest request, Outcome expected,
                Optional<Set<String>> deciding, Optional<String> referenceSkip) {
        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    private PolicyCorpus() {
    }

    static List<Path> files() {
        URL url = PolicyCorpus.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("corpus directory not on the test class path: " + DIRECTORY);
        }
        try (Stream<Path> listing = Files.list(Path.of(url.toURI()))) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + url, e);
        }
    }

    static List<Case> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String fileName = file.getFileName().toString();
        List<Case> cases = new ArrayList<>();
        for (JsonNode node : required(root, "cases", fileName)) {
            String name = text(node, "name", fileName);
            try {
                cases.add(readCase(fileName, name, node));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(fileName + ": case '" + name + "': " + e.getMessage(), e);
            }
        }
        return cases;
    }

    private static Case readCase(String file, String name, JsonNode node) {
        checkFields(node, CASE_FIELDS, "case");
        CorpusCallers.Caller caller = CorpusCallers.parse(node.path("caller"));
        JsonNode request = required(node, "request", name);
        checkFields(request, REQUEST_FIELDS, "request");
        List<LabeledPolicy> identity = new ArrayList<>();
        for (JsonNode spec : node.path("identity")) {
            identity.add(policy(spec, caller.identitySource()));
        }
        Optional<LabeledPolicy> boundary = optional(node, "boundary")
                .map(spec -> policy(spec, PolicySource.PERMISSIONS_BOUNDARY));
        Optional<LabeledPolicy> resource = optional(node, "resourcePolicy")
                .map(spec -> policy(spec, PolicySource.RESOURCE));
        boolean trust = resource.map(p -> p.ref().source() == PolicySource.TRUST).orElse(false);
        Optional<AccountId> resourceAccount = optional(request, "resourceAccount").map(n -> AccountId.of(n.asText()));
        RequestContext context = new RequestContext(text(request, "action", name), text(request, "resource", name),
                caller.identity(), context(request.path("context")));
        AuthorizationRequest authorization = AuthorizationRequest.builder().context(context)
                .principalAccount(caller.account(resourceAccount)).resourceAccount(resourceAccount)
                .principalIsRoot(flag(request, "principalIsRoot", caller.isRoot())).identityPolicies(identity)
                .permissionsBoundary(boundary).sessionPolicies(sessionPolicies(node.path("session")))
                .resourcePolicy(resource).resourcePolicyRequired(flag(request, "resourcePolicyRequired", trust))
                .build();
        Optional<Set<String>> deciding = optional(node, "deciding").map(PolicyCorpus::labels);
        return new Case(file, name, text(node, "source", name), authorization,
                Outcome.valueOf(text(node, "expect", name)), deciding,
                optional(node, "referenceSkip").map(JsonNode::asText));
    }

    /** {@code policyName#Sid}, or {@code policyName#index} for a statement without a (non-empty) Sid. */
    static String label(MatchedStatement statement) {
        String which = statement.sid().filter(s -> !s.isEmpty()).orElse(Integer.toString(statement.statementIndex()));
        return statement.policy().name() + "#" + which;
    }

    private static Set<String> labels(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode label : array) {
            out.add(label.asText());
        }
        return out;
    }

    private static SessionPolicies sessionPolicies(JsonNode node) {
        if (node.isMissingNode()) {
            return new SessionPolicies.None();
        }
        if (node.isTextual() && node.asText().equals("federated-without-policy")) {
            return new SessionPolicies.FederatedWithoutPolicy();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("session must be a non-empty array or \"federated-without-policy\"");
        }
        List<LabeledPolicy> policies = new ArrayList<>();
        for (JsonNode spec : node) {
            policies.add(policy(spec, PolicySource.SESSION_INLINE));
        }
        return new SessionPolicies.Passed(policies);
    }

    private static LabeledPolicy policy(JsonNode spec, PolicySource defaultSource) {
        checkFields(spec, POLICY_FIELDS, "policy");
        String name = text(spec, "name", "policy");
        PolicySource source = optional(spec, "source").map(n -> PolicySource.valueOf(n.asText())).orElse(defaultSource);
        PolicyKind kind = optional(spec, "kind").map(n -> PolicyKind.valueOf(n.asText())).orElse(kindFor(source));
        String json = documentText(spec);
        return switch (PolicyParser.parse(json, kind)) {
            case ParseResult.Valid valid -> new LabeledPolicy(new PolicyRef(source, name), valid.document());
            case ParseResult.Invalid invalid -> throw new IllegalArgumentException(
                    "policy " + name + " is not a valid " + kind + " policy: " + invalid.message() + "\n" + json);
        };
    }

    /** The API a policy of this source arrives through, which decides what the parser accepts. */
    private static PolicyKind kindFor(PolicySource source) {
        return switch (source) {
            case USER_INLINE, GROUP_INLINE, ROLE_INLINE, PERMISSIONS_BOUNDARY -> PolicyKind.INLINE;
            case CUSTOMER_MANAGED, AWS_MANAGED -> PolicyKind.MANAGED;
            case SESSION_INLINE, SESSION_MANAGED -> PolicyKind.SESSION;
            case TRUST -> PolicyKind.TRUST;
            case RESOURCE -> PolicyKind.RESOURCE;
        };
    }

    /** {@code text} verbatim, a whole {@code document}, or {@code statements}/{@code statement} under 2012-10-17. */
    private static String documentText(JsonNode spec) {
        if (spec.has("text")) {
            return spec.get("text").asText();
        }
        if (spec.has("document")) {
            return write(spec.get("document"));
        }
        ObjectNode document = JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        if (spec.has("statement")) {
            document.set("Statement", spec.get("statement"));
        } else {
            document.set("Statement", required(spec, "statements", "policy"));
        }
        return write(document);
    }

    /** A string is a single-valued key; an array a multivalued one. */
    private static ContextKeys context(JsonNode node) {
        ContextKeys.Builder keys = ContextKeys.builder();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(v -> values.add(scalar(v)));
                keys.putMulti(entry.getKey(), values);
            } else {
                keys.put(entry.getKey(), scalar(value));
            }
        }
        return keys.build();
    }

    private static String scalar(JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("context values are strings, numbers or booleans: " + value);
        }
        return value.asText();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String what) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException("unknown " + what + " field '" + field + "'");
            }
        });
    }

    private static boolean flag(JsonNode node, String field, boolean fallback) {
        return optional(node, field).map(JsonNode::asBoolean).orElse(fallback);
    }

    private static Optional<JsonNode> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        return optional(node, field)
                .orElseThrow(() -> new IllegalArgumentException(where + ": missing '" + field + "'"));
    }

    private static String text(JsonNode node, String field, String where) {
        return required(node, field, where).asText();
    }
}
