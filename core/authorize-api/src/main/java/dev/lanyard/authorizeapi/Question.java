package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authorizeapi.ServiceCatalogue.DeclaredAction;
import dev.lanyard.authorizeapi.ServiceCatalogue.DeclaredService;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.LabeledPolicy;
import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import dev.lanyard.policy.PolicyRef;
import dev.lanyard.policy.PolicySource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A question checked against the catalogue: a declared action, a resource of one of its resource types, a valid
 * resource-based policy, only the condition keys the action declares with values of their types. Whatever the service
 * got wrong is its error (400), never a decision.
 */
record Question(DeclaredService service, DeclaredAction action, AccessRequest request) {
    /** A policy passed with a question is named so in the deciding statements. */
    static final String RESOURCE_POLICY_NAME = "ResourcePolicy";
    /** Resource-based policies of AWS services are at most 20 KB (S3's bucket policies); so are these. */
    static final int MAX_POLICY_CHARS = 20 * 1024;

    Question {
        requireNonNull(service, "service is null");
        requireNonNull(action, "action is null");
        requireNonNull(request, "request is null");
    }

    String actionName() {
        return service.prefix() + ":" + action.name();
    }

    /** The service an action ({@code orders:GetOrder}) belongs to, as the catalogue declares it. */
    static DeclaredService service(ServiceCatalogue catalogue, String action) {
        int colon = action.indexOf(':');
        if (colon <= 0) {
            throw AuthorizeErrors.actionNotQualified(action);
        }
        String prefix = action.substring(0, colon);
        return catalogue.service(prefix).orElseThrow(() -> AuthorizeErrors.undeclaredService(prefix));
    }

    /** {@code actionName} is {@code service:Action}, of {@code service}. */
    static Question of(DeclaredService service, String actionName, String resource, Optional<String> resourcePolicy,
            Map<String, List<String>> context) {
        String name = actionName.substring(actionName.indexOf(':') + 1);
        DeclaredAction action = service.action(name).orElseThrow(() -> AuthorizeErrors.undeclaredAction(
                actionName, service.prefix(), service.actions().values().stream().map(DeclaredAction::name).sorted()
                        .toList()));
        checkResource(service, action, resource);
        Optional<LabeledPolicy> policy = resourcePolicy.map(Question::resourcePolicy);
        ContextKeys keys = contextKeys(service, action, context);
        Optional<AccountId> resourceAccount = Arn.parse(resource).map(Arn::account)
                .filter(AccountId::isValid).map(AccountId::of);
        return new Question(service, action, new AccessRequest(service.prefix() + ":" + action.name(), resource,
                resourceAccount, keys, policy, false));
    }

    private static void checkResource(DeclaredService service, DeclaredAction action, String resource) {
        if (action.resourceTypes().isEmpty()) {
            if (!resource.equals("*")) {
                throw AuthorizeErrors.actsOnNoResource(service.prefix() + ":" + action.name());
            }
            return;
        }
        boolean declared = action.resourceTypes().stream()
                .anyMatch(type -> service.resourceTypes().get(type).matches(resource));
        if (!declared) {
            throw AuthorizeErrors.notAResourceOf(resource, service.prefix() + ":" + action.name(),
                    action.resourceTypes().stream().map(type -> type + ": " + service.resourceTypes().get(type).text())
                            .toList());
        }
    }

    private static LabeledPolicy resourcePolicy(String json) {
        if (json.length() > MAX_POLICY_CHARS) {
            throw AuthorizeErrors.policyTooLarge();
        }
        PolicyDocument document = switch (PolicyParser.parse(json, PolicyKind.RESOURCE)) {
            case ParseResult.Valid valid -> valid.document();
            case ParseResult.Invalid invalid -> throw AwsErrors.malformedPolicyDocument(invalid.message());
        };
        return new LabeledPolicy(new PolicyRef(PolicySource.RESOURCE, RESOURCE_POLICY_NAME), document);
    }

    private static ContextKeys contextKeys(DeclaredService service, DeclaredAction action,
            Map<String, List<String>> context) {
        ContextKeys.Builder keys = ContextKeys.builder();
        context.forEach((key, values) -> {
            String pattern = action.keyPattern(key).orElseThrow(() -> AuthorizeErrors.undeclaredConditionKey(
                    key, service.prefix() + ":" + action.name(), action.conditionKeys()));
            ConditionKeyType type = service.keyType(pattern).orElseThrow();
            if (values.isEmpty() || (!type.multivalued() && values.size() > 1)) {
                throw AuthorizeErrors.wrongValueCount(key, type);
            }
            values.forEach(value -> checkValue(key, type, value));
            if (type.multivalued()) {
                keys.putMulti(key, values);
            } else {
                keys.put(key, values.getFirst());
            }
        });
        return keys.build();
    }

    private static void checkValue(String key, ConditionKeyType type, String value) {
        boolean valid = switch (type) {
            case STRING, ARRAY_OF_STRING -> true;
            case ARN, ARRAY_OF_ARN -> Arn.parse(value).isPresent();
            case NUMERIC -> isNumber(value);
            case BOOL -> value.equals("true") || value.equals("false");
            case DATE -> isDate(value);
        };
        if (!valid) {
            throw AuthorizeErrors.notAValueOf(key, type, value);
        }
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return isNumber(value);
        }
    }
}
