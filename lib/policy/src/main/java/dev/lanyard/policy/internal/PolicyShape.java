package dev.lanyard.policy.internal;

import dev.lanyard.policy.PrincipalEntry;
import dev.lanyard.policy.PrincipalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2 of IAM's validation order (iam-policy.md §1.4): element names, value types, Effect spelling (any case),
 * Version value, operator grammar. Any violation is "Syntax errors in policy."
 */
final class PolicyShape {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    /** Thrown on the first syntax violation; carries no stack trace since it is control flow. */
    static final class SyntaxError extends Exception {
        SyntaxError() {
            super("syntax error", null, false, false);
        }
    }

    private PolicyShape() {
    }

    static RawPolicy read(JsonValue root) throws SyntaxError {
        JsonValue.ObjectValue document = object(root);
        for (String key : document.members().keySet()) {
            require(TOP_LEVEL.contains(key));
        }
        Optional<String> version = optionalText(document, "Version");
        require(version.map(VERSIONS::contains).orElse(true));
        // The grammar notes say identity policies "must not" carry Id, yet IAM accepted one (createpolicy-valid-24).
        Optional<String> id = optionalText(document, "Id");
        JsonValue statementValue = document.members().get("Statement");
        require(statementValue != null);
        List<JsonValue> items = statementValue instanceof JsonValue.ArrayValue array ? array.items()
                : List.of(statementValue);
        require(!items.isEmpty());
        List<RawPolicy.Statement> statements = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            statements.add(statement(statements.size(), object(item)));
        }
        return new RawPolicy(version, id, List.copyOf(statements));
    }

    private static RawPolicy.Statement statement(int index, JsonValue.ObjectValue json) throws SyntaxError {
        Map<String, JsonValue> members = json.members();
        for (String key : members.keySet()) {
            require(STATEMENT_KEYS.contains(key));
        }
        Optional<String> effect = optionalText(json, "Effect");
        require(effect.isPresent()
                && (effect.get().equalsIgnoreCase("Allow") || effect.get().equalsIgnoreCase("Deny")));
        return new RawPolicy.Statement(index, optionalText(json, "Sid"), effect.get(),
                elements(json, "Action", "NotAction"), elements(json, "Resource", "NotResource"),
                principal(json), ConditionShape.read(members.get("Condition")), json.start(), json.end());
    }

    private static Optional<RawPolicy.Elements> elements(JsonValue.ObjectValue json, String positive,
                                                         String negative) throws SyntaxError {
        JsonValue plain = json.members().get(positive);
        JsonValue not = json.members().get(negative);
        require(plain == null || not == null);
        if (plain == null && not == null) {
            return Optional.empty();
        }
        JsonValue value = plain != null ? plain : not;
        return Optional.of(new RawPolicy.Elements(plain == null, value instanceof JsonValue.ArrayValue,
                stringOrStrings(value)));
    }

    private static Optional<RawPolicy.Principal> principal(JsonValue.ObjectValue json) throws SyntaxError {
        JsonValue plain = json.members().get("Principal");
        JsonValue not = json.members().get("NotPrincipal");
        require(plain == null || not == null);
        if (plain == null && not == null) {
            return Optional.empty();
        }
        JsonValue value = plain != null ? plain : not;
        if (value instanceof JsonValue.Text text) {
            require(text.value().equals("*"));
            return Optional.of(new RawPolicy.Principal(plain == null, List.of(new PrincipalEntry(PrincipalKind.AWS,
                    "*"))));
        }
        JsonValue.ObjectValue map = object(value);
        List<PrincipalEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : map.members().entrySet()) {
            Optional<PrincipalKind> kind = PrincipalKind.fromWireName(member.getKey());
            require(kind.isPresent());
            List<String> values = stringOrStrings(member.getValue());
            require(!values.isEmpty());
            for (String principalValue : values) {
                entries.add(new PrincipalEntry(kind.get(), principalValue));
            }
        }
        require(!entries.isEmpty());
        return Optional.of(new RawPolicy.Principal(plain == null, List.copyOf(entries)));
    }

    static List<String> stringOrStrings(JsonValue value) throws SyntaxError {
        if (value instanceof JsonValue.Text text) {
            return List.of(text.value());
        }
        require(value instanceof JsonValue.ArrayValue);
        List<String> out = new ArrayList<>();
        for (JsonValue item : ((JsonValue.ArrayValue) value).items()) {
            require(item instanceof JsonValue.Text);
            out.add(((JsonValue.Text) item).value());
        }
        return List.copyOf(out);
    }

    private static Optional<String> optionalText(JsonValue.ObjectValue json, String key) throws SyntaxError {
        JsonValue value = json.members().get(key);
        if (value == null) {
            return Optional.empty();
        }
        require(value instanceof JsonValue.Text);
        return Optional.of(((JsonValue.Text) value).value());
    }

    static JsonValue.ObjectValue object(JsonValue value) throws SyntaxError {
        require(value instanceof JsonValue.ObjectValue);
        return (JsonValue.ObjectValue) value;
    }

    static void require(boolean condition) throws SyntaxError {
        if (!condition) {
            throw new SyntaxError();
        }
    }
}
