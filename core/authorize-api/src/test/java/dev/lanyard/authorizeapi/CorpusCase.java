package dev.lanyard.authorizeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A case of the policy corpus ({@code lib/policy/src/test/resources/dev/lanyard/policy/corpus}, the files
 * {@code PolicyCorpusTest} runs through the Authorizer), read as data and renamed for a custom service: an action of
 * Lanyard's own services ({@code s3}, {@code iam}, {@code sts}) cannot be declared in a catalogue, so its prefix
 * becomes {@code <prefix>-corpus} in the request, in the policies' actions and resource ARNs and in the service's own
 * condition keys. The renaming is only taken where it cannot change which statements match (see
 * {@link #renamingKeepsMatches}).
 */
record CorpusCase(String file, String name, JsonNode node) {
    static final Path DIRECTORY = Path.of("..", "..", "lib", "policy", "src", "test", "resources", "dev", "lanyard",
            "policy", "corpus");
    static final Set<String> RESERVED = ServiceCatalogue.RESERVED_PREFIXES;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^},]+)");

    static List<Path> files() {
        Path directory = DIRECTORY.toAbsolutePath().normalize();
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the policy corpus is not at " + directory, e);
        }
    }

    static List<CorpusCase> read(Path file) {
        try {
            List<CorpusCase> cases = new ArrayList<>();
            JSON.readTree(file.toFile()).get("cases").forEach(c -> cases.add(new CorpusCase(
                    file.getFileName().toString(), c.get("name").asText(), c)));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }

    String action() {
        return node.at("/request/action").asText();
    }

    String prefix() {
        String action = action();
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** The prefix the service is declared under: the case's own, or {@code <prefix>-corpus} for Lanyard's. */
    String servicePrefix() {
        return RESERVED.contains(prefix()) ? prefix() + "-corpus" : prefix();
    }

    String renamedAction() {
        return servicePrefix() + action().substring(prefix().length());
    }

    String resource() {
        return node.at("/request/resource").asText();
    }

    String renamedResource() {
        return renameArn(resource());
    }

    /** The caller preset or object, {@code user} when absent. */
    JsonNode caller() {
        return node.has("caller") ? node.get("caller") : TextNode.valueOf("user");
    }

    String expect() {
        return node.get("expect").asText();
    }

    Optional<Set<String>> deciding() {
        if (!node.has("deciding")) {
            return Optional.empty();
        }
        Set<String> labels = new LinkedHashSet<>();
        node.get("deciding").forEach(label -> labels.add(label.asText()));
        return Optional.of(labels);
    }

    List<JsonNode> identity() {
        List<JsonNode> policies = new ArrayList<>();
        node.path("identity").forEach(policies::add);
        return policies;
    }

    Optional<JsonNode> boundary() {
        return Optional.ofNullable(node.get("boundary"));
    }

    Optional<JsonNode> resourcePolicy() {
        return Optional.ofNullable(node.get("resourcePolicy"));
    }

    JsonNode session() {
        return node.path("session");
    }

    JsonNode request() {
        return node.get("request");
    }

    /** The context the case gives, each key a list of values (a string is one value). */
    Map<String, List<String>> context() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        request().path("context").properties().forEach(e -> context.put(e.getKey(), values(e.getValue())));
        return context;
    }

    boolean multivalued(String key) {
        return request().path("context").get(key).isArray();
    }

    private static List<String> values(JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.asText());
        }
        return values;
    }

    /** Every policy of the case as JSON text, renamed. */
    String policyText(JsonNode spec) {
        return renamePolicy(document(spec)).toString();
    }

    /** The condition keys the case's policies read: under each condition operator, and as policy variables. */
    Set<String> keysRead() {
        Set<String> keys = new LinkedHashSet<>();
        Stream.of(identity().stream(), boundary().stream(), resourcePolicy().stream(), sessionPolicies().stream())
                .flatMap(s -> s).map(CorpusCase::document).forEach(document -> {
                    statements(document).forEach(statement -> statement.path("Condition").properties()
                            .forEach(operator -> operator.getValue().fieldNames().forEachRemaining(keys::add)));
                    Matcher variables = VARIABLE.matcher(document.toString());
                    while (variables.find()) {
                        keys.add(variables.group(1).strip());
                    }
                });
        return keys;
    }

    List<JsonNode> sessionPolicies() {
        List<JsonNode> policies = new ArrayList<>();
        if (session().isArray()) {
            session().forEach(policies::add);
        }
        return policies;
    }

    /**
     * Whether each Action, NotAction, Resource and NotResource pattern of the case matches the renamed request
     * exactly when it matched the original one (a pattern like {@code s*:Get*} could stop or start matching).
     */
    Optional<String> renamingKeepsMatches() {
        for (JsonNode spec : allPolicies()) {
            for (JsonNode statement : statements(document(spec))) {
                for (String element : List.of("Action", "NotAction")) {
                    for (String pattern : texts(statement.get(element))) {
                        if (Glob.matches(pattern, action(), true) != Glob.matches(renameAction(pattern),
                                renamedAction(), true)) {
                            return Optional.of(element + " '" + pattern + "' matches " + action() + " and "
                                    + renamedAction() + " differently");
                        }
                    }
                }
                for (String element : List.of("Resource", "NotResource")) {
                    for (String pattern : texts(statement.get(element))) {
                        if (!pattern.contains("${") && Glob.matches(pattern, resource(), false) != Glob.matches(
                                renameArn(pattern), renamedResource(), false)) {
                            return Optional.of(element + " '" + pattern + "' matches " + resource() + " and "
                                    + renamedResource() + " differently");
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> allPolicies() {
        List<JsonNode> all = new ArrayList<>(identity());
        boundary().ifPresent(all::add);
        resourcePolicy().ifPresent(all::add);
        all.addAll(sessionPolicies());
        return all;
    }

    /** The renamed key: {@code s3:prefix} becomes {@code s3-corpus:prefix}; others stay. */
    String renameKey(String key) {
        if (!prefix().equals(servicePrefix()) && key.toLowerCase(Locale.ROOT).startsWith(prefix() + ":")) {
            return servicePrefix() + key.substring(prefix().length());
        }
        return key;
    }

    private String renameAction(String pattern) {
        return renameKey(pattern);
    }

    private String renameArn(String arn) {
        if (prefix().equals(servicePrefix())) {
            return arn;
        }
        String[] fields = arn.split(":", 4);
        if (fields.length == 4 && fields[0].equals("arn") && fields[2].equals(prefix())) {
            return fields[0] + ":" + fields[1] + ":" + servicePrefix() + ":" + fields[3];
        }
        return arn;
    }

    private JsonNode renamePolicy(JsonNode document) {
        JsonNode copy = document.deepCopy();
        for (JsonNode statement : statements(copy)) {
            ObjectNode object = (ObjectNode) statement;
            for (String element : List.of("Action", "NotAction")) {
                rewrite(object, element, this::renameAction);
            }
            for (String element : List.of("Resource", "NotResource")) {
                rewrite(object, element, this::renameArn);
            }
            if (object.has("Condition")) {
                ObjectNode renamed = JSON.createObjectNode();
                object.get("Condition").properties().forEach(operator -> {
                    ObjectNode keys = renamed.putObject(operator.getKey());
                    operator.getValue().properties().forEach(k -> keys.set(renameKey(k.getKey()), k.getValue()));
                });
                object.set("Condition", renamed);
            }
        }
        return copy;
    }

    private static void rewrite(ObjectNode statement, String element, java.util.function.UnaryOperator<String> how) {
        JsonNode value = statement.get(element);
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            statement.put(element, how.apply(value.asText()));
        } else if (value.isArray()) {
            ArrayNode renamed = statement.putArray(element);
            value.forEach(v -> renamed.add(v.isTextual() ? TextNode.valueOf(how.apply(v.asText())) : v));
        }
    }

    /** A policy as the corpus writes it: verbatim {@code text}, a {@code document}, or statements under 2012-10-17. */
    static JsonNode document(JsonNode spec) {
        try {
            if (spec.has("text")) {
                return JSON.readTree(spec.get("text").asText());
            }
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
        if (spec.has("document")) {
            return spec.get("document");
        }
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        document.set("Statement", spec.has("statement") ? spec.get("statement") : spec.get("statements"));
        return document;
    }

    private static List<JsonNode> statements(JsonNode document) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(s -> {
                if (s.isObject()) {
                    statements.add(s);
                }
            });
        } else if (statement.isObject()) {
            statements.add(statement);
        }
        return statements;
    }

    private static List<String> texts(JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value != null && value.isTextual()) {
            texts.add(value.asText());
        } else if (value != null && value.isArray()) {
            value.forEach(v -> texts.add(v.asText()));
        }
        return texts;
    }

    /** IAM's wildcards: {@code *} any run, {@code ?} one character. */
    static final class Glob {
        private Glob() {
        }

        /** Linear time (the corpus has patterns that make a backtracking regex explode). */
        static boolean matches(String pattern, String value, boolean ignoreCase) {
            String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
            String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            int pi = 0;
            int vi = 0;
            int star = -1;
            int resume = 0;
            while (vi < v.length()) {
                if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                    pi++;
                    vi++;
                } else if (pi < p.length() && p.charAt(pi) == '*') {
                    star = pi++;
                    resume = vi;
                } else if (star >= 0) {
                    pi = star + 1;
                    vi = ++resume;
                } else {
                    return false;
                }
            }
            while (pi < p.length() && p.charAt(pi) == '*') {
                pi++;
            }
            return pi == p.length();
        }
    }
}
