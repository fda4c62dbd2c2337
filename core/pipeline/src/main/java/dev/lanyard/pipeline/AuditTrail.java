package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.AuditIdentities;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.AuditEvent.IdentityType;
import dev.lanyard.iam.spi.AuditEvent.UserIdentity;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.model.ServiceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns each call of the Query and JSON APIs into CloudTrail records and hands them to the sink: one record in the
 * caller's account, and for an AssumeRole into another account a second one in the role's account with the same
 * {@code sharedEventID}, as CloudTrail delivers them. Auditing never fails a request: a sink that throws is logged.
 */
public final class AuditTrail {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.audit");
    private static final List<String> READ_ONLY_PREFIXES = List.of("Get", "List", "Describe", "Simulate", "Decode");
    private static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity";
    private static final String ASSUME_ROLE_WITH_SAML = "AssumeRoleWithSAML";

    private final AuditSink sink;
    private final Map<String, AuditElements> elements;
    private final Supplier<String> eventIds;

    /** {@code models} by service name ({@code sts}, {@code iam}); {@code eventIds} makes event IDs (UUIDs). */
    public AuditTrail(AuditSink sink, Map<String, ServiceModel> models, Supplier<String> eventIds) {
        this.sink = requireNonNull(sink, "sink is null");
        Map<String, AuditElements> byService = new HashMap<>();
        models.forEach((service, model) -> byService.put(service, new AuditElements(model)));
        this.elements = Map.copyOf(byService);
        this.eventIds = requireNonNull(eventIds, "eventIds is null");
    }

    /** What the pipeline knows of one call once it is answered. */
    record Call(HttpExchange exchange, String requestId, Instant time, String service, String action, String region,
            Optional<Caller> caller, Optional<String> attemptedKey, Optional<QueryParameters> params,
            Optional<Struct> result, Optional<ObjectNode> jsonInput, Optional<JsonNode> jsonOutput,
            Optional<AwsException> error) {}

