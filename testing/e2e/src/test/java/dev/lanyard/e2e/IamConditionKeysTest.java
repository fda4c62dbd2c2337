package dev.lanyard.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.authz.ServiceAuthorization;
import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.iamapi.IamRequestKeys;
import dev.lanyard.totp.Totp;
import dev.lanyard.totp.TotpParameters;
import dev.lanyard.totp.TotpSeed;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Table-driven, through the server with the AWS SDK: every served IAM action carries the condition keys its row of the
 * Service Authorization Reference lists, and no other. Per action, a request that carries each key (a tagged target
 * with a boundary, request tags, a policy ARN) is refused by a policy that wants another value for any one key and
 * allowed by one that wants all of them, with every key outside the row absent; a request without them leaves the
 * keys absent (not empty): a policy on their value refuses it, {@code Null: true} allows it.
 *
 * <p>The same for the actions operations need besides their own (iam:PassRole of AddRoleToInstanceProfile). The
 * fixtures are checked against the operation registry and the table, so a new operation, or a key added to a row,
 * fails here until it has a case.
 */
class IamConditionKeysTest {
    private static final String TAG = "team";
    private static final String VALUE = "blue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceAuthorization REFERENCE = ServiceAuthorization.load();
    private static final Totp TOTP = new Totp(TotpParameters.AWS);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    /** Actions whose row lists keys of their resource that no fixture can make present, and why. */
    private static final Map<String, String> NEVER_PRESENT_BECAUSE = Map.of(
            "GetMFADevice", "Lanyard authorizes it on the device's serial number, the reference on the user",
            "GetServiceLinkedRoleDeletionStatus", "the role is gone once its deletion task exists",
            "AssociateDelegationRequest", "a request has no owner until it is associated");

    /** Keys that describe the existing resource an action names (its tags, a delegation request's owner). */
    private static final List<String> RESOURCE_KEYS = List.of("ResourceTag", "DelegationRequestOwner");

    private static TestServer server;
    private static IamClient root;
    private static IamClient actor;
    private static String boundary;
    private static String otherBoundary;
    private static String attachable;
    private static String samlMetadata;
    private static String sshKey;
    private static OpensslMaterial serverCertificate;

    /**
     * One call an action makes as the actor once root has prepared it, the keys (with values) it offers, and the
     * other actions the call needs, allowed without conditions (AddRoleToInstanceProfile also needs iam:PassRole).
     */
    private record Probe(Consumer<IamClient> call, Map<String, String> keys, List<String> alsoNeeds) {
        Probe needing(String... actions) {
            return new Probe(call, keys, List.of(actions));
        }
    }

