package dev.lanyard.iamapi;

import dev.lanyard.authz.ServiceAuthorization;
import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AccountAlias;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.CreateAccountStatus;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InstanceProfile;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.OidcProvider;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.model.OutboundFederation;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.SamlProvider;
import dev.lanyard.iam.model.ServerCertificate;
import dev.lanyard.iam.model.ServiceLinkedRoleDeletion;
import dev.lanyard.iam.model.ServiceSpecificCredential;
import dev.lanyard.iam.model.SigningCertificate;
import dev.lanyard.iam.model.SshPublicKey;
import dev.lanyard.iam.model.StsPreferences;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The condition keys of one IAM request beyond the global ones (iam-policy.md §5.2): exactly the keys the action's
 * row of the Service Authorization Reference lists, each read from the signed parameters or from the entity the
 * request acts on. A key the request does not supply is absent, never an empty string.
 */
public final class IamRequestKeys {
    private IamRequestKeys() {}

    /**
     * What one request offers as key values: its action's row, its parameters and the existing entity it names. A
     * parameter counts only for an action whose input has it: an extra {@code PermissionsBoundary} or {@code TagKeys}
     * sent to another action is ignored by the operation and must not set a key either.
     */
    private record Request(String operation, ActionAuthorization action, QueryParameters params, AccountView view,
            Optional<IamEntity> target) {
        String name() {
            return action.action().substring(action.action().indexOf(':') + 1);
        }
    }

    /** The values of one key pattern for one request: concrete key names to their values (none: key absent). */
    @FunctionalInterface
    private interface Source {
        Map<String, List<String>> values(Request request);
    }

    /**
     * Where an operation that needs iam:PassRole passes the role: the service principal that will use it
     * ({@code iam:PassedToService}) and the resource it is associated with ({@code iam:AssociatedResourceArn}).
     */
    record RoleDestination(String service, String associatedResourceArn) {}

    /**
     * The operations that pass a role, by name. An instance profile hands its role to EC2 for the instances launched
     * with it; which instance is not known yet, so AWS documents the associated resource of AddRoleToInstanceProfile
     * as {@code arn:aws:ec2:*:<caller's account>:instance/*} (in the served partition), the same value for every request.
     */
    static final Map<String, Function<AccountView, RoleDestination>> ROLE_DESTINATIONS = Map.of(
            "AddRoleToInstanceProfile", view -> new RoleDestination("ec2.amazonaws.com",
                    view.partition().arn("ec2", "*", view.account().value(), "instance/*").toString()));

    /** The actions whose input sets a permissions boundary; the others' key is the boundary the target has. */
    public static final Set<String> SET_BOUNDARY = Set.of("CreateUser", "CreateRole", "PutUserPermissionsBoundary",
            "PutRolePermissionsBoundary");

    /**
     * Where each key comes from, by the reference's spelling of the key (lower case). Every row that lists
     * iam:PolicyARN, aws:RequestTag or a service name is an action whose input has that parameter.
     */
    private static final Map<String, Source> SOURCES = Map.ofEntries(
            Map.entry("iam:policyarn", parameter("PolicyArn", "iam:PolicyARN")),
            Map.entry("iam:permissionsboundary", r -> single("iam:PermissionsBoundary",
                    SET_BOUNDARY.contains(r.name()) ? r.params().get("PermissionsBoundary")
                            : r.target().flatMap(IamRequestKeys::boundary))),
            // IAM documents iam:ResourceTag for users and roles and supports aws:ResourceTag alongside it.
            Map.entry("iam:resourcetag/${tagkey}", r -> tagValues("iam:ResourceTag/", r.target()
                    .filter(e -> e instanceof User || e instanceof Role).map(IamRequestKeys::tags).orElse(List.of()))),
            Map.entry("aws:resourcetag/${tagkey}", r -> tagValues("aws:ResourceTag/",
                    r.target().map(IamRequestKeys::tags).orElse(List.of()))),
            Map.entry("aws:requesttag/${tagkey}", r -> tagValues("aws:RequestTag/", requestTags(r.params()))),
            Map.entry("aws:tagkeys", IamRequestKeys::tagKeys),
            Map.entry("iam:awsservicename", parameter("AWSServiceName", "iam:AWSServiceName")),
            // Only iam:PassRole lists these, and only for an operation that passes the role somewhere.
            Map.entry("iam:passedtoservice", r -> single("iam:PassedToService", destination(r)
                    .map(RoleDestination::service))),
            Map.entry("iam:associatedresourcearn", r -> single("iam:AssociatedResourceArn", destination(r)
                    .map(RoleDestination::associatedResourceArn))),
            Map.entry("iam:organizationspolicyid", parameter("OrganizationsPolicyId", "iam:OrganizationsPolicyId")),
            // CreateServiceSpecificCredential names the service; the others name a credential, whose service it is.
            Map.entry("iam:servicespecificcredentialservicename", r -> single(
                    "iam:ServiceSpecificCredentialServiceName", r.params().get("ServiceName").filter(n ->
                            r.name().equals("CreateServiceSpecificCredential")).or(() -> r.params()
                            .get("ServiceSpecificCredentialId").flatMap(r.view()::serviceSpecificCredential)
                            .map(ServiceSpecificCredential::serviceName)))),
            Map.entry("iam:servicespecificcredentialagedays", parameter("CredentialAgeDays",
                    "iam:ServiceSpecificCredentialAgeDays")),
            Map.entry("iam:delegationduration", parameter("SessionDuration", "iam:DelegationDuration")),
            Map.entry("iam:notificationchannel", parameter("NotificationChannel", "iam:NotificationChannel")),
            Map.entry("iam:templatearn", parameter("Permissions.PolicyTemplateArn", "iam:TemplateArn")),
            // The identity that owns the request acted on; ListDelegationRequests names one (OwnerId).
            Map.entry("iam:delegationrequestowner", r -> single("iam:DelegationRequestOwner", r.target()
                    .flatMap(e -> e instanceof DelegationRequest d ? d.ownerId() : Optional.empty())
                    .or(() -> r.params().get("OwnerId").filter(o -> r.name().equals("ListDelegationRequests"))))));

