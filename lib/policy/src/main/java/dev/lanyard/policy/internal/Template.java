package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text with policy variables (iam-policy.md §2.4): {@code ${key}}, {@code ${key, 'default'}}, and the escapes
 * {@code ${*}}, {@code ${?}}, {@code ${$}}. Only 2012-10-17 policies have variables; older ones use {@link #plain}.
 * Everything a variable or escape produces is literal text: it never acts as a wildcard.
 */
public final class Template {
    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Text without variables; {@code *}/{@code ?} keep their wildcard meaning where the caller applies one. */
    public static Template plain(String text) {
        return new Template(text, List.of(new Pattern(text)));
    }

    /** Parses {@code text} for {@code ${...}} variables. */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int open = text.indexOf("${", position);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (close < 0) {
                parts.add(new Pattern(text.substring(position)));
                break;
            }
            if (open > position) {
                parts.add(new Pattern(text.substring(position, open)));
            }
            parts.add(variable(text.substring(open + 2, close)));
            position = close + 1;
        }
        return new Template(text, List.copyOf(parts));
    }

    public boolean hasVariables() {
        for (Part part : parts) {
            if (!(part instanceof Pattern)) {
                return true;
            }
        }
        return false;
    }

    public String source() {
        return source;
    }

    /** The keys this template reads, in lower case. */
    public List<String> variableKeys() {
        List<String> keys = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Variable variable) {
                keys.add(variable.key());
            }
        }
        return keys;
    }

    /** The text with variables substituted, or empty when a variable has neither a value nor a default. */
    public Optional<String> resolve(ContextKeys keys) {
        if (parts.size() == 1 && parts.getFirst() instanceof Pattern only) {
            return Optional.of(only.text());
        }
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (Part part : parts) {
            Optional<String> value = part.value(keys);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get());
        }
        return Optional.of(out.toString());
    }

    /**
     * Appends this template to a glob: pattern text keeps its wildcards, substituted values are literal. Returns
     * false when a variable cannot be resolved.
     */
    public boolean appendTo(GlobBuilder glob, ContextKeys keys) {
        for (Part part : parts) {
            if (part instanceof Pattern pattern) {
                glob.pattern(pattern.text());
                continue;
            }
            Optional<String> value = part.value(keys);
            if (value.isEmpty()) {
                return false;
            }
            glob.literal(value.get());
        }
        return true;
    }

    private static Part variable(String content) {
        String trimmed = content.strip();
        switch (trimmed) {
            case "*", "?", "$" -> {
                return new Escape(trimmed);
            }
            default -> {
                return parseVariable(trimmed);
            }
        }
    }

    private static Part parseVariable(String content) {
        int comma = content.indexOf(',');
        if (comma >= 0) {
            String fallback = content.substring(comma + 1).strip();
            if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
                String key = content.substring(0, comma).strip();
                return new Variable(key.toLowerCase(Locale.ROOT),
                        Optional.of(fallback.substring(1, fallback.length() - 1)));
            }
        }
        return new Variable(content.toLowerCase(Locale.ROOT), Optional.empty());
    }

    @Override
    public String toString() {
        return source;
    }

    private sealed interface Part permits Pattern, Escape, Variable {
        Optional<String> value(ContextKeys keys);
    }

    private record Pattern(String text) implements Part {
        @Override
        public Optional<String> value(ContextKeys keys) {
            return Optional.of(text);
        }
    }

    private record Escape(String text) implements Part {
        @Override
        public Optional<String> value(ContextKeys keys) {
            return Optional.of(text);
        }
    }

    /** Multi-valued keys cannot be variables (§2.4), so they resolve like an absent key. */
    private record Variable(String key, Optional<String> fallback) implements Part {
        @Override
        public Optional<String> value(ContextKeys keys) {
            Optional<String> value = keys.singleValue(key);
            return value.isPresent() ? value : fallback;
        }
    }
}
