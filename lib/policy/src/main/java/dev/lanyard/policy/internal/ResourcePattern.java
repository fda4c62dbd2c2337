package dev.lanyard.policy.internal;

import dev.lanyard.policy.ContextKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Resource/NotResource entry (iam-policy.md §2.2). Matching is case-sensitive. In the first ARN fields a
 * {@code *} that ends its field may run across colons while any other wildcard stays inside the field; the service
 * field takes no wildcards; in the resource part {@code *} and {@code ?} match anything. Policy variables are
 * substituted only in the resource part, as literals; an unresolvable one makes the entry match nothing.
 *
 * <p>The docs contradict each other on wildcards in the resource-type prefix ({@code arn:aws:iam::1:u*} "not
 * allowed" on the ARN page, while the condition-key examples use {@code arn:aws:ec2:...:*}{@code /*}); we glob the
 * resource part uniformly, so such patterns match by prefix. Partition, region and account are case-sensitive
 * like the rest (iam-simulate compares them case-insensitively; unrecorded, [VERIFY]).
 */
public final class ResourcePattern {
    private static final int SERVICE = 2;

    private final String text;
    private final boolean matchesAll;
    /** Precompiled matcher when the pattern has no variables. */
    private final Glob fixed;
    /** Prefix text (fields 0-4 with their colons) and resource part, when the resource part has variables. */
    private final List<String> prefixFields;
    private final Template resourcePart;

    private ResourcePattern(String text, boolean matchesAll, Glob fixed, List<String> prefixFields,
                            Template resourcePart) {
        this.text = text;
        this.matchesAll = matchesAll;
        this.fixed = fixed;
        this.prefixFields = prefixFields;
        this.resourcePart = resourcePart;
    }

    public static ResourcePattern compile(String text, boolean variables) {
        if (text.equals("*")) {
            return new ResourcePattern(text, true, null, List.of(), null);
        }
        List<String> fields = new ArrayList<>(ArnFields.split(text, variables));
        // Short ARNs such as "arn:aws:sqs" are accepted by IAM; like iam-simulate we pad them with "*" fields.
        while (fields.size() < ArnFields.FIELDS) {
            fields.add("*");
        }
        Template resource = variables ? Template.parse(fields.getLast()) : Template.plain(fields.getLast());
        List<String> prefix = List.copyOf(fields.subList(0, ArnFields.FIELDS - 1));
        if (resource.hasVariables()) {
            return new ResourcePattern(text, false, null, prefix, resource);
        }
        GlobBuilder glob = prefixGlob(prefix);
        glob.pattern(fields.getLast());
        return new ResourcePattern(text, false, glob.build(false), prefix, null);
    }

    public String text() {
        return text;
    }

    public boolean matches(String resource, ContextKeys keys) {
        if (matchesAll) {
            return true;
        }
        if (fixed != null) {
            return fixed.matches(resource);
        }
        GlobBuilder glob = prefixGlob(prefixFields);
        return resourcePart.appendTo(glob, keys) && glob.build(false).matches(resource);
    }

    private static GlobBuilder prefixGlob(List<String> fields) {
        GlobBuilder glob = new GlobBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (i == SERVICE) {
                glob.literal(field);
            } else {
                appendField(glob, field);
            }
            glob.literal(":");
        }
        return glob;
    }

    private static void appendField(GlobBuilder glob, String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '*' -> glob.star(i == field.length() - 1);
                case '?' -> glob.single(false);
                default -> glob.literal(String.valueOf(c));
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
