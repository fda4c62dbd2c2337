package dev.lanyard.authz;

import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.PrincipalIdentity;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionTag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the request context keys of iam-policy.md §5 for a caller and a request. */
public final class RequestContextFactory {
    private RequestContextFactory() {}

    public static ContextKeys keys(Caller caller, RequestEnvironment env, AccessRequest request) {
        ContextKeys.Builder keys = ContextKeys.builder();
        keys.put("aws:PrincipalArn", principalArn(caller));
        keys.put("aws:PrincipalAccount", caller.account().value());
        keys.put("aws:userid", caller.userId());
        keys.put("aws:PrincipalType", caller.principalType().wireName());
        keys.put("aws:PrincipalIsAWSService", "false");
        environmentKeys(env, keys);
        request.resourceAccount().ifPresent(a -> keys.put("aws:ResourceAccount", a.value()));
        if (caller instanceof Caller.IamUser user) {
            keys.put("aws:username", user.user().name());
        }
        principalTags(caller).forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
        caller.session().ifPresent(session -> sessionKeys(session, env, keys));
        keys.putAll(request.requestKeys());
        return keys.build();
    }

    /** The keys every request has, whoever sends it (aws:CurrentTime, aws:SourceIp, ...). */
    public static void environmentKeys(RequestEnvironment env, ContextKeys.Builder keys) {
        keys.put("aws:ViaAWSService", "false");
        keys.put("aws:CurrentTime", env.time().toString());
        keys.put("aws:EpochTime", Long.toString(env.time().getEpochSecond()));
        keys.put("aws:SecureTransport", Boolean.toString(env.secureTransport()));
        keys.put("aws:SourceIp", env.sourceIp());
        keys.put("aws:RequestedRegion", env.region());
        env.userAgent().ifPresent(ua -> keys.put("aws:UserAgent", ua));
    }

    private static void sessionKeys(SessionClaims session, RequestEnvironment env, ContextKeys.Builder keys) {
        keys.put("aws:TokenIssueTime", session.issuedAt().toString());
        // Identity-provider keys that stay available to a federated session (e.g. <provider>:sub, :aud, :amr).
        session.federationClaims().forEach((key, values) -> {
            if (values.size() == 1) {
                keys.put(key, values.getFirst());
            } else {
                keys.putMulti(key, values);
            }
        });
        session.sourceIdentity().ifPresent(s -> keys.put("aws:SourceIdentity", s));
        boolean mfaApplies = switch (session.origin()) {
            case ASSUME_ROLE, GET_SESSION_TOKEN -> true;
            case ASSUME_ROLE_WITH_WEB_IDENTITY, ASSUME_ROLE_WITH_SAML, GET_FEDERATION_TOKEN, ASSUME_ROOT,
                    GET_DELEGATED_ACCESS_TOKEN -> false;
        };
        if (mfaApplies) {
            keys.put("aws:MultiFactorAuthPresent", Boolean.toString(session.mfaAuthenticatedAt().isPresent()));
            session.mfaAuthenticatedAt().ifPresent(at -> keys.put("aws:MultiFactorAuthAge",
                    Long.toString(Math.max(0, Duration.between(at, env.time()).toSeconds()))));
        }
    }

    public static String principalArn(Caller caller) {
        return switch (caller) {
            case Caller.Root root -> root.arn();
            case Caller.IamUser user -> user.arn();
            case Caller.RoleSession session -> session.role().arn(session.partition()).toString();
            case Caller.FederatedUser federated -> federated.arn();
        };
    }

    /** Entity tags overridden, case-insensitively, by the session's tags. */
    public static Map<String, String> principalTags(Caller caller) {
        Map<String, String> byLowerKey = new LinkedHashMap<>();
        Map<String, String> original = new LinkedHashMap<>();
        List<Tag> entityTags = switch (caller) {
            case Caller.Root root -> List.of();
            case Caller.IamUser user -> user.user().tags();
            case Caller.RoleSession session -> session.role().tags();
            case Caller.FederatedUser federated -> federated.parentUser().map(User::tags).orElse(List.of());
        };
        List<SessionTag> sessionTags = caller.session().map(SessionClaims::tags).orElse(List.of());
        if (entityTags.isEmpty() && sessionTags.isEmpty()) {
            return Map.of(); // the common caller: no maps built on every request
        }
        entityTags.forEach(t -> put(byLowerKey, original, t.key(), t.value()));
        sessionTags.forEach((SessionTag t) -> put(byLowerKey, original, t.key(), t.value()));
        Map<String, String> result = new LinkedHashMap<>();
        byLowerKey.forEach((lower, value) -> result.put(original.get(lower), value));
        return result;
    }

    private static void put(Map<String, String> byLowerKey, Map<String, String> original, String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        byLowerKey.put(lower, value);
        original.put(lower, key);
    }

    public static PrincipalIdentity identity(Caller caller) {
        return switch (caller) {
            case Caller.Root root -> new PrincipalIdentity(root.account(), root.principalType(),
                    Optional.of(root.arn()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
            case Caller.IamUser user -> new PrincipalIdentity(user.account(), user.principalType(),
                    Optional.of(user.arn()), Optional.of(user.user().userId()), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            case Caller.RoleSession session -> roleIdentity(session.role(), session);
            case Caller.FederatedUser federated -> new PrincipalIdentity(federated.account(),
                    federated.principalType(), Optional.empty(), Optional.empty(), Optional.of(federated.arn()),
                    Optional.of(federated.parentUser().map(u -> u.arn(federated.partition()).toString())
                            .orElse(federated.partition().root(federated.account()).toString())),
                    Optional.empty(), Optional.empty());
        };
    }

    private static PrincipalIdentity roleIdentity(Role role, Caller.RoleSession session) {
        return new PrincipalIdentity(role.account(), session.principalType(),
                Optional.of(role.arn(session.partition()).toString()),
                Optional.of(role.roleId()), Optional.of(session.arn()), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
