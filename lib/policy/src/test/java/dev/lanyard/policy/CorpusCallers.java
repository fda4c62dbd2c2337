package dev.lanyard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.PrincipalType;
import java.util.Optional;

/**
 * The callers a corpus case can name. Presets: {@code user} (Alice), {@code role-session} (Deploy/ci),
 * {@code federated-user} (Bob, created by Alice), {@code root}, {@code anonymous}, the same in the other account
 * as {@code other-user} (Carol), {@code other-role-session} (Partner/s1), {@code other-root}, and
 * {@code web-identity:<provider>}, {@code service:<principal>}. An object names anything else:
 * {@code {"type": "user", "arn": ..., "id": ...}}, {@code {"type": "role-session", "roleArn": ..., "roleId": ...,
 * "sessionArn": ...}}, {@code {"type": "federated-user", "sessionArn": ..., "parentUserArn": ...}}; the account is
 * the ARN's unless {@code account} is given.
 */
final class CorpusCallers {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";

    private CorpusCallers() {
    }

    /**
     * A caller: its identity for Principal matching (empty: anonymous) and its account (empty for callers outside
     * IAM, which take the resource's account).
     */
    record Caller(Optional<PrincipalIdentity> identity, Optional<AccountId> ownAccount) {
        AccountId account(Optional<AccountId> resourceAccount) {
            return ownAccount.or(() -> resourceAccount).orElse(AccountId.of(ACCOUNT));
        }

        boolean isRoot() {
            return identity.map(i -> i.type() == PrincipalType.ACCOUNT).orElse(false);
        }

        /** Identity policies default to the caller's kind of inline policy. */
        PolicySource identitySource() {
            PrincipalType type = identity.map(PrincipalIdentity::type).orElse(PrincipalType.ANONYMOUS);
            return switch (type) {
                case ASSUMED_ROLE -> PolicySource.ROLE_INLINE;
                case USER, FEDERATED_USER, ACCOUNT, ANONYMOUS -> PolicySource.USER_INLINE;
            };
        }
    }

    static Caller parse(JsonNode node) {
        if (node.isMissingNode()) {
            return preset("user");
        }
        if (node.isTextual()) {
            return preset(node.asText());
        }
        return custom(node);
    }

    private static Caller preset(String name) {
        if (name.startsWith("web-identity:")) {
            return outsideIam(PrincipalIdentity.webIdentity(AccountId.of(ACCOUNT),
                    name.substring("web-identity:".length())));
        }
        if (name.startsWith("service:")) {
            return outsideIam(PrincipalIdentity.service(AccountId.of(ACCOUNT), name.substring("service:".length())));
        }
        return switch (name) {
            case "user" -> user(ACCOUNT, "arn:aws:iam::111122223333:user/Alice", "AIDACKCEVSQ6C2EXAMPLE");
            case "role-session" -> roleSession(ACCOUNT, "arn:aws:iam::111122223333:role/Deploy",
                    "AROADBQP57FF2AEXAMPLE", "arn:aws:sts::111122223333:assumed-role/Deploy/ci");
            case "federated-user" -> of(PrincipalIdentity.federatedUser(AccountId.of(ACCOUNT),
                    "arn:aws:sts::111122223333:federated-user/Bob", "arn:aws:iam::111122223333:user/Alice"));
            case "root" -> of(PrincipalIdentity.root(AccountId.of(ACCOUNT)));
            case "other-user" -> user(OTHER_ACCOUNT, "arn:aws:iam::444455556666:user/Carol", "AIDAOTHERCAROLEXAMPLE");
            case "other-role-session" -> roleSession(OTHER_ACCOUNT, "arn:aws:iam::444455556666:role/Partner",
                    "AROAOTHERPARTNEREXAMP", "arn:aws:sts::444455556666:assumed-role/Partner/s1");
            case "other-root" -> of(PrincipalIdentity.root(AccountId.of(OTHER_ACCOUNT)));
            case "anonymous" -> new Caller(Optional.empty(), Optional.empty());
            default -> throw new IllegalArgumentException("unknown caller preset '" + name + "'");
        };
    }

    private static Caller custom(JsonNode node) {
        String type = node.path("type").asText();
        return switch (type) {
            case "user" -> user(account(node, "arn"), node.path("arn").asText(), node.path("id").asText());
            case "role-session" -> roleSession(account(node, "roleArn"), node.path("roleArn").asText(),
                    node.path("roleId").asText(), node.path("sessionArn").asText());
            case "federated-user" -> of(PrincipalIdentity.federatedUser(AccountId.of(account(node, "sessionArn")),
                    node.path("sessionArn").asText(), node.path("parentUserArn").asText()));
            case "root" -> of(PrincipalIdentity.root(AccountId.of(node.path("account").asText())));
            default -> throw new IllegalArgumentException("unknown caller type '" + type + "'");
        };
    }

    /** {@code account}, or the account field of the ARN in {@code arnField}. */
    private static String account(JsonNode node, String arnField) {
        if (node.has("account")) {
            return node.get("account").asText();
        }
        String[] fields = node.path(arnField).asText().split(":", 6);
        if (fields.length < 6) {
            throw new IllegalArgumentException("caller " + arnField + " is not an ARN: " + node);
        }
        return fields[4];
    }

    private static Caller user(String account, String arn, String id) {
        return of(PrincipalIdentity.user(AccountId.of(account), arn, id));
    }

    private static Caller roleSession(String account, String roleArn, String roleId, String sessionArn) {
        return of(PrincipalIdentity.roleSession(AccountId.of(account), roleArn, roleId, sessionArn));
    }

    /** Identity providers and service principals belong to no account: they take the resource's. */
    private static Caller outsideIam(PrincipalIdentity identity) {
        return new Caller(Optional.of(identity), Optional.empty());
    }

    private static Caller of(PrincipalIdentity identity) {
        return new Caller(Optional.of(identity), Optional.of(identity.account()));
    }
}
