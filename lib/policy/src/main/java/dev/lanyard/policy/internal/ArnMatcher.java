package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.List;

/**
 * A compiled ArnLike/ArnEquals policy value (iam-policy.md §3.3): each of the six colon-delimited fields is matched
 * separately and case-sensitively, so a {@code *} never crosses a field boundary. Values with fewer than six
 * fields match nothing.
 */
final class ArnMatcher {
    private final Template[] templates;
    private final Glob[] fixed;

    private ArnMatcher(Template[] templates, Glob[] fixed) {
        this.templates = templates;
        this.fixed = fixed;
    }

    static ArnMatcher compile(String value, boolean variables) {
        List<String> fields = ArnFields.split(value, variables);
        if (fields.size() < ArnFields.FIELDS) {
            return new ArnMatcher(null, null);
        }
        Template[] templates = new Template[ArnFields.FIELDS];
        Glob[] fixed = new Glob[ArnFields.FIELDS];
        for (int i = 0; i < ArnFields.FIELDS; i++) {
            templates[i] = variables ? Template.parse(fields.get(i)) : Template.plain(fields.get(i));
            if (!templates[i].hasVariables()) {
                fixed[i] = Glob.compile(fields.get(i), false);
            }
        }
        return new ArnMatcher(templates, fixed);
    }

    boolean matches(String arn, int[] ends, ContextKeys keys) {
        if (templates == null || !ArnFields.fieldEnds(arn, ends)) {
            return false;
        }
        for (int i = 0; i < ArnFields.FIELDS; i++) {
            int from = i == 0 ? 0 : ends[i - 1] + 1;
            Glob glob = fixed[i];
            if (glob == null) {
                GlobBuilder builder = new GlobBuilder();
                if (!templates[i].appendTo(builder, keys)) {
                    return false;
                }
                glob = builder.build(false);
            }
            if (!glob.matches(arn, from, ends[i])) {
                return false;
            }
        }
        return true;
    }
}
