package dev.lanyard.iamapi;

import dev.lanyard.policy.ActionElement;
import dev.lanyard.policy.Effect;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The services a policy grants, as IAM's service last-accessed data counts them: every namespace an Allow statement's
 * Action names ({@code s3:GetObject}, {@code s3:*}), every known namespace for the wildcard namespace ({@code *},
 * {@code *:List*}; IAM allows no other wildcard in a namespace), and for an Allow with NotAction every known namespace
 * it does not exclude whole ({@code NotAction: iam:*}). Conditions and resources are not weighed: a service the policy
 * can allow at all counts.
 */
final class GrantedServices {
    private GrantedServices() {}

    static SortedSet<String> of(PolicyDocument document) {
        SortedSet<String> granted = new TreeSet<>();
        for (Statement statement : document.statements()) {
            if (statement.effect() == Effect.ALLOW) {
                granted.addAll(of(statement.action()));
            }
        }
        return granted;
    }

    private static Set<String> of(ActionElement action) {
        SortedSet<String> namespaces = new TreeSet<>();
        if (action.negated()) {
            for (String known : ServiceNames.KNOWN.keySet()) {
                if (action.patterns().stream().noneMatch(p -> excludesWhole(p, known))) {
                    namespaces.add(known);
                }
            }
            return namespaces;
        }
        for (String pattern : action.patterns()) {
            String namespace = namespace(pattern);
            if (namespace.equals("*")) {
                namespaces.addAll(ServiceNames.KNOWN.keySet());
            } else {
                namespaces.add(namespace);
            }
        }
        return namespaces;
    }

    /** The namespace part of an action pattern, lower case ({@code *} alone stands for every namespace). */
    private static String namespace(String pattern) {
        int colon = pattern.indexOf(':');
        return (colon < 0 ? pattern : pattern.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** A NotAction pattern that leaves nothing of {@code namespace}: {@code *}, {@code *:*}, {@code s3:*}. */
    private static boolean excludesWhole(String pattern, String namespace) {
        int colon = pattern.indexOf(':');
        if (colon < 0) {
            return pattern.equals("*");
        }
        String prefix = namespace(pattern);
        return pattern.substring(colon + 1).equals("*") && (prefix.equals("*") || prefix.equals(namespace));
    }
}
