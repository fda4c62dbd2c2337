package dev.lanyard.policy.internal;

import dev.lanyard.policy.BaseOperator;
import dev.lanyard.policy.ContextKeys;
import java.util.List;
import java.util.Optional;

/**
 * String-family and Bool values. Values without variables are precompiled; a value whose variable cannot be
 * resolved matches nothing, which makes negated operators true for it, as the docs state (§2.4).
 */
final class StringValues implements ValueSet {
    private enum Mode { EXACT, IGNORE_CASE, LIKE }

    private final Mode mode;
    private final Template[] templates;
    /** Per value: the literal text (EXACT/IGNORE_CASE) or Glob (LIKE) when it has no variables, else null. */
    private final Object[] fixed;

    private StringValues(Mode mode, Template[] templates, Object[] fixed) {
        this.mode = mode;
        this.templates = templates;
        this.fixed = fixed;
    }

    static ValueSet compile(BaseOperator operator, List<String> values, boolean variables) {
        Mode mode = switch (Comparison.of(operator)) {
            case EQUAL_IGNORE_CASE -> Mode.IGNORE_CASE;
            case LIKE -> Mode.LIKE;
            case EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, NONE -> Mode.EXACT;
        };
        return build(mode, values, variables);
    }

    /**
     * Bool compares case-insensitively, as iam-simulate does. The docs contradict each other on variables in Bool
     * (operator page: supported; variables page: not); we follow the newer operator page and substitute them.
     */
    static ValueSet compileBool(List<String> values, boolean variables) {
        return build(Mode.IGNORE_CASE, values, variables);
    }

    private static StringValues build(Mode mode, List<String> values, boolean variables) {
        Template[] templates = new Template[values.size()];
        Object[] fixed = new Object[values.size()];
        for (int i = 0; i < templates.length; i++) {
            String value = values.get(i);
            templates[i] = variables ? Template.parse(value) : Template.plain(value);
            if (!templates[i].hasVariables()) {
                fixed[i] = mode == Mode.LIKE ? Glob.compile(value, false) : value;
            }
        }
        return new StringValues(mode, templates, fixed);
    }

    @Override
    public boolean anyMatch(String requestValue, ContextKeys keys) {
        for (int i = 0; i < templates.length; i++) {
            if (matches(i, requestValue, keys)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(int index, String requestValue, ContextKeys keys) {
        Object precompiled = fixed[index];
        return switch (mode) {
            case EXACT -> precompiled != null ? requestValue.equals(precompiled)
                    : resolved(index, keys).map(requestValue::equals).orElse(false);
            case IGNORE_CASE -> precompiled != null ? requestValue.equalsIgnoreCase((String) precompiled)
                    : resolved(index, keys).map(requestValue::equalsIgnoreCase).orElse(false);
            case LIKE -> precompiled != null ? ((Glob) precompiled).matches(requestValue)
                    : likeWithVariables(index, requestValue, keys);
        };
    }

    private Optional<String> resolved(int index, ContextKeys keys) {
        return templates[index].resolve(keys);
    }

    private boolean likeWithVariables(int index, String requestValue, ContextKeys keys) {
        GlobBuilder glob = new GlobBuilder();
        return templates[index].appendTo(glob, keys) && glob.build(false).matches(requestValue);
    }
}
