package dev.lanyard.policy.reference;

import dev.lanyard.policy.ContextKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Policy variables the slow way: expand into a regex (wildcards active in the text, values quoted). */
final class ReferenceVariables {
    private ReferenceVariables() {
    }

    /** The regex for {@code text}, or null when a variable has no value and no default. */
    static String toRegex(String text, boolean variables, ContextKeys keys, String one, String many) {
        if (!variables) {
            return ReferenceEvaluator.globToRegex(text, one, many);
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (close < 0) {
                regex.append(ReferenceEvaluator.globToRegex(text.substring(i), one, many));
                break;
            }
            regex.append(ReferenceEvaluator.globToRegex(text.substring(i, open), one, many));
            Optional<String> value = resolve(text.substring(open + 2, close).trim(), keys);
            if (value.isEmpty()) {
                return null;
            }
            regex.append(Pattern.quote(value.get()));
            i = close + 1;
        }
        return regex.toString();
    }

    /** Full substitution for exact comparisons, or empty when unresolvable. */
    static Optional<String> substitute(String text, boolean variables, ContextKeys keys) {
        if (!variables) {
            return Optional.of(text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (close < 0) {
                out.append(text.substring(i));
                break;
            }
            out.append(text, i, open);
            Optional<String> value = resolve(text.substring(open + 2, close).trim(), keys);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get());
            i = close + 1;
        }
        return Optional.of(out.toString());
    }

    private static Optional<String> resolve(String content, ContextKeys keys) {
        if (content.equals("*") || content.equals("?") || content.equals("$")) {
            return Optional.of(content);
        }
        String key = content;
        Optional<String> fallback = Optional.empty();
        int comma = content.indexOf(',');
        if (comma >= 0) {
            String rest = content.substring(comma + 1).trim();
            if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
                key = content.substring(0, comma).trim();
                fallback = Optional.of(rest.substring(1, rest.length() - 1));
            }
        }
        Optional<List<String>> values = keys.values(key);
        if (values.isPresent() && !keys.isMultiValued(key) && values.get().size() == 1) {
            return Optional.of(values.get().getFirst());
        }
        return fallback;
    }

    /** ARN fields split at the first five colons (outside ${...} when variables are enabled). */
    static List<String> splitArn(String text, boolean variables) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inVariable = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                inVariable = true;
            } else if (c == '}') {
                inVariable = false;
            }
            if (c == ':' && !inVariable && fields.size() < 5) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