    void record(Call call) {
        try {
            AuditEvent event = event(call);
            Optional<String> roleAccount = assumedRoleAccount(call);
            if (call.caller().isPresent() && roleAccount.isPresent()
                    && !roleAccount.get().equals(call.caller().get().account().value())) {
                String shared = eventIds.get();
                sink.record(event.withShared(shared));
                sink.record(event.forAccount(eventIds.get(), roleAccount.get(),
                        AuditIdentities.asOtherAccount(call.caller().get()), shared));
            } else {
                sink.record(event);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auditing request " + call.requestId() + " failed: " + e);
        }
    }

    private AuditEvent event(Call call) {
        boolean readOnly = readOnly(call.action());
        Optional<AuditEvent.Elements> request;
        Optional<AuditEvent.Elements> response;
        AuditElements modelled = elements.get(call.service());
        if (call.jsonInput().isPresent()) {
            request = jsonElements(call.jsonInput().get());
            response = readOnly ? Optional.empty() : call.jsonOutput().flatMap(AuditTrail::jsonElements);
        } else if (modelled != null) {
            request = call.params().flatMap(p -> modelled.request(call.action(), p));
            response = readOnly ? Optional.empty() : modelled.response(call.action(), call.result());
        } else {
            request = Optional.empty();
            response = Optional.empty();
        }
        Optional<AwsException> error = call.error();
        HttpExchange exchange = call.exchange();
        return new AuditEvent(eventIds.get(), call.time(), call.service() + ".amazonaws.com", call.action(),
                call.region(), exchange.remoteAddress(), exchange.header("User-Agent"), identity(call), request,
                response, error.map(e -> e.errorCode().code()), error.map(Throwable::getMessage), call.requestId(),
                readOnly, resources(call), recipient(call), Optional.empty(), exchange.tlsDetails(),
                AuditEvent.Category.MANAGEMENT, error.map(AwsException::operatorDetail).filter(d -> !d.isEmpty()));
    }

    private static UserIdentity identity(Call call) {
        if (call.caller().isPresent()) {
            return AuditIdentities.of(call.caller().get());
        }
        Optional<Struct> result = call.result();
        return switch (call.action()) {
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> {
                Optional<String> provider = text(result, "Provider").map(AuditTrail::issuerName);
                Optional<String> subject = text(result, "SubjectFromWebIdentityToken");
                Optional<String> principal = provider.flatMap(p -> text(result, "Audience").flatMap(aud ->
                        subject.map(sub -> p + ":" + aud + ":" + sub)));
                yield UserIdentity.federated(IdentityType.WEB_IDENTITY_USER, principal, subject, provider);
            }
            case ASSUME_ROLE_WITH_SAML -> {
                Optional<String> qualifier = text(result, "NameQualifier");
                Optional<String> subject = text(result, "Subject");
                yield UserIdentity.federated(IdentityType.SAML_USER,
                        qualifier.flatMap(q -> subject.map(s -> q + ":" + s)), subject, qualifier);
            }
            default -> UserIdentity.unknown(call.attemptedKey());
        };
    }

    /** An OIDC provider's ARN names its issuer after {@code oidc-provider/}: CloudTrail shows the issuer. */
    private static String issuerName(String providerArn) {
        int at = providerArn.indexOf("oidc-provider/");
        return at < 0 ? providerArn : providerArn.substring(at + "oidc-provider/".length());
    }

    private static Optional<String> text(Optional<Struct> result, String field) {
        return result.map(r -> r.fields().get(field)).filter(Value.Text.class::isInstance)
                .map(v -> ((Value.Text) v).value());
    }

    /** The account a record goes to: the caller's, or for an unsigned federation call the role's. */
    private static Optional<String> recipient(Call call) {
        if (call.caller().isPresent()) {
            return Optional.of(call.caller().get().account().value());
        }
        return roleArn(call).flatMap(Arn::accountId).map(AccountId::value);
    }

    private static Optional<String> assumedRoleAccount(Call call) {
        return call.action().equals("AssumeRole") ? roleArn(call).flatMap(Arn::accountId).map(AccountId::value)
                : Optional.empty();
    }

    private static Optional<Arn> roleArn(Call call) {
        return call.params().flatMap(p -> p.get("RoleArn")).flatMap(Arn::parse);
    }

    private static List<AuditEvent.Resource> resources(Call call) {
        List<AuditEvent.Resource> resources = new ArrayList<>(2);
        if (call.service().equals("sts") && call.action().startsWith("AssumeRole")) {
            roleArn(call).ifPresent(arn -> arn.accountId().ifPresent(account ->
                    resources.add(new AuditEvent.Resource(arn.toString(), account.value(), "AWS::IAM::Role"))));
            if (call.action().equals(ASSUME_ROLE_WITH_SAML)) {
                call.params().flatMap(p -> p.get("PrincipalArn")).flatMap(Arn::parse).ifPresent(arn ->
                        arn.accountId().ifPresent(account -> resources.add(new AuditEvent.Resource(arn.toString(),
                                account.value(), "AWS::IAM::SAMLProvider"))));
            }
        }
        return resources;
    }

    /**
     * CloudTrail's {@code readOnly}: reads (Get, List, Describe, Simulate, Decode), except the STS calls that issue
     * credentials (GetSessionToken, GetFederationToken...), which create a session.
     */
    static boolean readOnly(String action) {
        if (action.equals("GetSessionToken") || action.equals("GetFederationToken")
                || action.equals("GetWebIdentityToken") || action.equals("GetDelegatedAccessToken")) {
            return false;
        }
        return READ_ONLY_PREFIXES.stream().anyMatch(action::startsWith);
    }

    /** A JSON-protocol body in CloudTrail's naming (first letters lower-cased at every depth). */
    private static Optional<AuditEvent.Elements> jsonElements(JsonNode node) {
        JsonNode renamed = lowerFirstKeys(node);
        return renamed.isObject() && !renamed.isEmpty() ? Optional.of(new AuditEvent.Elements(renamed.toString()))
                : Optional.empty();
    }

    private static JsonNode lowerFirstKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode renamed = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                renamed.set(AuditElements.lowerFirst(field.getKey()), lowerFirstKeys(field.getValue()));
            }
            return renamed;
        }
        if (node.isArray()) {
            var items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(lowerFirstKeys(item)));
            return items;
        }
        return node;
    }
}
