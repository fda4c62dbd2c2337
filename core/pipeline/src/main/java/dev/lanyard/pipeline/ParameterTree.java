package dev.lanyard.pipeline;

import dev.lanyard.query.QueryParameters;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Query request's parameter names split at their dots into a tree ({@code Tags.member.1.Key} is the path Tags,
 * member, 1, Key), so that the audit trail's walk of the model finds a member's names by going down from its parent's
 * node: asking the flat parameters whether a name starts with a prefix, or which indexes follow one, passed over every
 * name again for each member and each list (a third of an AssumeRole record's CPU time). A name ending in a dot or
 * holding two in a row gives an empty segment, so "a name starts with {@code X.}" is exactly "X's node has a child".
 */
final class ParameterTree {
    private final String segment;
    private String value;
    private Map<String, ParameterTree> children;
    /** The child last found or added: a request's names come grouped, so the next name most often goes through it. */
    private ParameterTree last;

    private ParameterTree(String segment) {
        this.segment = segment;
    }

    static ParameterTree of(QueryParameters params) {
        ParameterTree root = new ParameterTree("");
        for (Map.Entry<String, String> parameter : params.asMap().entrySet()) {
            String name = parameter.getKey();
            ParameterTree node = root;
            int from = 0;
            while (true) {
                int dot = name.indexOf('.', from);
                node = node.childOrNew(name, from, dot < 0 ? name.length() : dot);
                if (dot < 0) {
                    break;
                }
                from = dot + 1;
            }
            node.value = parameter.getValue();
        }
        return root;
    }

    private ParameterTree childOrNew(String name, int from, int to) {
        int length = to - from;
        if (last != null && last.segment.length() == length && name.regionMatches(from, last.segment, 0, length)) {
            return last;
        }
        if (children == null) {
            children = new HashMap<>();
        }
        last = children.computeIfAbsent(name.substring(from, to), ParameterTree::new);
        return last;
    }

    /** The node below {@code node} named {@code segment}; null when there is none (or {@code node} is null). */
    static ParameterTree child(ParameterTree node, String segment) {
        return node == null || node.children == null ? null : node.children.get(segment);
    }

    /** The value of the name that ends at this node; null when the names only pass through it. */
    String value() {
        return value;
    }

    boolean hasChildren() {
        return children != null;
    }

    Set<Map.Entry<String, ParameterTree>> children() {
        return children == null ? Set.of() : children.entrySet();
    }
}
