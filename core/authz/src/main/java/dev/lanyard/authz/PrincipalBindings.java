package dev.lanyard.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What AWS does with IAM user and role ARNs in the Principal of a resource-based policy (a role's trust policy, a
 * bucket policy; iam-policy.md §1.3): when the policy is saved each must name an existing entity, and the policy then
 * names that entity's unique ID, so deleting and recreating a user or role of the same name does not restore access;
 * the document shows the bare unique ID in place of an ARN that no longer names it.
 */
public final class PrincipalBindings {
    private PrincipalBindings() {
    }

    /**
     * The unique ID of every user and role ARN among {@code document}'s AWS principals, by ARN.
     *
     * @param invalid the error for an ARN that names no entity, given the ARN
     */
    public static Map<String, String> bind(PolicyDocument document, IamSnapshot snapshot,
            Function<String, RuntimeException> invalid) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String value : document.awsPrincipalValues()) {
            Optional<Arn> arn = Arn.parse(value).filter(PrincipalBindings::namesUserOrRole);
            if (arn.isPresent()) {
                ids.put(value, uniqueId(arn.get(), snapshot).orElseThrow(() -> invalid.apply(value)));
            }
        }
        return ids;
    }

    /** The document text as AWS shows it: ARNs whose entity is gone or replaced appear as the bound ID. */
    public static String displayText(String text, Map<String, String> ids, IamSnapshot snapshot) {
        Map<String, String> stale = new LinkedHashMap<>();
        ids.forEach((arn, id) -> {
            boolean current = Arn.parse(arn).flatMap(a -> uniqueId(a, snapshot)).filter(id::equals).isPresent();
            if (!current) {
                stale.put(arn, id);
            }
        });
        return stale.isEmpty() ? text : replacePrincipals(text, stale);
    }

    private static boolean namesUserOrRole(Arn arn) {
        return arn.service().equals("iam") && (arn.resourceType().equals("user") || arn.resourceType().equals("role"));
    }

    private static Optional<String> uniqueId(Arn arn, IamSnapshot snapshot) {
        Optional<AccountId> account = arn.accountId();
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String name = arn.resourceName();
        String full = arn.toString();
        return switch (arn.resourceType()) {
            case "user" -> snapshot.user(account.get(), name).filter(u -> u.arn().toString().equals(full))
                    .map(u -> u.userId());
            case "role" -> snapshot.role(account.get(), name).filter(r -> r.arn().toString().equals(full))
                    .map(r -> r.roleId());
            default -> Optional.empty();
        };
    }

    /** Rare path (an entity was deleted): rewrite the AWS principal values structurally, leaving conditions alone. */
    private static String replacePrincipals(String text, Map<String, String> stale) {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode root = json.readTree(text);
            JsonNode statements = root.path("Statement");
            if (statements.isObject()) {
                replaceIn((ObjectNode) statements, stale);
            } else {
                statements.forEach(s -> replaceIn((ObjectNode) s, stale));
            }
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored policy no longer parses", e);
        }
    }

    private static void replaceIn(ObjectNode statement, Map<String, String> stale) {
        for (String element : new String[] {"Principal", "NotPrincipal"}) {
            JsonNode principal = statement.path(element);
            if (principal.isObject() && principal.has("AWS")) {
                ((ObjectNode) principal).set("AWS", replaced(principal.get("AWS"), stale));
            }
        }
    }

    private static JsonNode replaced(JsonNode aws, Map<String, String> stale) {
        if (aws.isTextual()) {
            return TextNode.valueOf(stale.getOrDefault(aws.asText(), aws.asText()));
        }
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        aws.forEach(v -> values.add(stale.getOrDefault(v.asText(), v.asText())));
        return values;
    }
}
