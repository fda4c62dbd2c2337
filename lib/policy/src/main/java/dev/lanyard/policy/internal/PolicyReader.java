package dev.lanyard.policy.internal;

import dev.lanyard.aws.Partition;
import dev.lanyard.policy.ActionElement;
import dev.lanyard.policy.ConditionClause;
import dev.lanyard.policy.Effect;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyVersion;
import dev.lanyard.policy.PrincipalElement;
import dev.lanyard.policy.ResourceElement;
import dev.lanyard.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses, validates and compiles a policy document; see {@link dev.lanyard.policy.PolicyParser}. */
public final class PolicyReader {
    private PolicyReader() {
    }

    public static ParseResult read(String json, PolicyKind kind, Partition served) {
        if (json == null || !hasOnlyPolicyCharacters(json)) {
            return new ParseResult.Invalid(Messages.SYNTAX);
        }
        Optional<JsonValue> tree = JsonTreeReader.read(json);
        if (tree.isEmpty()) {
            return new ParseResult.Invalid(kind == PolicyKind.TRUST ? Messages.INVALID_JSON : Messages.SYNTAX);
        }
        RawPolicy raw;
        try {
            raw = PolicyShape.read(tree.get());
        } catch (PolicyShape.SyntaxError syntax) {
            return new ParseResult.Invalid(Messages.SYNTAX);
        }
        Optional<String> violation = PolicyRules.firstViolation(raw, kind, served);
        if (violation.isPresent()) {
            return new ParseResult.Invalid(violation.get());
        }
        return new ParseResult.Valid(compile(raw, json));
    }

    /** IAM's input pattern for policy documents: {@code [\u0009\u000A\u000D\u0020-\u00FF]+}. */
    public static boolean hasOnlyPolicyCharacters(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static PolicyDocument compile(RawPolicy raw, String source) {
        PolicyVersion version = raw.version().filter("2012-10-17"::equals).isPresent()
                ? PolicyVersion.V2012_10_17 : PolicyVersion.V2008_10_17;
        List<Statement> statements = new ArrayList<>(raw.statements().size());
        for (RawPolicy.Statement statement : raw.statements()) {
            statements.add(compile(statement, version));
        }
        return new PolicyDocument(version, raw.id(), statements, source);
    }

    private static Statement compile(RawPolicy.Statement raw, PolicyVersion version) {
        RawPolicy.Elements actions = raw.action().orElseThrow();
        ActionElement action = actions.negated() ? ActionElement.notAction(actions.values())
                : ActionElement.action(actions.values());
        Optional<ResourceElement> resource = raw.resource().map(r -> r.negated()
                ? ResourceElement.notResource(r.values(), version) : ResourceElement.resource(r.values(), version));
        Optional<PrincipalElement> principal = raw.principal().map(p -> p.negated()
                ? PrincipalElement.notPrincipal(p.entries()) : PrincipalElement.principal(p.entries()));
        List<ConditionClause> conditions = raw.conditions().stream()
                .map(c -> ConditionClause.of(c.operator(), c.key(), c.values(), version))
                .toList();
        Effect effect = raw.effect().equals("Allow") ? Effect.ALLOW : Effect.DENY;
        return new Statement(raw.index(), raw.sid(), effect, principal, action, resource, conditions, raw.start(),
                raw.end());
    }
}
