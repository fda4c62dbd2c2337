package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestContextFactory;
import dev.lanyard.aws.AwsException;
import dev.lanyard.policy.Decision;
import dev.lanyard.policy.MatchedStatement;
import dev.lanyard.policy.Outcome;
import dev.lanyard.tokens.SessionClaims;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer about the service's request: allowed, denied by IAM (explicitly or for want of an allow), or not
 * authenticated at all; who signed it; the statements that decided; and, unless allowed, the error AWS would have
 * answered the client with, for the service to pass on.
 */
record Verdict(Kind kind, Optional<Caller> caller, List<MatchedStatement> deciding, Optional<AwsException> error,
        List<String> trace) {
    enum Kind {
        ALLOWED("Allowed"), EXPLICIT_DENY("ExplicitDeny"), IMPLICIT_DENY("ImplicitDeny"),
        UNAUTHENTICATED("Unauthenticated");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Kind of(Outcome outcome) {
            return switch (outcome) {
                case ALLOWED -> ALLOWED;
                case EXPLICIT_DENY -> EXPLICIT_DENY;
                case IMPLICIT_DENY -> IMPLICIT_DENY;
            };
        }
    }

    Verdict {
        requireNonNull(kind, "kind is null");
        requireNonNull(caller, "caller is null");
        deciding = List.copyOf(deciding);
        requireNonNull(error, "error is null");
        trace = List.copyOf(trace);
        if ((kind == Kind.ALLOWED) == error.isPresent()) {
            throw new IllegalArgumentException("an allow has no error and a refusal has one: " + kind);
        }
    }

    static Verdict unauthenticated(AwsException error) {
        return new Verdict(Kind.UNAUTHENTICATED, Optional.empty(), List.of(), Optional.of(error), List.of());
    }

    static Verdict decided(Caller caller, Decision decision, Optional<AwsException> denial) {
        return new Verdict(Kind.of(decision.outcome()), Optional.of(caller), decision.determining(), denial,
                decision.trace());
    }

    boolean allowed() {
        return kind == Kind.ALLOWED;
    }

    ObjectNode toJson(String requestId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Allowed", allowed());
        json.put("Decision", kind.wireName());
        caller.ifPresent(c -> json.set("Principal", principal(c)));
        ArrayNode statements = json.putArray("DecidingStatements");
        deciding.forEach(statement -> statements.add(statement(statement)));
        error.ifPresent(e -> json.putObject("Error").put("Code", e.errorCode().code()).put("Message", e.getMessage())
                .put("HttpStatus", e.errorCode().httpStatus()));
        json.put("RequestId", requestId);
        return json;
    }

    private static ObjectNode principal(Caller caller) {
        ObjectNode principal = JsonNodeFactory.instance.objectNode();
        principal.put("Account", caller.account().value());
        principal.put("Arn", caller.arn());
        principal.put("UserId", caller.userId());
        principal.put("PrincipalArn", RequestContextFactory.principalArn(caller));
        principal.put("PrincipalType", caller.principalType().wireName());
        principal.put("AccessKeyId", caller.accessKeyId().value());
        Optional<SessionClaims> session = caller.session();
        ObjectNode sessionTags = principal.putObject("SessionTags");
        session.ifPresent(s -> s.tags().forEach(tag -> sessionTags.put(tag.key(), tag.value())));
        ObjectNode principalTags = principal.putObject("PrincipalTags");
        RequestContextFactory.principalTags(caller).forEach(principalTags::put);
        session.flatMap(SessionClaims::sourceIdentity).ifPresent(s -> principal.put("SourceIdentity", s));
        Optional<Instant> mfa = session.flatMap(SessionClaims::mfaAuthenticatedAt);
        principal.put("MultiFactorAuthPresent", mfa.isPresent());
        mfa.ifPresent(at -> principal.put("MultiFactorAuthTime", at.toString()));
        return principal;
    }

    private static ObjectNode statement(MatchedStatement statement) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("PolicyType", statement.policy().source().label());
        json.put("PolicyName", statement.policy().name());
        json.put("StatementIndex", statement.statementIndex());
        statement.sid().ifPresent(sid -> json.put("Sid", sid));
        json.put("Effect", switch (statement.effect()) {
            case ALLOW -> "Allow";
            case DENY -> "Deny";
        });
        return json;
    }
}