    /** The actions operations authorize besides their own (AddRoleToInstanceProfile: iam:PassRole). */
    public static final Set<String> DEPENDENT_ACTIONS = Set.of("PassRole");

    /** Keys of served actions that no request to Lanyard carries, and why; every other key needs a source. */
    public static final Map<String, String> NEVER_CARRIED = Map.of(
            "iam:roletemplatearn", "names a role template, a CreateRole input Lanyard does not take",
            "iam:fido-certification", "describes a FIDO security key; Lanyard's MFA devices are virtual (TOTP)",
            "iam:fido-fips-140-2-certification", "describes a FIDO security key; Lanyard's MFA devices are virtual",
            "iam:fido-fips-140-3-certification", "describes a FIDO security key; Lanyard's MFA devices are virtual",
            "iam:registersecuritykey", "describes the registration of a FIDO security key; Lanyard's MFA devices"
                    + " are virtual (TOTP)");

    /** Whether a key, as the reference spells it ({@code aws:RequestTag/${TagKey}}), has a source here. */
    public static boolean sourced(String pattern) {
        return SOURCES.containsKey(pattern.toLowerCase(Locale.ROOT));
    }

    /** Where the operation passes the role; an operation that asks for iam:PassRole must say where. */
    private static Optional<RoleDestination> destination(Request r) {
        Function<AccountView, RoleDestination> destination = ROLE_DESTINATIONS.get(r.operation());
        if (destination == null) {
            throw new IllegalStateException(r.operation() + " authorizes " + r.action().action()
                    + " without a destination in IamRequestKeys.ROLE_DESTINATIONS");
        }
        return Optional.of(destination.apply(r.view()));
    }

    private static Source parameter(String name, String key) {
        return r -> single(key, r.params().get(name));
    }

    private static Map<String, List<String>> single(String key, Optional<String> value) {
        return value.map(v -> Map.of(key, List.of(v))).orElse(Map.of());
    }