    @FunctionalInterface
    private interface Fixture {
        /** With: the target is tagged and bounded and the request carries its optional keys; without: neither. */
        Probe prepare(String id, boolean with);
    }

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.start();
        root = Clients.iam(server, Clients.root(server));
        boundary = root.createPolicy(r -> r.policyName("Boundary").policyDocument(DOCUMENT)).policy().arn();
        otherBoundary = root.createPolicy(r -> r.policyName("OtherBoundary").policyDocument(DOCUMENT)).policy().arn();
        attachable = root.createPolicy(r -> r.policyName("Attachable").policyDocument(DOCUMENT)).policy().arn();
        root.createUser(r -> r.userName("actor"));
        AccessKey key = root.createAccessKey(r -> r.userName("actor")).accessKey();
        actor = Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
        samlMetadata = new SamlFixture(Files.createDirectories(dir.resolve("saml"))).metadata();
        root.createLoginProfile(r -> r.userName("actor").password(password("actor")));
        sshKey = sshRsaKey();
        serverCertificate = OpensslMaterial.generate();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyKeyOfEveryActionDecides() {
        return Stream.concat(FIXTURES.entrySet().stream(), DEPENDENT_FIXTURES.entrySet().stream())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> exercise(e.getKey(), e.getValue())));
    }

    /** The guard: every served action with a key Lanyard populates has a fixture here, and only those. */
    @Test
    void everyServedActionWithKeysHasAFixture() {
        Set<String> served = new TreeSet<>(server.iamActions());
        Set<String> withKeys = new TreeSet<>();
        for (String op : served) {
            if (REFERENCE.require("iam:" + op).conditionKeys().keySet().stream()
                    .anyMatch(IamRequestKeys::sourced)) {
                withKeys.add(op);
            }
        }
        assertThat(new TreeSet<>(FIXTURES.keySet())).as("fixtures for the served actions whose row has keys")
                .isEqualTo(withKeys);
        assertThat(DEPENDENT_FIXTURES.keySet()).as("fixtures for the actions operations need besides their own")
                .isEqualTo(IamRequestKeys.DEPENDENT_ACTIONS);
    }

    /** A served operation without a row is refused by the registry, so the server cannot start with it. */
    @Test
    void anOperationWithoutARowIsRefused() {
        assertThatThrownBy(() -> REFERENCE.requireRows("iam", List.of("CreateUser", "BrewCoffee")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("iam:BrewCoffee");
        assertThat(REFERENCE.require("iam:AttachUserPolicy").carries("iam:PolicyARN")).isTrue();
        assertThat(REFERENCE.require("iam:GetPolicy").carries("iam:PolicyARN")).isFalse();
        assertThat(REFERENCE.require("iam:TagUser").carries("aws:RequestTag/anything")).isTrue();
        assertThat(REFERENCE.require("iam:UntagUser").conditionKeys().get("aws:TagKeys").multivalued()).isTrue();
        assertThat(REFERENCE.require("sts:AssumeRole").carries("iam:ResourceTag/team")).isTrue();
    }

    /**
     * The keys read from parameters assume the action's input has them: checked against AWS's API model (botocore)
     * for the whole IAM list, so an operation Lanyard adds later is covered too.
     */
    @Test
    void keysFromParametersNameParametersTheActionsTake() throws Exception {
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", "-c", """
                import botocore.session,json
                m=botocore.session.get_session().get_service_model('iam')
                print(json.dumps({o: sorted(m.operation_model(o).input_shape.members)
                    if m.operation_model(o).input_shape else [] for o in m.operation_names}))"""), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, List<String>> inputs = JSON.readValue(result.stdout(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, List<String>>>() { });
        Set<String> settingBoundary = new TreeSet<>();
        inputs.forEach((op, members) -> {
            if (members.contains("PermissionsBoundary")) {
                settingBoundary.add(op);
            }
        });
        assertThat(settingBoundary).isEqualTo(new TreeSet<>(IamRequestKeys.SET_BOUNDARY));
        // The other way round: every action that takes tags (or tag keys to remove) lists the keys that describe them.
        inputs.forEach((op, members) -> {
            if (members.contains("Tags")) {
                assertThat(REFERENCE.require("iam:" + op).carries("aws:RequestTag/any")).as(op + " takes Tags")
                        .isTrue();
            }
            if (members.contains("Tags") || members.contains("TagKeys")) {
                assertThat(REFERENCE.require("iam:" + op).carries("aws:TagKeys")).as(op + " names tag keys").isTrue();
            }
        });
        Map<String, String> parameterOf = Map.of("iam:PolicyARN", "PolicyArn", "aws:RequestTag/${TagKey}", "Tags",
                "iam:AWSServiceName", "AWSServiceName", "iam:OrganizationsPolicyId", "OrganizationsPolicyId",
                "iam:ServiceSpecificCredentialAgeDays", "CredentialAgeDays",
                "iam:DelegationDuration", "SessionDuration", "iam:NotificationChannel", "NotificationChannel",
                "iam:TemplateArn", "Permissions");
        for (ActionAuthorization row : REFERENCE.actions("iam")) {
            String op = row.action().substring("iam:".length());
            List<String> members = inputs.get(op);
            if (members == null) {
                continue; // an action without an API operation of its own (iam:PassRole)
            }
            parameterOf.forEach((key, parameter) -> {
                if (row.conditionKeys().containsKey(key)) {
                    assertThat(members).as(op + " lists " + key).contains(parameter);
                }
            });
            // The service is named by CreateServiceSpecificCredential, else by the credential the request names.
            if (row.conditionKeys().containsKey("iam:ServiceSpecificCredentialServiceName")) {
                assertThat(members).as(op + " names a service or a credential")
                        .containsAnyOf("ServiceName", "ServiceSpecificCredentialId");
            }
            if (row.conditionKeys().containsKey("aws:TagKeys")
                    && !row.conditionKeys().containsKey("aws:RequestTag/${TagKey}")) {
                assertThat(members).as(op + " removes tags").contains("TagKeys");
            }
        }
    }

    private static void exercise(String action, Fixture fixture) {
        ActionAuthorization row = REFERENCE.require("iam:" + action);
        Map<String, ConditionKeyType> sourced = new TreeMap<>();
        row.conditionKeys().forEach((pattern, type) -> {
            if (IamRequestKeys.sourced(pattern)) {
                sourced.put(pattern, type);
            }
        });

        Probe with = fixture.prepare(next(), true);
        Map<String, String> present = new TreeMap<>();
        List<String> absent = new ArrayList<>(neverCarried(row));
        for (String pattern : sourced.keySet()) {
            String key = concrete(pattern);
            if (with.keys().containsKey(key)) {
                present.put(key, with.keys().get(key));
            } else if (RESOURCE_KEYS.stream().anyMatch(pattern::contains) && (creates(action)
                    || NEVER_PRESENT_BECAUSE.containsKey(action))) {
                absent.add(key); // nothing exists yet to describe, or the resource is not the row's
            } else {
                throw new AssertionError(action + ": the fixture does not offer " + key);
            }
        }
        // Keys the request offers but the row does not list are absent: the table decides, not the parameters.
        with.keys().keySet().stream().filter(k -> !row.carries(k)).forEach(absent::add);
        for (Map.Entry<String, String> key : present.entrySet()) {
            expectDenied(action, with, condition(Map.of(key.getKey(), other(key.getValue())), sourced, row));
        }
        Map<String, Object> allMatch = condition(present, sourced, row);
        absent.forEach(k -> nullCondition(allMatch, k));
        expectAllowed(action, with, allMatch);

        Probe without = fixture.prepare(next(), false);
        List<String> missing = new ArrayList<>();
        Map<String, String> stillPresent = new TreeMap<>();
        for (String pattern : sourced.keySet()) {
            String key = concrete(pattern);
            if (without.keys().containsKey(key)) {
                stillPresent.put(key, without.keys().get(key)); // a required parameter, e.g. PolicyArn
            } else {
                missing.add(key);
            }
        }
        for (String key : missing) {
            String value = present.getOrDefault(key, sample(key));
            expectDenied(action, without, condition(Map.of(key, value), sourced, row));
        }
        Map<String, Object> whenAbsent = condition(stillPresent, sourced, row);
        missing.forEach(k -> nullCondition(whenAbsent, k));
        expectAllowed(action, without, whenAbsent);
    }

    /** Whether the action makes the resource its row names, so nothing exists yet to carry that resource's keys. */
    private static boolean creates(String action) {
        return action.startsWith("Create") || action.equals("UploadServerCertificate");
    }

    private static List<String> neverCarried(ActionAuthorization row) {
        return row.conditionKeys().keySet().stream()
                .filter(k -> IamRequestKeys.NEVER_CARRIED.containsKey(k.toLowerCase(Locale.ROOT))).toList();
    }

    private static String concrete(String pattern) {
        return pattern.replace("${TagKey}", TAG);
    }

    private static String sample(String key) {
        return key.endsWith("PolicyARN") || key.endsWith("PermissionsBoundary") ? boundary
                : key.equals("aws:TagKeys") ? TAG : VALUE;
    }

    private static String other(String value) {
        if (value.startsWith("arn:")) {
            return value.equals(otherBoundary) ? boundary : otherBoundary;
        }
        return value.equals(TAG) ? "owner" : "red";
    }

    /** A condition block wanting each key at its value, with the operator its type calls for. */
    private static Map<String, Object> condition(Map<String, String> values, Map<String, ConditionKeyType> sourced,
            ActionAuthorization row) {
        Map<String, Object> condition = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            ConditionKeyType type = row.conditionKeys().entrySet().stream()
                    .filter(e -> concrete(e.getKey()).equalsIgnoreCase(key)).map(Map.Entry::getValue).findFirst()
                    .orElseThrow();
            String operator = switch (type) {
                // ArnLike with the account as a wildcard: ARN keys compare per ARN segment.
                case ARN, ARRAY_OF_ARN -> "ArnLike";
                case ARRAY_OF_STRING -> "ForAnyValue:StringEquals";
                case STRING, NUMERIC, BOOL, DATE -> "StringEquals";
            };
            String wanted = operator.equals("ArnLike") ? value.replace(server.accountId(), "*") : value;
            operatorBlock(condition, operator).put(key, wanted);
        });
        return condition;
    }

    private static void nullCondition(Map<String, Object> condition, String key) {
        operatorBlock(condition, "Null").put(key, "true");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operatorBlock(Map<String, Object> condition, String operator) {
        return (Map<String, Object>) condition.computeIfAbsent(operator, o -> new LinkedHashMap<String, Object>());
    }

    private static String policy(String action, Probe probe, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Action", "iam:" + action);
        statement.put("Resource", "*");
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        List<Object> statements = new ArrayList<>(List.of(statement));
        if (!probe.alsoNeeds().isEmpty()) {
            statements.add(Map.of("Effect", "Allow", "Action", probe.alsoNeeds(), "Resource", "*"));
        }
        try {
            return JSON.writeValueAsString(Map.of("Version", "2012-10-17", "Statement", statements));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expectAllowed(String action, Probe probe, Map<String, Object> condition) {
        String document = policy(action, probe, condition);
        root.putUserPolicy(r -> r.userName("actor").policyName("case").policyDocument(document));
        try {
            probe.call().accept(actor);
        } catch (AwsServiceException e) {
            throw new AssertionError(action + " refused under " + document + ": " + e.getMessage(), e);
        }
    }

    private static void expectDenied(String action, Probe probe, Map<String, Object> condition) {
        String document = policy(action, probe, condition);
        root.putUserPolicy(r -> r.userName("actor").policyName("case").policyDocument(document));
        assertThatThrownBy(() -> probe.call().accept(actor)).as(action + " under " + document)
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    private static String next() {
        return Integer.toString(IDS.incrementAndGet());
    }

    // ---- what root prepares ------------------------------------------------------------------------------------

    /** The tag, or none: null leaves the SDK's list unset, so the request has no Tags parameter at all. */
    private static List<Tag> tags(boolean with) {
        return with ? List.of(Tag.builder().key(TAG).value(VALUE).build()) : null;
    }

    /** A user or role target: tags (aws: and iam:ResourceTag) and a permissions boundary. */
    private static Map<String, String> identity(boolean with) {
        return with ? Map.of("aws:ResourceTag/" + TAG, VALUE, "iam:ResourceTag/" + TAG, VALUE,
                "iam:PermissionsBoundary", boundary) : Map.of();
    }

    /**
     * Any other taggable target: aws:ResourceTag only. Its tags are offered as iam:ResourceTag too, which the rows of
     * these resource types do not list (IAM defines it for users and roles), so the case checks it stays absent.
     */
    private static Map<String, String> resource(boolean with) {
        return with ? Map.of("aws:ResourceTag/" + TAG, VALUE, "iam:ResourceTag/" + TAG, VALUE) : Map.of();
    }

    private static Map<String, String> requestTags() {
        return Map.of("aws:RequestTag/" + TAG, VALUE, "aws:TagKeys", TAG);
    }

    @SafeVarargs
    private static Probe probe(Consumer<IamClient> call, Map<String, String>... keys) {
        Map<String, String> all = new TreeMap<>();
        for (Map<String, String> k : keys) {
            all.putAll(k);
        }
        return new Probe(call, all, List.of());
    }

    private static String user(String id, boolean with) {
        String name = "u" + id;
        root.createUser(r -> {
            r.userName(name);
            if (with) {
                r.tags(tags(true)).permissionsBoundary(boundary);
            }
        });
        return name;
    }

    private static String role(String id, boolean with) {
        String name = "r" + id;
        root.createRole(r -> {
            r.roleName(name).assumeRolePolicyDocument(trust());
            if (with) {
                r.tags(tags(true)).permissionsBoundary(boundary);
            }
        });
        return name;
    }

    private static String trust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + server.accountId() + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static String group(String id) {
        String name = "g" + id;
        root.createGroup(r -> r.groupName(name));
        return name;
    }

    private static String managedPolicy(String id, boolean with) {
        return root.createPolicy(r -> r.policyName("p" + id).policyDocument(DOCUMENT).tags(tags(with))).policy().arn();
    }

    private static String oidc(String id, boolean with) {
        return root.createOpenIDConnectProvider(r -> r.url("https://idp" + id + ".example.test").clientIDList("app")
                .thumbprintList("0".repeat(40)).tags(tags(with))).openIDConnectProviderArn();
    }

    private static String saml(String id, boolean with) {
        return root.createSAMLProvider(r -> r.name("saml" + id).samlMetadataDocument(samlMetadata).tags(tags(with)))
                .samlProviderArn();
    }

    private static VirtualMFADevice mfa(String id, boolean with) {
        return root.createVirtualMFADevice(r -> r.virtualMFADeviceName("d" + id).tags(tags(with))).virtualMFADevice();
    }

    /** Two consecutive codes of a device, {@code steps} after the current one. */
    private static List<String> codes(VirtualMFADevice device, int steps) {
        TotpSeed seed = TotpSeed.fromBase32(device.base32StringSeed().asUtf8String());
        long now = TOTP.counterAt(Instant.now());
        return List.of(TOTP.code(seed, now + steps - 1), TOTP.code(seed, now + steps));
    }

    private static VirtualMFADevice enabledDevice(String id, String user) {
        VirtualMFADevice device = mfa(id, false);
        List<String> codes = codes(device, 0);
        root.enableMFADevice(r -> r.userName(user).serialNumber(device.serialNumber())
                .authenticationCode1(codes.get(0)).authenticationCode2(codes.get(1)));
        return device;
    }

    private static Map<String, String> policyArn() {
        return Map.of("iam:PolicyARN", attachable);
    }

    private static final String AUTO_SCALING = "autoscaling.amazonaws.com";
    private static final String TEMPLATE = "arn:aws:iam::aws:policy-template/ReadOnly";

    private static final Map<String, Fixture> FIXTURES = Map.ofEntries(
            // users
            entry("CreateUser", (id, w) -> probe(c -> c.createUser(r -> r.userName("new" + id).tags(tags(w))
                    .permissionsBoundary(w ? boundary : null)), w ? requestTags() : Map.of(),
                    w ? Map.of("iam:PermissionsBoundary", boundary) : Map.of())),
            entry("GetUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.getUser(r -> r.userName(u)), identity(w));
            }),
            entry("UpdateUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.updateUser(r -> r.userName(u).newPath("/moved/")), identity(w));
            }),
            entry("DeleteUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.deleteUser(r -> r.userName(u)), identity(w));
            }),
            entry("TagUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.tagUser(r -> r.userName(u).tags(tags(true))), identity(w), requestTags());
            }),
            entry("UntagUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.untagUser(r -> r.userName(u).tagKeys(TAG)), identity(w),
                        Map.of("aws:TagKeys", TAG));
            }),
            entry("ListUserTags", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listUserTags(r -> r.userName(u)), identity(w));
            }),
            entry("CreateAccessKey", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.createAccessKey(r -> r.userName(u)), identity(w));
            }),
            entry("ListAccessKeys", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listAccessKeys(r -> r.userName(u)), identity(w));
            }),
            entry("UpdateAccessKey", (id, w) -> {
                String u = user(id, w);
                String key = root.createAccessKey(r -> r.userName(u)).accessKey().accessKeyId();
                return probe(c -> c.updateAccessKey(r -> r.userName(u).accessKeyId(key).status(StatusType.INACTIVE)),
                        identity(w));
            }),
            entry("DeleteAccessKey", (id, w) -> {
                String u = user(id, w);
                String key = root.createAccessKey(r -> r.userName(u)).accessKey().accessKeyId();
                return probe(c -> c.deleteAccessKey(r -> r.userName(u).accessKeyId(key)), identity(w));
            }),
            entry("GetAccessKeyLastUsed", (id, w) -> {
                String u = user(id, w);
                String key = root.createAccessKey(r -> r.userName(u)).accessKey().accessKeyId();
                return probe(c -> c.getAccessKeyLastUsed(r -> r.accessKeyId(key)), identity(w));
            }),
            entry("PutUserPolicy", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.putUserPolicy(r -> r.userName(u).policyName("inline").policyDocument(DOCUMENT)),
                        identity(w));
            }),
            entry("GetUserPolicy", (id, w) -> {
                String u = user(id, w);
                root.putUserPolicy(r -> r.userName(u).policyName("inline").policyDocument(DOCUMENT));
                return probe(c -> c.getUserPolicy(r -> r.userName(u).policyName("inline")), identity(w));
            }),
            entry("ListUserPolicies", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listUserPolicies(r -> r.userName(u)), identity(w));
            }),
            entry("DeleteUserPolicy", (id, w) -> {
                String u = user(id, w);
                root.putUserPolicy(r -> r.userName(u).policyName("inline").policyDocument(DOCUMENT));
                return probe(c -> c.deleteUserPolicy(r -> r.userName(u).policyName("inline")), identity(w));
            }),
            entry("AttachUserPolicy", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.attachUserPolicy(r -> r.userName(u).policyArn(attachable)), identity(w),
                        policyArn());
            }),
            entry("DetachUserPolicy", (id, w) -> {
                String u = user(id, w);
                root.attachUserPolicy(r -> r.userName(u).policyArn(attachable));
                return probe(c -> c.detachUserPolicy(r -> r.userName(u).policyArn(attachable)), identity(w),
                        policyArn());
            }),
            entry("ListAttachedUserPolicies", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listAttachedUserPolicies(r -> r.userName(u)), identity(w));
            }),
            // The boundary the request sets, not the one the user has (another, when with).
            entry("PutUserPermissionsBoundary", (id, w) -> {
                String u = "u" + id;
                root.createUser(r -> r.userName(u).tags(tags(w)).permissionsBoundary(w ? otherBoundary : null));
                return probe(c -> c.putUserPermissionsBoundary(r -> r.userName(u).permissionsBoundary(boundary)),
                        resourceTagsOf(identity(w)), Map.of("iam:PermissionsBoundary", boundary));
            }),
            entry("DeleteUserPermissionsBoundary", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.deleteUserPermissionsBoundary(r -> r.userName(u)), identity(w));
            }),
            entry("ListGroupsForUser", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listGroupsForUser(r -> r.userName(u)), identity(w));
            }),
            entry("GetContextKeysForPrincipalPolicy", (id, w) -> {
                String arn = root.getUser(r -> r.userName(user(id, w))).user().arn();
                return probe(c -> c.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(arn)), identity(w));
            }),
            entry("SimulatePrincipalPolicy", (id, w) -> {
                String arn = root.getUser(r -> r.userName(user(id, w))).user().arn();
                return probe(c -> c.simulatePrincipalPolicy(r -> r.policySourceArn(arn).actionNames("iam:GetUser")),
                        identity(w));
            }),
            // MFA on users, and virtual devices
            entry("EnableMFADevice", (id, w) -> {
                String u = user(id, w);
                VirtualMFADevice device = mfa(id, false);
                List<String> codes = codes(device, 0);
                return probe(c -> c.enableMFADevice(r -> r.userName(u).serialNumber(device.serialNumber())
                        .authenticationCode1(codes.get(0)).authenticationCode2(codes.get(1))), identity(w));
            }),
            entry("ResyncMFADevice", (id, w) -> {
                String u = user(id, w);
                VirtualMFADevice device = enabledDevice(id, u);
                List<String> codes = codes(device, 2);
                return probe(c -> c.resyncMFADevice(r -> r.userName(u).serialNumber(device.serialNumber())
                        .authenticationCode1(codes.get(0)).authenticationCode2(codes.get(1))), identity(w));
            }),
            entry("DeactivateMFADevice", (id, w) -> {
                String u = user(id, w);
                VirtualMFADevice device = enabledDevice(id, u);
                return probe(c -> c.deactivateMFADevice(r -> r.userName(u).serialNumber(device.serialNumber())),
                        identity(w));
            }),
            entry("ListMFADevices", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listMFADevices(r -> r.userName(u)), identity(w));
            }),
            entry("GetMFADevice", (id, w) -> {
                String serial = mfa(id, w).serialNumber();
                return probe(c -> c.getMFADevice(r -> r.serialNumber(serial)));
            }),
            entry("CreateVirtualMFADevice", (id, w) -> probe(c -> c.createVirtualMFADevice(r -> r
                    .virtualMFADeviceName("new" + id).tags(tags(w))), w ? requestTags() : Map.of())),
            entry("DeleteVirtualMFADevice", (id, w) -> {
                String serial = mfa(id, w).serialNumber();
                return probe(c -> c.deleteVirtualMFADevice(r -> r.serialNumber(serial)), resource(w));
            }),
            entry("TagMFADevice", (id, w) -> {
                String serial = mfa(id, w).serialNumber();
                return probe(c -> c.tagMFADevice(r -> r.serialNumber(serial).tags(tags(true))), resource(w),
                        requestTags());
            }),
            entry("UntagMFADevice", (id, w) -> {
                String serial = mfa(id, w).serialNumber();
                return probe(c -> c.untagMFADevice(r -> r.serialNumber(serial).tagKeys(TAG)), resource(w),
                        Map.of("aws:TagKeys", TAG));
            }),
            entry("ListMFADeviceTags", (id, w) -> {
                String serial = mfa(id, w).serialNumber();
                return probe(c -> c.listMFADeviceTags(r -> r.serialNumber(serial)), resource(w));
            }),
            // roles
            entry("CreateRole", (id, w) -> probe(c -> c.createRole(r -> r.roleName("new" + id)
                    .assumeRolePolicyDocument(trust()).tags(tags(w)).permissionsBoundary(w ? boundary : null)),
                    w ? requestTags() : Map.of(), w ? Map.of("iam:PermissionsBoundary", boundary) : Map.of())),
            entry("GetRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.getRole(r -> r.roleName(role)), identity(w));
            }),
            entry("UpdateRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.updateRole(r -> r.roleName(role).description("updated")), identity(w));
            }),
            entry("UpdateRoleDescription", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.updateRoleDescription(r -> r.roleName(role).description("updated")),
                        identity(w));
            }),
            entry("UpdateAssumeRolePolicy", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(trust())),
                        identity(w));
            }),
            entry("DeleteRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.deleteRole(r -> r.roleName(role)), identity(w));
            }),
            entry("TagRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.tagRole(r -> r.roleName(role).tags(tags(true))), identity(w), requestTags());
            }),
            entry("UntagRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.untagRole(r -> r.roleName(role).tagKeys(TAG)), identity(w),
                        Map.of("aws:TagKeys", TAG));
            }),
            entry("ListRoleTags", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.listRoleTags(r -> r.roleName(role)), identity(w));
            }),
            entry("PutRolePolicy", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.putRolePolicy(r -> r.roleName(role).policyName("inline").policyDocument(DOCUMENT)),
                        identity(w));
            }),
            entry("GetRolePolicy", (id, w) -> {
                String role = role(id, w);
                root.putRolePolicy(r -> r.roleName(role).policyName("inline").policyDocument(DOCUMENT));
                return probe(c -> c.getRolePolicy(r -> r.roleName(role).policyName("inline")), identity(w));
            }),
            entry("ListRolePolicies", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.listRolePolicies(r -> r.roleName(role)), identity(w));
            }),
            entry("DeleteRolePolicy", (id, w) -> {
                String role = role(id, w);
                root.putRolePolicy(r -> r.roleName(role).policyName("inline").policyDocument(DOCUMENT));
                return probe(c -> c.deleteRolePolicy(r -> r.roleName(role).policyName("inline")), identity(w));
            }),
            entry("AttachRolePolicy", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.attachRolePolicy(r -> r.roleName(role).policyArn(attachable)), identity(w),
                        policyArn());
            }),
            entry("DetachRolePolicy", (id, w) -> {
                String role = role(id, w);
                root.attachRolePolicy(r -> r.roleName(role).policyArn(attachable));
                return probe(c -> c.detachRolePolicy(r -> r.roleName(role).policyArn(attachable)), identity(w),
                        policyArn());
            }),
            entry("ListAttachedRolePolicies", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.listAttachedRolePolicies(r -> r.roleName(role)), identity(w));
            }),
            entry("PutRolePermissionsBoundary", (id, w) -> {
                String role = "r" + id;
                root.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust()).tags(tags(w))
                        .permissionsBoundary(w ? otherBoundary : null));
                return probe(c -> c.putRolePermissionsBoundary(r -> r.roleName(role).permissionsBoundary(boundary)),
                        resourceTagsOf(identity(w)), Map.of("iam:PermissionsBoundary", boundary));
            }),
            entry("DeleteRolePermissionsBoundary", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.deleteRolePermissionsBoundary(r -> r.roleName(role)), identity(w));
            }),
            // groups
            entry("AttachGroupPolicy", (id, w) -> {
                String group = group(id);
                return probe(c -> c.attachGroupPolicy(r -> r.groupName(group).policyArn(attachable)), policyArn());
            }),
            entry("DetachGroupPolicy", (id, w) -> {
                String group = group(id);
                root.attachGroupPolicy(r -> r.groupName(group).policyArn(attachable));
                return probe(c -> c.detachGroupPolicy(r -> r.groupName(group).policyArn(attachable)), policyArn());
            }),
            // managed policies
            entry("CreatePolicy", (id, w) -> probe(c -> c.createPolicy(r -> r.policyName("new" + id)
                    .policyDocument(DOCUMENT).tags(tags(w))), w ? requestTags() : Map.of())),
            entry("GetPolicy", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.getPolicy(r -> r.policyArn(arn)), resource(w), Map.of("iam:PolicyARN", arn));
            }),
            entry("DeletePolicy", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.deletePolicy(r -> r.policyArn(arn)), resource(w), Map.of("iam:PolicyARN", arn));
            }),
            entry("CreatePolicyVersion", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOCUMENT)), resource(w),
                        Map.of("iam:PolicyARN", arn));
            }),
            entry("GetPolicyVersion", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")), resource(w));
            }),
            entry("ListPolicyVersions", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.listPolicyVersions(r -> r.policyArn(arn)), resource(w));
            }),
            entry("SetDefaultPolicyVersion", (id, w) -> {
                String arn = managedPolicy(id, w);
                root.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOCUMENT));
                return probe(c -> c.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2")), resource(w));
            }),
            entry("DeletePolicyVersion", (id, w) -> {
                String arn = managedPolicy(id, w);
                root.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOCUMENT));
                return probe(c -> c.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")), resource(w));
            }),
            entry("ListEntitiesForPolicy", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.listEntitiesForPolicy(r -> r.policyArn(arn)), resource(w),
                        Map.of("iam:PolicyARN", arn));
            }),
            entry("TagPolicy", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.tagPolicy(r -> r.policyArn(arn).tags(tags(true))), resource(w), requestTags());
            }),
            entry("UntagPolicy", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.untagPolicy(r -> r.policyArn(arn).tagKeys(TAG)), resource(w),
                        Map.of("aws:TagKeys", TAG));
            }),
            entry("ListPolicyTags", (id, w) -> {
                String arn = managedPolicy(id, w);
                return probe(c -> c.listPolicyTags(r -> r.policyArn(arn)), resource(w));
            }),
            // OIDC providers
            entry("CreateOpenIDConnectProvider", (id, w) -> probe(c -> c.createOpenIDConnectProvider(r -> r
                    .url("https://new" + id + ".example.test").clientIDList("app").thumbprintList("0".repeat(40))
                    .tags(tags(w))), w ? requestTags() : Map.of())),
            entry("GetOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), resource(w));
            }),
            entry("DeleteOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), resource(w));
            }),
            entry("AddClientIDToOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)
                        .clientID("other")), resource(w));
            }),
            entry("RemoveClientIDFromOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)
                        .clientID("app")), resource(w));
            }),
            entry("UpdateOpenIDConnectProviderThumbprint", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                        .thumbprintList("1".repeat(40))), resource(w));
            }),
            entry("TagOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(tags(true))),
                        resource(w), requestTags());
            }),
            entry("UntagOpenIDConnectProvider", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys(TAG)),
                        resource(w), Map.of("aws:TagKeys", TAG));
            }),
            entry("ListOpenIDConnectProviderTags", (id, w) -> {
                String arn = oidc(id, w);
                return probe(c -> c.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)), resource(w));
            }),
            // SAML providers
            entry("CreateSAMLProvider", (id, w) -> probe(c -> c.createSAMLProvider(r -> r.name("new" + id)
                    .samlMetadataDocument(samlMetadata).tags(tags(w))), w ? requestTags() : Map.of())),
            entry("GetSAMLProvider", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.getSAMLProvider(r -> r.samlProviderArn(arn)), resource(w));
            }),
            entry("UpdateSAMLProvider", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(samlMetadata)),
                        resource(w));
            }),
            entry("DeleteSAMLProvider", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.deleteSAMLProvider(r -> r.samlProviderArn(arn)), resource(w));
            }),
            entry("TagSAMLProvider", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(tags(true))), resource(w),
                        requestTags());
            }),
            entry("UntagSAMLProvider", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.untagSAMLProvider(r -> r.samlProviderArn(arn).tagKeys(TAG)), resource(w),
                        Map.of("aws:TagKeys", TAG));
            }),
            entry("ListSAMLProviderTags", (id, w) -> {
                String arn = saml(id, w);
                return probe(c -> c.listSAMLProviderTags(r -> r.samlProviderArn(arn)), resource(w));
            }),
            // login profiles and passwords
            entry("CreateLoginProfile", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.createLoginProfile(r -> r.userName(u).password(password(id))), identity(w));
            }),
            entry("GetLoginProfile", (id, w) -> {
                String u = loginProfile(id, w);
                return probe(c -> c.getLoginProfile(r -> r.userName(u)), identity(w));
            }),
            entry("UpdateLoginProfile", (id, w) -> {
                String u = loginProfile(id, w);
                return probe(c -> c.updateLoginProfile(r -> r.userName(u).passwordResetRequired(true)), identity(w));
            }),
            entry("DeleteLoginProfile", (id, w) -> {
                String u = loginProfile(id, w);
                return probe(c -> c.deleteLoginProfile(r -> r.userName(u)), identity(w));
            }),
            // The actor changes his own password: the target is the actor, tagged for the case with keys.
            entry("ChangePassword", (id, w) -> {
                if (w) {
                    root.tagUser(r -> r.userName("actor").tags(tags(true)));
                } else {
                    root.untagUser(r -> r.userName("actor").tagKeys(TAG));
                }
                String old = password("old" + id);
                root.updateLoginProfile(r -> r.userName("actor").password(old));
                return probe(c -> c.changePassword(r -> r.oldPassword(old).newPassword(password("new" + id))),
                        resourceTagsOf(identity(w)));
            }),
            // SSH public keys, signing certificates and service-specific credentials of a user
            entry("UploadSSHPublicKey", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.uploadSSHPublicKey(r -> r.userName(u).sshPublicKeyBody(sshKey)), identity(w));
            }),
            entry("GetSSHPublicKey", (id, w) -> {
                String u = user(id, w);
                String key = sshPublicKey(u);
                return probe(c -> c.getSSHPublicKey(r -> r.userName(u).sshPublicKeyId(key).encoding("SSH")),
                        identity(w));
            }),
            entry("ListSSHPublicKeys", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listSSHPublicKeys(r -> r.userName(u)), identity(w));
            }),
            entry("UpdateSSHPublicKey", (id, w) -> {
                String u = user(id, w);
                String key = sshPublicKey(u);
                return probe(c -> c.updateSSHPublicKey(r -> r.userName(u).sshPublicKeyId(key).status("Inactive")),
                        identity(w));
            }),
            entry("DeleteSSHPublicKey", (id, w) -> {
                String u = user(id, w);
                String key = sshPublicKey(u);
                return probe(c -> c.deleteSSHPublicKey(r -> r.userName(u).sshPublicKeyId(key)), identity(w));
            }),
            entry("UploadSigningCertificate", (id, w) -> {
                String u = user(id, w);
                String body = selfSignedCertificate();
                return probe(c -> c.uploadSigningCertificate(r -> r.userName(u).certificateBody(body)), identity(w));
            }),
            entry("ListSigningCertificates", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listSigningCertificates(r -> r.userName(u)), identity(w));
            }),
            entry("UpdateSigningCertificate", (id, w) -> {
                String u = user(id, w);
                String certificate = signingCertificate(u);
                return probe(c -> c.updateSigningCertificate(r -> r.userName(u).certificateId(certificate)
                        .status("Inactive")), identity(w));
            }),
            entry("DeleteSigningCertificate", (id, w) -> {
                String u = user(id, w);
                String certificate = signingCertificate(u);
                return probe(c -> c.deleteSigningCertificate(r -> r.userName(u).certificateId(certificate)),
                        identity(w));
            }),
            // With: a Bedrock API key with an age; without: a CodeCommit password, which takes none.
            entry("CreateServiceSpecificCredential", (id, w) -> {
                String u = user(id, w);
                String service = w ? "bedrock.amazonaws.com" : "codecommit.amazonaws.com";
                return probe(c -> c.createServiceSpecificCredential(r -> r.userName(u).serviceName(service)
                        .credentialAgeDays(w ? 30 : null)), identity(w),
                        Map.of("iam:ServiceSpecificCredentialServiceName", service),
                        w ? Map.of("iam:ServiceSpecificCredentialAgeDays", "30") : Map.of());
            }),
            entry("ListServiceSpecificCredentials", (id, w) -> {
                String u = user(id, w);
                return probe(c -> c.listServiceSpecificCredentials(r -> r.userName(u)), identity(w));
            }),
            entry("ResetServiceSpecificCredential", (id, w) -> {
                String u = user(id, w);
                String credential = serviceCredential(u);
                return probe(c -> c.resetServiceSpecificCredential(r -> r.userName(u)
                        .serviceSpecificCredentialId(credential)), identity(w), credentialService());
            }),
            entry("UpdateServiceSpecificCredential", (id, w) -> {
                String u = user(id, w);
                String credential = serviceCredential(u);
                return probe(c -> c.updateServiceSpecificCredential(r -> r.userName(u)
                        .serviceSpecificCredentialId(credential).status("Inactive")), identity(w), credentialService());
            }),
            entry("DeleteServiceSpecificCredential", (id, w) -> {
                String u = user(id, w);
                String credential = serviceCredential(u);
                return probe(c -> c.deleteServiceSpecificCredential(r -> r.userName(u)
                        .serviceSpecificCredentialId(credential)), identity(w), credentialService());
            }),
            // service last-accessed data: a user as the report's target; the organization's root
            entry("GenerateServiceLastAccessedDetails", (id, w) -> {
                String arn = "arn:aws:iam::" + server.accountId() + ":user/" + user(id, w);
                return probe(c -> c.generateServiceLastAccessedDetails(r -> r.arn(arn)), resourceTagsOf(identity(w)));
            }),
            entry("ListPoliciesGrantingServiceAccess", (id, w) -> {
                String arn = "arn:aws:iam::" + server.accountId() + ":user/" + user(id, w);
                return probe(c -> c.listPoliciesGrantingServiceAccess(r -> r.arn(arn).serviceNamespaces("s3")),
                        resourceTagsOf(identity(w)));
            }),
            entry("GenerateOrganizationsAccessReport", (id, w) -> {
                var organizations = Clients.organizations(server, Clients.root(server));
                String path = organizations.describeOrganization().organization().id() + "/"
                        + organizations.listRoots().roots().get(0).id();
                String policy = w ? "p-FullAWSAccess" : null;
                return probe(c -> c.generateOrganizationsAccessReport(r -> r.entityPath(path)
                        .organizationsPolicyId(policy)), w ? Map.of("iam:OrganizationsPolicyId", policy) : Map.of());
            }),
            // service-linked roles
            entry("CreateServiceLinkedRole", (id, w) -> probe(c -> c.createServiceLinkedRole(r -> r
                    .awsServiceName(AUTO_SCALING).customSuffix("new" + id)),
                    Map.of("iam:AWSServiceName", AUTO_SCALING))),
            entry("DeleteServiceLinkedRole", (id, w) -> {
                String role = serviceLinkedRole(id, w);
                return probe(c -> c.deleteServiceLinkedRole(r -> r.roleName(role)), resourceTagsOf(identity(w)));
            }),
            entry("GetServiceLinkedRoleDeletionStatus", (id, w) -> {
                String role = serviceLinkedRole(id, w);
                String task = root.deleteServiceLinkedRole(r -> r.roleName(role)).deletionTaskId();
                return probe(c -> c.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(task)));
            }),
            // instance profiles
            entry("CreateInstanceProfile", (id, w) -> probe(c -> c.createInstanceProfile(r -> r
                    .instanceProfileName("new" + id).tags(tags(w))), w ? requestTags() : Map.of())),
            entry("GetInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                return probe(c -> c.getInstanceProfile(r -> r.instanceProfileName(profile)), resource(w));
            }),
            entry("DeleteInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                return probe(c -> c.deleteInstanceProfile(r -> r.instanceProfileName(profile)), resource(w));
            }),
            entry("ListInstanceProfilesForRole", (id, w) -> {
                String role = role(id, w);
                return probe(c -> c.listInstanceProfilesForRole(r -> r.roleName(role)), identity(w));
            }),
            entry("AddRoleToInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                String role = role(id, false);
                return probe(c -> c.addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role)),
                        resource(w)).needing("iam:PassRole");
            }),
            entry("RemoveRoleFromInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                String role = role(id, false);
                root.addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role));
                return probe(c -> c.removeRoleFromInstanceProfile(r -> r.instanceProfileName(profile)
                        .roleName(role)), resource(w));
            }),
            entry("TagInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                return probe(c -> c.tagInstanceProfile(r -> r.instanceProfileName(profile).tags(tags(true))),
                        resource(w), requestTags());
            }),
            entry("UntagInstanceProfile", (id, w) -> {
                String profile = instanceProfile(id, w);
                return probe(c -> c.untagInstanceProfile(r -> r.instanceProfileName(profile).tagKeys(TAG)),
                        resource(w), Map.of("aws:TagKeys", TAG));
            }),
            entry("ListInstanceProfileTags", (id, w) -> {
                String profile = instanceProfile(id, w);
                return probe(c -> c.listInstanceProfileTags(r -> r.instanceProfileName(profile)), resource(w));
            }),
            // server certificates
            entry("UploadServerCertificate", (id, w) -> probe(c -> c.uploadServerCertificate(r -> r
                    .serverCertificateName("new" + id).certificateBody(serverCertificate.certificate())
                    .privateKey(serverCertificate.privateKey()).tags(tags(w))), w ? requestTags() : Map.of())),
            entry("GetServerCertificate", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.getServerCertificate(r -> r.serverCertificateName(name)), resource(w));
            }),
            // The new path is the certificate's own: the second authorization, on the new ARN, names it too.
            entry("UpdateServerCertificate", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.updateServerCertificate(r -> r.serverCertificateName(name).newPath("/")),
                        resource(w));
            }),
            entry("DeleteServerCertificate", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.deleteServerCertificate(r -> r.serverCertificateName(name)), resource(w));
            }),
            entry("TagServerCertificate", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.tagServerCertificate(r -> r.serverCertificateName(name).tags(tags(true))),
                        resource(w), requestTags());
            }),
            entry("UntagServerCertificate", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.untagServerCertificate(r -> r.serverCertificateName(name).tagKeys(TAG)),
                        resource(w), Map.of("aws:TagKeys", TAG));
            }),
            entry("ListServerCertificateTags", (id, w) -> {
                String name = serverCertificate(id, w);
                return probe(c -> c.listServerCertificateTags(r -> r.serverCertificateName(name)), resource(w));
            }),
            // delegation requests: root requests for its own account; with, root has associated it (its owner)
            entry("CreateDelegationRequest", (id, w) -> probe(c -> c.createDelegationRequest(r -> r
                    .description("new").requestorWorkflowId("workflow-new-" + id).notificationChannel("topic")
                    .sessionDuration(900).permissions(p -> {
                        if (w) {
                            p.policyTemplateArn(TEMPLATE);
                        } else {
                            p.parameters(q -> q.name("bucket").values("logs").type("string"));
                        }
                    })), Map.of("iam:DelegationDuration", "900", "iam:NotificationChannel", "topic"),
                    w ? Map.of("iam:TemplateArn", TEMPLATE) : Map.of())),
            entry("ListDelegationRequests", (id, w) -> probe(c -> c.listDelegationRequests(r -> r
                    .ownerId(w ? rootArn() : null)), w ? owner(true) : Map.of())),
            entry("GetDelegationRequest", (id, w) -> {
                String request = delegationRequest(id, w);
                return probe(c -> c.getDelegationRequest(r -> r.delegationRequestId(request)), owner(w));
            }),
            entry("GetHumanReadableSummary", (id, w) -> {
                String request = delegationRequest(id, w);
                return probe(c -> c.getHumanReadableSummary(r -> r.entityArn("arn:aws:iam::" + server.accountId()
                        + ":delegation-request/" + request)), owner(w));
            }),
            entry("AssociateDelegationRequest", (id, w) -> {
                String request = delegationRequest(id, false);
                return probe(c -> c.associateDelegationRequest(r -> r.delegationRequestId(request)));
            }),
            entry("UpdateDelegationRequest", (id, w) -> {
                String request = delegationRequest(id, true);
                return probe(c -> c.updateDelegationRequest(r -> r.delegationRequestId(request).notes("n")),
                        owner(true));
            }),
            entry("AcceptDelegationRequest", (id, w) -> {
                String request = delegationRequest(id, true);
                return probe(c -> c.acceptDelegationRequest(r -> r.delegationRequestId(request)), owner(true));
            }),
            entry("RejectDelegationRequest", (id, w) -> {
                String request = delegationRequest(id, true);
                return probe(c -> c.rejectDelegationRequest(r -> r.delegationRequestId(request)), owner(true));
            }),
            entry("SendDelegationToken", (id, w) -> {
                String request = delegationRequest(id, true);
                root.acceptDelegationRequest(r -> r.delegationRequestId(request));
                return probe(c -> c.sendDelegationToken(r -> r.delegationRequestId(request)), owner(true));
            }));

    /**
     * The actions an operation needs besides its own, through the operation that needs them: iam:PassRole of
     * AddRoleToInstanceProfile passes the role to EC2 (always) and carries the role's tags (with).
     */
    private static final Map<String, Fixture> DEPENDENT_FIXTURES = Map.of(
            "PassRole", (id, w) -> {
                String profile = instanceProfile(id, false);
                String role = role(id, w);
                return probe(c -> c.addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role)),
                        identity(w), Map.of("iam:PassedToService", "ec2.amazonaws.com",
                                "iam:AssociatedResourceArn", "arn:aws:ec2:*:" + server.accountId() + ":instance/*"))
                        .needing("iam:AddRoleToInstanceProfile");
            });

    /** A password that meets any default rule, distinct per fixture. */
    private static String password(String id) {
        return "Pw-" + id + "-Kx7!quartz";
    }

    private static String loginProfile(String id, boolean with) {
        String u = user(id, with);
        root.createLoginProfile(r -> r.userName(u).password(password(id)));
        return u;
    }

    private static String sshPublicKey(String user) {
        return root.uploadSSHPublicKey(r -> r.userName(user).sshPublicKeyBody(sshKey)).sshPublicKey()
                .sshPublicKeyId();
    }

    private static String signingCertificate(String user) {
        String body = selfSignedCertificate();
        return root.uploadSigningCertificate(r -> r.userName(user).certificateBody(body)).certificate()
                .certificateId();
    }

    private static String serviceCredential(String user) {
        return root.createServiceSpecificCredential(r -> r.userName(user).serviceName("codecommit.amazonaws.com"))
                .serviceSpecificCredential().serviceSpecificCredentialId();
    }

    private static Map<String, String> credentialService() {
        return Map.of("iam:ServiceSpecificCredentialServiceName", "codecommit.amazonaws.com");
    }

    private static String serviceLinkedRole(String id, boolean with) {
        String name = root.createServiceLinkedRole(r -> r.awsServiceName(AUTO_SCALING).customSuffix("s" + id))
                .role().roleName();
        if (with) {
            root.tagRole(r -> r.roleName(name).tags(tags(true)));
        }
        return name;
    }

    private static String instanceProfile(String id, boolean with) {
        String name = "ip" + id;
        root.createInstanceProfile(r -> r.instanceProfileName(name).tags(tags(with)));
        return name;
    }

    private static String serverCertificate(String id, boolean with) {
        String name = "sc" + id;
        root.uploadServerCertificate(r -> r.serverCertificateName(name)
                .certificateBody(serverCertificate.certificate()).privateKey(serverCertificate.privateKey())
                .tags(tags(with)));
        return name;
    }

    private static String rootArn() {
        return "arn:aws:iam::" + server.accountId() + ":root";
    }

    /** The identity that associated the request (root), which iam:DelegationRequestOwner names. */
    private static Map<String, String> owner(boolean with) {
        return with ? Map.of("iam:DelegationRequestOwner", rootArn()) : Map.of();
    }

    private static String delegationRequest(String id, boolean associated) {
        String request = root.createDelegationRequest(r -> r.ownerAccountId(server.accountId()).description("d")
                .requestorWorkflowId("workflow-" + id).notificationChannel("topic").sessionDuration(900)
                .permissions(p -> p.policyTemplateArn(TEMPLATE))).delegationRequestId();
        if (associated) {
            root.associateDelegationRequest(r -> r.delegationRequestId(request));
        }
        return request;
    }

    /** An OpenSSH {@code ssh-rsa} public key of 2048 bits: the type, the exponent and the modulus as SSH strings. */
    private static String sshRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (byte[] field : List.of("ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                key.getPublicExponent().toByteArray(), key.getModulus().toByteArray())) {
            out.writeInt(field.length);
            out.write(field);
        }
        return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " condition-keys";
    }

    /** A new self-signed certificate: a signing certificate's body is unique in its account. */
    private static String selfSignedCertificate() {
        try {
            return OpensslMaterial.generate().certificate();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> resourceTagsOf(Map<String, String> identity) {
        Map<String, String> tags = new TreeMap<>(identity);
        tags.remove("iam:PermissionsBoundary");
        return tags;
    }
}
