package dev.lanyard.iamapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.StoredPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What IAM does with user and role ARNs in a trust policy (iam-policy.md §1.3): when the policy is saved each must
 * name an existing entity, else {@code Invalid principal in policy}; the policy then trusts that entity's unique ID,
 * so deleting and recreating a user or role of the same name does not restore trust, and the document shows the
 * bare unique ID in place of an ARN that no longer names it.
 */
final class TrustPrincipals {
    private TrustPrincipals() {
    }

    /** Binds every user and role ARN of {@code trust} to the entity's unique ID, refusing ARNs of no entity. */
    static StoredPolicy bind(StoredPolicy trust, IamSnapshot snapshot) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String value : trust.document().awsPrincipalValues()) {
            Optional<Arn> arn = Arn.parse(value).filter(TrustPrincipals::namesUserOrRole);
            if (arn.isPresent()) {
                String id = uniqueId(arn.get(), snapshot).orElseThrow(() -> new AwsException(
                        ErrorCode.MALFORMED_POLICY_DOCUMENT,
                        "Invalid principal in policy: \"AWS\":\"" + value + "\""));
                ids.put(value, id);
            }
        }
        return trust.withPrincipalIds(ids);
    }

    /** The document text as GetRole shows it: ARNs whose entity is gone or replaced appear as the bound ID. */
    static String displayText(StoredPolicy trust, IamSnapshot snapshot) {
        Map<String, String> stale = new LinkedHashMap<>();
        trust.principalIds().forEach((arn, id) -> {
            boolean current = Arn.parse(arn).flatMap(a -> uniqueId(a, snapshot)).filter(id::equals).isPresent();
            if (!current) {
                stale.put(arn, id);
            }
        });
        return stale.isEmpty() ? trust.text() : replacePrincipals(trust.text(), stale);
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
            throw new IllegalStateException("stored trust policy no longer parses", e);
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