    private static Map<String, List<String>> tagValues(String prefix, List<Tag> tags) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        tags.forEach(t -> values.put(prefix + t.key(), List.of(t.value())));
        return values;
    }

    /**
     * The keys of one request of {@code operation} for {@code action} (the operation's own action, or another it
     * needs, such as iam:PassRole), with {@code target} the existing entity it names; a key is multivalued when the
     * reference types it ArrayOf..., whatever the number of values.
     */
    static ContextKeys of(String operation, ActionAuthorization action, QueryParameters params, AccountView view,
            Optional<IamEntity> target) {
        ContextKeys.Builder keys = ContextKeys.builder();
        Request request = new Request(operation, action, params, view, target);
        action.conditionKeys().forEach((pattern, type) -> {
            Source source = SOURCES.get(pattern.toLowerCase(Locale.ROOT));
            if (source == null) {
                return;
            }
            source.values(request).forEach((key, values) -> {
                if (type.multivalued()) {
                    keys.putMulti(key, values);
                } else {
                    keys.put(key, values.getFirst());
                }
            });
        });
        return keys.build();
    }

    /**
     * Refuses a registry in which an operation has no row in the reference, or whose row names a key with neither a
     * source nor a reason it is never carried: the next operation cannot forget its keys.
     */
    static void requireSources(ServiceAuthorization reference, Collection<String> operations) {
        reference.requireRows("iam", operations);
        if (!operations.containsAll(ROLE_DESTINATIONS.keySet())) {
            throw new IllegalStateException("role destinations of operations not registered: "
                    + ROLE_DESTINATIONS.keySet());
        }
        TreeSet<String> unsourced = new TreeSet<>();
        for (String op : Stream.concat(operations.stream(), DEPENDENT_ACTIONS.stream()).toList()) {
            for (String key : reference.require("iam:" + op).conditionKeys().keySet()) {
                String lower = key.toLowerCase(Locale.ROOT);
                if (!SOURCES.containsKey(lower) && !NEVER_CARRIED.containsKey(lower)) {
                    unsourced.add("iam:" + op + " " + key);
                }
            }
        }
        if (!unsourced.isEmpty()) {
            throw new IllegalStateException("condition keys with no source in IamRequestKeys: " + unsourced);
        }
    }

    /**
     * The existing entity of the caller's account that {@code resource} names exactly (IAM never crosses accounts),
     * when it is of a resource type the action's row lists: the entity whose boundary and tags the keys describe.
     */
    static Optional<IamEntity> target(AccountView view, String resource, ActionAuthorization action) {
        Optional<String> type = Arn.parse(resource)
                .filter(a -> a.service().equals("iam") && view.owns(resource))
                .map(Arn::resourceType)
                .filter(t -> action.resourceTypes().stream().anyMatch(r -> r.name().equals(t)));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String name = Arn.parse(resource).orElseThrow().resourceName();
        Optional<? extends IamEntity> found = switch (type.get()) {
            case "user", "role", "group" -> view.principal(resource);
            case "policy" -> view.policy(resource);
            case "oidc-provider" -> view.oidcProvider(resource);
            case "saml-provider" -> view.samlProvider(resource);
            case "mfa" -> view.mfaDevice(resource);
            case "instance-profile" -> view.instanceProfile(name).filter(p -> p.arn().toString().equals(resource));
            case "server-certificate" -> view.serverCertificate(name).filter(c -> c.arn().equals(resource));
            // A request's ARN names its requestor's account; its owner's account sees it by ID.
            case "delegation-request" -> view.delegationRequest(name);
            default -> Optional.empty();
        };
        return found.map(IamEntity.class::cast);
    }

    private static List<Tag> tags(IamEntity entity) {
        return switch (entity) {
            case User u -> u.tags();
            case Role r -> r.tags();
            case ManagedPolicy p -> p.tags();
            case OidcProvider o -> o.tags();
            case SamlProvider s -> s.tags();
            case MfaDevice d -> d.tags();
            case InstanceProfile p -> p.tags();
            case ServerCertificate c -> c.tags();
            case Group g -> List.of();
            case Account a -> List.of();
            case Organization o -> List.of();
            case CreateAccountStatus s -> List.of();
            case AccessKey k -> List.of();
            case AccountAlias a -> List.of();
            case OutboundFederation f -> List.of();
            case OutboundSigningKeys k -> List.of();
            case LoginProfile l -> List.of();
            case PasswordPolicy p -> List.of();
            case ServiceLinkedRoleDeletion d -> List.of();
            case SshPublicKey k -> List.of();
            case SigningCertificate c -> List.of();
            case ServiceSpecificCredential c -> List.of();
            case DelegationRequest r -> List.of();
            case StsPreferences p -> List.of();
            case OrganizationsFeatures f -> List.of();
        };
    }

    private static Optional<String> boundary(IamEntity entity) {
        return switch (entity) {
            case User u -> u.permissionsBoundaryArn();
            case Role r -> r.permissionsBoundaryArn();
            default -> Optional.empty();
        };
    }

    /** The {@code Tags} of the request as sent; the operation validates them. */
    private static List<Tag> requestTags(QueryParameters params) {
        List<Tag> tags = new ArrayList<>();
        for (Map<String, String> entry : params.structList("Tags")) {
            String key = entry.get("Key");
            if (key != null) {
                tags.add(new Tag(key, entry.getOrDefault("Value", "")));
            }
        }
        return tags;
    }

    /**
     * The tag keys a request adds (the {@code Tags} of an action that takes tags, one whose row lists
     * aws:RequestTag) or removes (the {@code TagKeys} of an Untag action); absent when it names none.
     */
    private static Map<String, List<String>> tagKeys(Request r) {
        boolean addsTags = r.action().conditionKeys().keySet().stream()
                .anyMatch(k -> k.equalsIgnoreCase("aws:RequestTag/${TagKey}"));
        List<String> keys = addsTags ? requestTags(r.params()).stream().map(Tag::key).toList()
                : r.params().list("TagKeys");
        return keys.isEmpty() ? Map.of() : Map.of("aws:TagKeys", keys);
    }
}
