package dev.lanyard.policy.reference;

import dev.lanyard.policy.ConditionClause;
import dev.lanyard.policy.Effect;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.PrincipalMatch;
import dev.lanyard.policy.RequestContext;
import dev.lanyard.policy.SetEffect;
import dev.lanyard.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An obvious, slow evaluator written straight from iam-policy.md §2-4.2 over the public AST, using regular
 * expressions and re-parsing everything on every call. It shares no code with the production matchers; the
 * differential test checks that both agree.
 */
public final class ReferenceEvaluator {
    /** A matched statement as (policy name, statement index). */
    public record Hit(String policy, int index) {
    }

    public record Result(SetEffect effect, List<Hit> matched, PrincipalMatch strongest) {
    }

    public Result evaluate(List<LabeledPolicy> policies, RequestContext context) {
        List<Hit> allows = new ArrayList<>();
        List<Hit> denies = new ArrayList<>();
        for (LabeledPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                if (applies(statement, context)) {
                    (statement.effect() == Effect.DENY ? denies : allows)
                            .add(new Hit(policy.ref().name(), statement.index()));
                }
            }
        }
        return combine(allows, denies, PrincipalMatch.NONE);
    }

    public Result evaluateResourcePolicy(LabeledPolicy policy, RequestContext context) {
        List<Hit> allows = new ArrayList<>();
        List<Hit> denies = new ArrayList<>();
        PrincipalMatch strongest = PrincipalMatch.NONE;
        for (Statement statement : policy.document().statements()) {
            PrincipalMatch match = statement.principal()
                    .map(p -> ReferencePrincipals.match(p, context.principal()))
                    .orElse(PrincipalMatch.NONE);
            if (match == PrincipalMatch.NONE || !applies(statement, context)) {
                continue;
            }
            if (statement.effect() == Effect.DENY) {
                denies.add(new Hit(policy.ref().name(), statement.index()));
            } else {
                allows.add(new Hit(policy.ref().name(), statement.index()));
                if (match.ordinal() > strongest.ordinal()) {
                    strongest = match;
                }
            }
        }
        return combine(allows, denies, allows.isEmpty() ? PrincipalMatch.NONE : strongest);
    }

    private static Result combine(List<Hit> allows, List<Hit> denies, PrincipalMatch strongest) {
        if (!denies.isEmpty()) {
            return new Result(SetEffect.DENY, denies, strongest);
        }
        if (!allows.isEmpty()) {
            return new Result(SetEffect.ALLOW, allows, strongest);
        }
        return new Result(SetEffect.NOT_APPLICABLE, List.of(), PrincipalMatch.NONE);
    }

    static boolean applies(Statement statement, RequestContext context) {
        boolean anyAction = statement.action().patterns().stream().anyMatch(p -> actionMatches(p, context.action()));
        if (anyAction == statement.action().negated()) {
            return false;
        }
        if (statement.resource().isPresent()) {
            var resource = statement.resource().get();
            boolean anyResource = resource.patterns().stream()
                    .anyMatch(p -> resourceMatches(p, context, resource.variablesEnabled()));
            if (anyResource == resource.negated()) {
                return false;
            }
        }
        for (ConditionClause clause : statement.conditions()) {
            if (!ReferenceConditions.holds(clause, context.keys())) {
                return false;
            }
        }
        return true;
    }

    static boolean actionMatches(String pattern, String action) {
        if (pattern.equals("*")) {
            return true;
        }
        int patternColon = pattern.indexOf(':');
        int actionColon = action.indexOf(':');
        if (patternColon < 0 || actionColon < 0) {
            return false;
        }
        boolean vendor = pattern.substring(0, patternColon).equalsIgnoreCase(action.substring(0, actionColon));
        String name = globToRegex(pattern.substring(patternColon + 1), ".", ".*");
        return vendor && Pattern.compile(name, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                .matcher(action.substring(actionColon + 1)).matches();
    }

    static boolean resourceMatches(String pattern, RequestContext context, boolean variables) {
        if (pattern.equals("*")) {
            return true;
        }
        List<String> fields = ReferenceVariables.splitArn(pattern, variables);
        while (fields.size() < 6) {
            fields.add("*");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String field = fields.get(i);
            if (i == 2) {
                regex.append(Pattern.quote(field));
            } else {
                for (int j = 0; j < field.length(); j++) {
                    char c = field.charAt(j);
                    regex.append(c == '*' ? (j == field.length() - 1 ? ".*" : "[^:]*")
                            : c == '?' ? "[^:]" : Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append(':');
        }
        String last = ReferenceVariables.toRegex(fields.get(5), variables, context.keys(), ".", ".*");
        if (last == null) {
            return false;
        }
        return Pattern.compile(regex + last, Pattern.DOTALL).matcher(context.resource()).matches();
    }

    static String globToRegex(String glob, String one, String many) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? many : c == '?' ? one : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }
}
