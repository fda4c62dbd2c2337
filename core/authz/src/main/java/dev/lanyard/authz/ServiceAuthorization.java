package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * AWS's Service Authorization Reference for IAM and STS (the resource {@code service-authorization.txt}): for every
 * action, its resource types and the condition keys its request context carries. It is the one answer to "which keys
 * does this action set", so a key is neither forgotten for an action that carries it nor set for one that does not.
 */
public final class ServiceAuthorization {
    private static final String RESOURCE = "service-authorization.txt";

    private final Map<String, ActionAuthorization> actions;

    private ServiceAuthorization(Map<String, ActionAuthorization> actions) {
        this.actions = Map.copyOf(actions);
    }

    /** How a condition key's values compare and whether it holds several (the reference's "type" column). */
    public enum ConditionKeyType {
        STRING, ARN, NUMERIC, BOOL, DATE, ARRAY_OF_STRING, ARRAY_OF_ARN;

        /** The type as the reference and operators' service catalogues write it ({@code String}, {@code ArrayOfARN}). */
        public static ConditionKeyType of(String text) {
            return switch (text) {
                case "String" -> STRING;
                case "ARN" -> ARN;
                case "Numeric" -> NUMERIC;
                case "Bool" -> BOOL;
                case "Date" -> DATE;
                case "ArrayOfString" -> ARRAY_OF_STRING;
                case "ArrayOfARN" -> ARRAY_OF_ARN;
                default -> throw new IllegalStateException("unknown condition key type " + text);
            };
        }

        public boolean multivalued() {
            return switch (this) {
                case ARRAY_OF_STRING, ARRAY_OF_ARN -> true;
                case STRING, ARN, NUMERIC, BOOL, DATE -> false;
            };
        }
    }

    /** A resource type an action names; the action must be authorized on it when it is required. */
    public record ResourceType(String name, boolean required) {
        public ResourceType {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * One row of the reference: the action ({@code iam:AttachUserPolicy}), its resource types, and every condition
     * key its request context carries with the key's type, as the reference writes them ({@code aws:RequestTag/${TagKey}}).
     */
    public record ActionAuthorization(String action, List<ResourceType> resourceTypes,
            Map<String, ConditionKeyType> conditionKeys) {
        public ActionAuthorization {
            requireNonNull(action, "action is null");
            resourceTypes = List.copyOf(resourceTypes);
            conditionKeys = Map.copyOf(conditionKeys);
        }

        /** Whether the request context of this action carries {@code key} (a concrete key, case-insensitive). */
        public boolean carries(String key) {
            return conditionKeys.keySet().stream().anyMatch(pattern -> KeyPattern.matches(pattern, key));
        }
    }

    public static ServiceAuthorization load() {
        try (InputStream in = ServiceAuthorization.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceAuthorization parse(List<String> lines) {
        Map<String, ConditionKeyType> keyTypes = new HashMap<>();
        Map<String, Set<String>> resourceKeys = new HashMap<>();
        List<String[]> actionRows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split(" +");
            switch (fields[0]) {
                case "key" -> {
                    ConditionKeyType type = ConditionKeyType.of(fields[2]);
                    ConditionKeyType previous = keyTypes.putIfAbsent(lower(fields[1]), type);
                    if (previous != null && previous != type) {
                        throw new IllegalStateException("condition key " + fields[1] + " has two types");
                    }
                }
                case "resource" -> resourceKeys.put(lower(fields[1]),
                        new LinkedHashSet<>(List.of(fields).subList(2, fields.length)));
                case "action" -> actionRows.add(fields);
                default -> throw new IllegalStateException("unexpected line in " + RESOURCE + ": " + line);
            }
        }
        Map<String, ActionAuthorization> actions = new HashMap<>();
        for (String[] fields : actionRows) {
            String action = fields[1];
            String service = action.substring(0, action.indexOf(':'));
            List<ResourceType> types = resourceTypes(fields[2]);
            Set<String> keys = new LinkedHashSet<>(List.of(fields).subList(3, fields.length));
            for (ResourceType type : types) {
                Set<String> inherited = resourceKeys.get(lower(service + ":" + type.name()));
                if (inherited == null) {
                    throw new IllegalStateException(action + " names the unknown resource type " + type.name());
                }
                keys.addAll(inherited);
            }
            Map<String, ConditionKeyType> typed = new HashMap<>();
            keys.forEach(key -> typed.put(key, Optional.ofNullable(keyTypes.get(lower(key))).orElseThrow(
                    () -> new IllegalStateException(action + " names the condition key " + key + " without a type"))));
            actions.put(lower(action), new ActionAuthorization(action, types, typed));
        }
        return new ServiceAuthorization(actions);
    }

    private static List<ResourceType> resourceTypes(String field) {
        if (field.equals("-")) {
            return List.of();
        }
        return List.of(field.split(",")).stream()
                .map(t -> t.endsWith("*") ? new ResourceType(t.substring(0, t.length() - 1), true)
                        : new ResourceType(t, false))
                .toList();
    }

    /** The row of {@code action} ({@code service:Action}, case-insensitive), if the reference lists it. */
    public Optional<ActionAuthorization> action(String action) {
        return Optional.ofNullable(actions.get(lower(action)));
    }

    /** The row of an action Lanyard authorizes: a missing row is a defect, not a request error. */
    public ActionAuthorization require(String action) {
        return action(action).orElseThrow(() -> new IllegalStateException(action
                + " has no row in " + RESOURCE + ": add it from the Service Authorization Reference"));
    }

    /** Refuses to start a registry of operations of which some are missing from the reference. */
    public void requireRows(String service, Collection<String> operations) {
        Set<String> missing = new TreeSet<>();
        operations.forEach(op -> {
            if (action(service + ":" + op).isEmpty()) {
                missing.add(service + ":" + op);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("operations without a row in " + RESOURCE + ": " + missing);
        }
    }

    public List<ActionAuthorization> actions(String service) {
        String prefix = lower(service) + ":";
        return actions.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(ActionAuthorization::action)).toList();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Key patterns hold placeholders such as {@code ${TagKey}}, each standing for one or more characters. */
    static final class KeyPattern {
        private KeyPattern() {}

        static boolean matches(String pattern, String key) {
            return matches(lower(pattern), 0, lower(key), 0);
        }

        private static boolean matches(String pattern, int p, String key, int k) {
            int placeholder = pattern.indexOf("${", p);
            if (placeholder < 0) {
                return pattern.length() - p == key.length() - k && pattern.regionMatches(p, key, k, pattern.length() - p);
            }
            int literal = placeholder - p;
            if (!pattern.regionMatches(p, key, k, literal)) {
                return false;
            }
            int end = pattern.indexOf('}', placeholder);
            if (end < 0) {
                throw new IllegalStateException("unterminated placeholder in condition key " + pattern);
            }
            int next = end + 1;
            for (int taken = k + literal + 1; taken <= key.length(); taken++) {
                if (matches(pattern, next, key, taken)) {
                    return true;
                }
            }
            return false;
        }
    }
}
