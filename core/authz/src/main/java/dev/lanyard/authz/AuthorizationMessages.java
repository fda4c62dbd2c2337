package dev.lanyard.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AccountId;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.Outcome;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.tokens.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * The encoded authorization message carried by every AccessDenied: the request, the principal and the statements that
 * decided, sealed under the master key so only DecodeAuthorizationMessage (with its own permission) can read it. The
 * caller's account is bound into the seal (associated data): only that account can decode it; anywhere else it is as
 * invalid as a forged one.
 */
public final class AuthorizationMessages {
    private static final String AAD_PREFIX = "lanyard-authorization-message:";
    private final ObjectMapper json = new ObjectMapper();
    private final Sealer masterKey;

    public AuthorizationMessages(Sealer masterKey) {
        this.masterKey = masterKey;
    }

    public String encode(Caller caller, String action, String resource, ContextKeys keys, Decision decision) {
        ObjectNode root = json.createObjectNode();
        root.put("allowed", decision.outcome() == Outcome.ALLOWED);
        root.put("explicitDeny", decision.outcome() == Outcome.EXPLICIT_DENY);
        ArrayNode matched = root.putObject("matchedStatements").putArray("items");
        for (MatchedStatement s : decision.determining()) {
            ObjectNode item = matched.addObject();
            item.put("statementId", s.sid().orElse(""));
            item.put("effect", s.effect().name().charAt(0) + s.effect().name().substring(1).toLowerCase());
            item.put("statementIndex", s.statementIndex());
            item.putObject("source").put("type", s.policy().source().name()).put("name", s.policy().name());
            item.putObject("position").put("line", s.start().line()).put("column", s.start().column());
        }
        root.putObject("failures").putArray("items");
        ObjectNode context = root.putObject("context");
        context.putObject("principal").put("id", caller.userId()).put("arn", caller.arn());
        context.put("action", action);
        context.put("resource", resource);
        ArrayNode conditions = context.putObject("conditions").putArray("items");
        for (String key : new TreeSet<>(keys.keys())) {
            ArrayNode values = conditions.addObject().put("key", key).putObject("values").putArray("items");
            keys.values(key).orElse(List.of()).forEach(v -> values.addObject().put("value", v));
        }
        ArrayNode trace = root.putArray("explanation");
        decision.trace().forEach(trace::add);
        return seal(caller.account(), root);
    }

    /** A refusal decided before any policy was evaluated (a missing role, a session limit): its reason is the failure. */
    public String encodeFailure(Caller caller, String action, String resource, String reason) {
        ObjectNode root = json.createObjectNode();
        root.put("allowed", false);
        root.put("explicitDeny", false);
        root.putObject("matchedStatements").putArray("items");
        root.putObject("failures").putArray("items").add(reason);
        ObjectNode context = root.putObject("context");
        context.putObject("principal").put("id", caller.userId()).put("arn", caller.arn());
        context.put("action", action);
        context.put("resource", resource);
        context.putObject("conditions").putArray("items");
        return seal(caller.account(), root);
    }

    private String seal(AccountId account, ObjectNode message) {
        byte[] sealed = masterKey.encrypt(message.toString().getBytes(StandardCharsets.UTF_8), aad(account));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    private static byte[] aad(AccountId account) {
        return (AAD_PREFIX + account.value()).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The JSON document of a message made for {@code account}, or InvalidAuthorizationMessageException for anything
     * this server did not seal for that account.
     */
    public String decode(AccountId account, String encoded) {
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(encoded);
            return new String(masterKey.decrypt(sealed, aad(account)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | SealedDataException e) {
            throw AuthzErrors.invalidAuthorizationMessage(e.toString());
        }
    }
}
