package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's services (the file of {@code serve --service-catalogue}): for each service prefix, the account that
 * owns it, the name its clients sign with, its actions, the ARN format of its resource types and the condition keys
 * its requests carry, as AWS's Service Authorization Reference declares them for AWS's services. The authorization
 * API answers only for what is declared here.
 */
public final class ServiceCatalogue {
    /** Prefixes of Lanyard's own APIs and of the S3 gateway: a declared service must not pass for one of them. */
    static final Set<String> RESERVED_PREFIXES = Set.of("iam", "sts", "organizations", "s3", "lanyard", "aws");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9a-fA-F.:]{2,45}");
    /** Keys of the global context a service may supply, besides its own ({@code <prefix>:...}). */
    private static final List<String> GLOBAL_KEYS = List.of("aws:RequestTag/${TagKey}", "aws:ResourceTag/${TagKey}",
            "aws:TagKeys");

    private final Map<String, DeclaredService> services;

    private ServiceCatalogue(Map<String, DeclaredService> services) {
        this.services = Map.copyOf(services);
    }

    public static ServiceCatalogue empty() {
        return new ServiceCatalogue(Map.of());
    }

    /** One service: who owns it, how its clients sign, what it declares. */
    public record DeclaredService(String prefix, AccountId account, String signingName, Optional<Set<String>> regions,
            Map<String, DeclaredAction> actions, Map<String, Template> resourceTypes,
            Map<String, ConditionKeyType> conditionKeys, List<Route> routes, Set<String> trustedProxies) {
        public DeclaredService {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(account, "account is null");
            requireNonNull(signingName, "signingName is null");
            requireNonNull(regions, "regions is null");
            actions = Map.copyOf(actions);
            resourceTypes = Map.copyOf(resourceTypes);
            conditionKeys = Map.copyOf(conditionKeys);
            routes = List.copyOf(routes);
            trustedProxies = Set.copyOf(trustedProxies);
        }

        /** The action named {@code name} (case-insensitive, as policies match actions). */
        public Optional<DeclaredAction> action(String name) {
            return Optional.ofNullable(actions.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The ARN that {@code lanyard:Authorize} is decided on: the service in its owner's account. */
        public String arn(Partition partition) {
            return partition.arn("lanyard", "", account.value(), "service/" + prefix).toString();
        }

        /** The declared type of a concrete key ({@code aws:RequestTag/team} for {@code aws:RequestTag/${TagKey}}). */
        Optional<ConditionKeyType> keyType(String declaredPattern) {
            return Optional.ofNullable(conditionKeys.get(declaredPattern));
        }
    }

    /**
     * An action, {@code orders:GetOrder}: the resource types it acts on (none: only {@code "*"}) and the condition
     * keys a request for it may carry (patterns as declared).
     */
    public record DeclaredAction(String name, List<String> resourceTypes, List<String> conditionKeys) {
        public DeclaredAction {
            requireNonNull(name, "name is null");
            resourceTypes = List.copyOf(resourceTypes);
            conditionKeys = List.copyOf(conditionKeys);
        }

        /** The declared key pattern a concrete key is an instance of, if the action carries it. */
        Optional<String> keyPattern(String key) {
            return conditionKeys.stream().filter(pattern -> Template.key(pattern).matches(key)).findFirst();
        }
    }

    /** The service whose actions are {@code prefix:...} (case-insensitive). */
    public Optional<DeclaredService> service(String prefix) {
        return Optional.ofNullable(services.get(prefix.toLowerCase(Locale.ROOT)));
    }

    public Set<String> prefixes() {
        return services.keySet();
    }

    /**
     * Reads a catalogue, refusing anything it does not understand.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public static ServiceCatalogue parse(String json) {
        StrictJson.Reader root = StrictJson.object(StrictJson.parse(json), "catalogue", Set.of("Services"));
        Map<String, DeclaredService> services = new LinkedHashMap<>();
        root.required("Services").properties().forEach(entry -> {
            DeclaredService service = service(entry.getKey(), entry.getValue());
            services.put(service.prefix(), service);
        });
        return new ServiceCatalogue(services);
    }

    private static DeclaredService service(String prefix, JsonNode node) {
        String where = "Services." + prefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(where + ": a service prefix is 1 to 64 lowercase letters, digits and"
                    + " hyphens");
        }
        if (RESERVED_PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException(where + ": '" + prefix + "' is Lanyard's own; choose another prefix");
        }
        StrictJson.Reader service = StrictJson.object(node, where, Set.of("Account", "SigningName", "Regions",
                "ResourceTypes", "ConditionKeys", "Actions", "Routes", "TrustedProxies"));
        String accountText = service.requiredText("Account");
        if (!AccountId.isValid(accountText)) {
            throw new IllegalArgumentException(where + ".Account: '" + accountText + "' is not a 12-digit account ID");
        }
        AccountId account = AccountId.of(accountText);
        String signingName = service.optionalText("SigningName").orElse(prefix);
        if (!PREFIX.matcher(signingName).matches()) {
            throw new IllegalArgumentException(where + ".SigningName: '" + signingName + "' is not a signing name");
        }
        if (RESERVED_PREFIXES.contains(signingName)) {
            // requests signed for Lanyard's own APIs (an identity proof for STS, say) must never pass as the service's
            throw new IllegalArgumentException(where + ".SigningName: '" + signingName + "' is Lanyard's own");
        }
        Optional<Set<String>> regions = service.optional("Regions").map(r -> Set.copyOf(texts(r, where
                + ".Regions", REGION, "a region")));
        Map<String, Template> resourceTypes = new LinkedHashMap<>();
        service.optional("ResourceTypes").ifPresent(types -> types.properties().forEach(e -> resourceTypes.put(
                e.getKey(), resourceType(where + ".ResourceTypes." + e.getKey(), e.getKey(), e.getValue(), prefix))));
        Map<String, ConditionKeyType> keys = new LinkedHashMap<>();
        service.optional("ConditionKeys").ifPresent(declared -> declared.properties().forEach(e -> keys.put(
                e.getKey(), conditionKey(where + ".ConditionKeys." + e.getKey(), e.getKey(), e.getValue(), prefix))));
        Map<String, DeclaredAction> actions = new LinkedHashMap<>();
        service.required("Actions").properties().forEach(e -> {
            DeclaredAction action = action(where + ".Actions." + e.getKey(), e.getKey(), e.getValue(), resourceTypes,
                    keys);
            if (actions.put(e.getKey().toLowerCase(Locale.ROOT), action) != null) {
                throw new IllegalArgumentException(where + ".Actions." + e.getKey() + ": declared twice (actions"
                        + " are case-insensitive)");
            }
        });
        List<Route> routes = new ArrayList<>();
        service.optional("Routes").ifPresent(declared -> {
            if (!declared.isArray()) {
                throw new IllegalArgumentException(where + ".Routes: must be an array of routes");
            }
            declared.forEach(r -> routes.add(route(where + ".Routes[" + routes.size() + "]", r, actions)));
        });
        Set<String> proxies = service.optional("TrustedProxies").map(p -> Set.copyOf(texts(p, where
                + ".TrustedProxies", IP_ADDRESS, "an IP address"))).orElse(Set.of());
        return new DeclaredService(prefix, account, signingName, regions, actions, resourceTypes, keys, routes,
                proxies);
    }

    private static Route route(String where, JsonNode node, Map<String, DeclaredAction> actions) {
        StrictJson.Reader route = StrictJson.object(node, where, Set.of("Method", "Path", "Action", "Resource"));
        String action = route.requiredText("Action");
        if (!actions.containsKey(action.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + ".Action: '" + action + "' is not declared in Actions");
        }
        return Route.of(where, route.requiredText("Method"), route.requiredText("Path"),
                actions.get(action.toLowerCase(Locale.ROOT)).name(), route.requiredText("Resource"));
    }

    private static Template resourceType(String where, String name, JsonNode format, String prefix) {
        if (!RESOURCE_TYPE.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": a resource type is letters, digits and hyphens");
        }
        if (!format.isTextual()) {
            throw new IllegalArgumentException(where + ": the ARN format must be a string");
        }
        String text = format.asText();
        String[] fields = text.split(":", 6);
        if (fields.length != 6 || !fields[0].equals("arn") || !fields[2].equals(prefix)) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not an ARN format of service " + prefix
                    + " (arn:${Partition}:" + prefix + ":${Region}:${Account}:<type>/${Id})");
        }
        try {
            return Template.arn(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static ConditionKeyType conditionKey(String where, String key, JsonNode type, String prefix) {
        boolean own = key.toLowerCase(Locale.ROOT).startsWith(prefix + ":") && key.length() > prefix.length() + 1;
        if (!own && !GLOBAL_KEYS.contains(key)) {
            throw new IllegalArgumentException(where + ": a service declares its own keys (" + prefix + ":...) and"
                    + " the tag keys " + GLOBAL_KEYS + "; the other global keys are Lanyard's to set");
        }
        try {
            Template.key(key);
            return ConditionKeyType.of(type.asText());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage()
                    + " (types: String, ARN, Numeric, Bool, Date, ArrayOfString, ArrayOfARN)", e);
        }
    }

    private static DeclaredAction action(String where, String name, JsonNode node, Map<String, Template> types,
            Map<String, ConditionKeyType> keys) {
        if (!ACTION.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": an action name is 1 to 128 letters and digits");
        }
        StrictJson.Reader action = StrictJson.object(node, where, Set.of("ResourceTypes", "ConditionKeys"));
        List<String> resourceTypes = action.optional("ResourceTypes").map(t -> texts(t, where + ".ResourceTypes",
                RESOURCE_TYPE, "a resource type")).orElse(List.of());
        resourceTypes.stream().filter(t -> !types.containsKey(t)).findFirst().ifPresent(t -> {
            throw new IllegalArgumentException(where + ".ResourceTypes: '" + t + "' is not declared in ResourceTypes");
        });
        List<String> actionKeys = action.optional("ConditionKeys").map(k -> texts(k, where + ".ConditionKeys",
                Pattern.compile(".+"), "a key")).orElse(List.of());
        actionKeys.stream().filter(k -> !keys.containsKey(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException(where + ".ConditionKeys: '" + k + "' is not declared in ConditionKeys");
        });
        return new DeclaredAction(name, resourceTypes, actionKeys);
    }

    private static List<String> texts(JsonNode node, String where, Pattern pattern, String what) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        node.forEach(element -> {
            if (!element.isTextual() || !pattern.matcher(element.asText()).matches()) {
                throw new IllegalArgumentException(where + ": " + element + " is not " + what);
            }
            texts.add(element.asText());
        });
        return texts;
    }
}
