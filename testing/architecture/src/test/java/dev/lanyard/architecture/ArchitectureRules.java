package dev.lanyard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.lanyard.architecture.Module.Layer;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * The dependency rules of ADR 0001 as ArchUnit rules over bytecode. Bytecode names every type by its full name, so a
 * type written out in full instead of imported is caught like an imported one. What bytecode cannot show (an unused
 * import, a constant the compiler inlined) needs a Maven dependency to compile, and the enforcer's banned
 * dependencies per layer refuse those before anything compiles.
 */
final class ArchitectureRules {
    private ArchitectureRules() {}

    // ---- modules and layers ----

    static final ArchRule EVERY_CLASS_BELONGS_TO_A_MODULE = classes().that(areOurs())
            .should(belongToTheModuleOfTheirFolder())
            .because("the rules below know a class's layer only through its module (Module.ALL)");

    /**
     * ADR 0001's one exception: the S3 classifier hands its condition keys to the Authorizer as the policy engine's own
     * {@code ContextKeys} rather than through a parallel type converted on every request.
     */
    static final Map<String, Set<String>> LIBRARY_EXCEPTIONS = Map.of("lib/s3", Set.of("lib/policy"));

    static final ArchRule LIBRARIES_DEPEND_ON_NOTHING_OF_OURS_BUT_AWS_TYPES = classes().that(areIn(Layer.LIBRARY))
            .should(dependOnOurs("depend on no module of ours but lib/aws-types",
                    (origin, target) -> target.folder().equals("lib/aws-types")
                            || LIBRARY_EXCEPTIONS.getOrDefault(origin.folder(), Set.of()).contains(target.folder())))
            .because("lib/ is usable and testable alone (ADR 0001)");

    static final ArchRule CORE_DEPENDS_ONLY_ON_LIB_AND_CORE = classes().that(areIn(Layer.CORE))
            .should(dependOnOurs("depend only on lib/ and core/ modules",
                    (origin, target) -> EnumSet.of(Layer.LIBRARY, Layer.CORE).contains(target.layer())))
            .because("the domain knows no adapter, server or command (ADR 0001)");

    static final ArchRule ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_LIBRARIES = classes()
            .that(areIn(Layer.ADAPTER, Layer.CONTRACT_KIT))
            .should(dependOnOurs("depend only on lib/ and the ports (core/iam-spi, core/iam-model)",
                    (origin, target) -> target.layer() == Layer.LIBRARY || target.isPort()))
            .because("adapters implement ports from iam-spi and never depend on each other (ADR 0001)");

    static final ArchRule ONLY_THE_CLI_DEPENDS_ON_THE_SERVER = classes().that(areOursOutside(Layer.SERVER, Layer.CLI))
            .should(dependOnOurs("not depend on server/", (origin, target) -> target.layer() != Layer.SERVER))
            .because("server/ is the composition root; only the command that starts it may depend on it (ADR 0001)");

    static final ArchRule NOTHING_DEPENDS_ON_THE_CLI = classes().that(areOursOutside(Layer.CLI))
            .should(dependOnOurs("not depend on cli/", (origin, target) -> target.layer() != Layer.CLI))
            .because("the command is the top of the tree");

    static final ArchRule NO_MAIN_CODE_DEPENDS_ON_THE_CONTRACT_KIT = classes()
            .that(areOursOutside(Layer.CONTRACT_KIT))
            .should(dependOnOurs("not depend on store/store-testing",
                    (origin, target) -> target.layer() != Layer.CONTRACT_KIT))
            .because("the store contract tests are for tests; they ship as main code only so adapters can run them");

    static final ArchRule INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE = classes().that(areOurs())
            .should(dependencies("use no other module's ..internal.. package", (origin, target) ->
                    Module.isOurs(target) && isInternalPackage(target)
                            && Module.of(target).filter(origin::equals).isEmpty()
                            ? Optional.of("is internal to its module") : Optional.empty()))
            .because("...internal packages are private to their module (DESIGN.md)");

    /**
     * The one exception: the command handles SIGTERM and SIGINT itself, so that {@code serve} stops in order and exits
     * with 0 (the JVM's own handling runs every shutdown hook at once and exits with 143). The JDK has no public signal
     * API; {@code sun.misc.Signal} is one of the critical internal APIs JEP 260 keeps exported (module jdk.unsupported)
     * until it has a replacement.
     */
    static final Map<String, Set<String>> JDK_INTERNAL_EXCEPTIONS = Map.of("cli",
            Set.of("sun.misc.Signal", "sun.misc.SignalHandler"));

    static final ArchRule NO_OTHER_LIBRARYS_INTERNALS = classes().that(areOurs())
            .should(dependOnTheirs("use no ..internal.., sun.. or jdk.internal.. package of the JDK or a library",
                    (origin, target) -> !isInternalPackage(target) && !target.startsWith("sun.")
                            && !target.startsWith("jdk.internal.")
                            || JDK_INTERNAL_EXCEPTIONS.getOrDefault(origin.folder(), Set.of()).contains(target)))
            .because("another project's internals change without notice");

    // ---- libraries and JDK APIs per layer ----

    /** Third-party packages each module may use; the server and the command wire everything and are not listed. */
    static final Map<String, List<String>> APPROVED_LIBRARIES = Map.ofEntries(
            Map.entry("lib/aws-types", List.of()),
            Map.entry("lib/sigv4", List.of()),
            Map.entry("lib/policy", List.of("com.fasterxml.jackson.core.")),
            Map.entry("lib/tokens", List.of()),
            Map.entry("lib/query-protocol", List.of()),
            Map.entry("lib/totp", List.of("com.google.zxing.")),
            // Argon2id: the JDK has no memory-hard password hash
            Map.entry("lib/passwords", List.of("org.bouncycastle.crypto.")),
            Map.entry("lib/s3", List.of()),
            Map.entry("core/iam-model", List.of()),
            // the audit record's one JSON form (CloudTrail's), which every audit sink writes, files and tables alike
            Map.entry("core/iam-spi", List.of("com.fasterxml.jackson.core.")),
            // JSON for the Organizations protocol and the encoded authorization message (ADR 0001)
            Map.entry("core/authz", List.of("com.fasterxml.jackson.")),
            Map.entry("core/pipeline", List.of("com.fasterxml.jackson.")),
            // JSON: the authorization API's wire format and the operator's service catalogue
            Map.entry("core/authorize-api", List.of("com.fasterxml.jackson.")),
            Map.entry("core/sts", List.of("com.fasterxml.jackson.")),
            Map.entry("core/iam-api", List.of("com.fasterxml.jackson.")),
            Map.entry("federation/oidc", List.of("com.nimbusds.")),
            Map.entry("federation/saml", List.of("org.apache.xml.security.")),
            Map.entry("store/jdbc", List.of("org.h2.", "org.postgresql.", "com.zaxxer.hikari.", "org.flywaydb.",
                    "com.fasterxml.jackson.")),
            Map.entry("store/store-testing", List.of("org.junit.", "org.assertj.", "org.opentest4j.")));

    static final ArchRule THIRD_PARTY_LIBRARIES_ONLY_WHERE_APPROVED = classes()
            .that(areIn(Layer.LIBRARY, Layer.CORE, Layer.ADAPTER, Layer.CONTRACT_KIT))
            .should(dependOnTheirs("use only the JDK and the libraries approved for their module",
                    (origin, target) -> Jdk.has(target)
                            || APPROVED_LIBRARIES.get(origin.folder()).stream().anyMatch(target::startsWith)))
            .because("core never uses HTTP, JDBC, XML-security or federation libraries, and adapters never use each"
                    + " other's (ADR 0001, APPROVED_LIBRARIES)");

    static final List<String> JDK_IO = List.of("java.net.", "java.nio.file.", "java.nio.channels.", "java.sql.",
            "javax.sql.", "javax.net.", "java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile", "java.lang.ProcessBuilder",
            "java.lang.Process");

    static final ArchRule LIBRARIES_DO_NO_IO = classes().that(areIn(Layer.LIBRARY))
            .should(dependOnTheirs("use no file, network, database or process API of the JDK",
                    (origin, target) -> !matchesAny(target, JDK_IO)))
            .because("lib/ is pure: no I/O (DESIGN.md)");

    static final List<String> JDK_HTTP_JDBC_XML = List.of("java.net.http.", "javax.net.", "com.sun.net.httpserver.",
            "java.net.Socket", "java.net.ServerSocket", "java.net.URL", "java.net.URLConnection",
            "java.net.HttpURLConnection", "java.sql.", "javax.sql.", "javax.xml.", "org.w3c.dom.", "org.xml.sax.");

    static final ArchRule CORE_USES_NO_HTTP_JDBC_OR_XML_OF_THE_JDK = classes().that(areIn(Layer.CORE))
            .should(dependOnTheirs("use no HTTP, JDBC or XML API of the JDK",
                    (origin, target) -> !matchesAny(target, JDK_HTTP_JDBC_XML)))
            .because("core never imports HTTP, JDBC or XML-security code (ADR 0001)");

    // ---- account isolation ----

    /** The IamSnapshot lookups that find an entity by name, ARN or id in any account; AccountView scopes them. */
    static final Set<String> WHOLE_SNAPSHOT_LOOKUPS = Set.of("user", "group", "role", "mfaDevice", "oidcProvider",
            "samlProvider", "accessKey", "userById", "roleById", "users", "groups", "roles", "customerPolicies",
            "mfaDevices", "oidcProviders", "samlProviders", "accessKeys", "groupsOf");

    static final ArchRule IAM_OPERATIONS_RESOLVE_ENTITIES_ONLY_THROUGH_THE_ACCOUNT_VIEW = classes()
            .that(areInModule("core/iam-api")).and(areNot("dev.lanyard.iamapi.TrustPrincipals"))
            .should(notCall("dev.lanyard.iam.model.IamSnapshot", WHOLE_SNAPSHOT_LOOKUPS))
            .because("IAM operations resolve names and ARNs only through AccountView, which knows the caller's"
                    + " account; a lookup on the whole snapshot is how another account's policy once answered (ADR"
                    + " 0009). TrustPrincipals is the exception: a trust policy may name principals of any account");

    // ---- MFA ----

    /** The calls that check a TOTP code against a device's seed. */
    static final Set<String> MFA_CODE_CHECKS = Set.of("dev.lanyard.totp.TotpVerifier.verify",
            "dev.lanyard.totp.Totp.matchConsecutive", "dev.lanyard.totp.Totp.matchBetween");
    static final String MFA_THROTTLE = "dev.lanyard.authz.MfaThrottle";
    static final Set<String> MFA_THROTTLE_STEPS = Set.of("requireCallerAllowed", "requireDeviceAllowed",
            "deviceFailed", "callerFailed", "callerSucceeded");

    static final ArchRule EVERY_MFA_CODE_CHECK_IS_THROTTLED = classes().that(areOursOutsideModule("lib/totp"))
            .should(throttleEveryMfaCodeCheck())
            .because("wherever a TOTP code is checked, guessing is throttled (issue 12: codes could be guessed 850"
                    + " times a second; ADR 0010); the next operation that checks one and forgets fails here");

    /** The classes (top-level, with their nested ones) outside lib/totp that check TOTP codes. */
    static Set<String> mfaCodeCheckers(Collection<JavaClass> classes) {
        return classes.stream().filter(c -> Module.of(c.getName()).filter(m -> !m.folder().equals("lib/totp"))
                        .isPresent())
                .filter(c -> c.getAccessesFromSelf().stream().anyMatch(ArchitectureRules::checksMfaCode))
                .map(c -> topLevel(c.getName())).collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- time and randomness ----

    static final ArchRule TIME_AND_RANDOMNESS_ARE_INJECTED = classes().that(areOurs())
            .should(notReachForAmbientTimeOrRandomness())
            .because("time comes from an injected Clock/InstantSource and randomness from an injected generator,"
                    + " so tests control both (DESIGN.md); AmbientCalls.ALLOWED lists the places that own them");

    // ---- error sentences ----

    static final String AWS_EXCEPTION = "dev.lanyard.aws.AwsException";

    /**
     * Besides the catalogues ({@code AwsErrors}, and each module's {@code *Errors}), the two places where a federation
     * check's failure, already worded by its module's catalogue (oidc {@code Messages}, saml {@code SamlErrors}),
     * becomes the exception along with the check that failed.
     */
    static final Set<String> ERROR_SENTENCE_CARRIERS = Set.of("dev.lanyard.oidc.internal.CheckTrail",
            "dev.lanyard.saml.internal.Rejection", AWS_EXCEPTION);

    static final ArchRule AWS_ERRORS_ARE_WORDED_IN_THE_CATALOGUES = classes().that(areOurs())
            .should(makeAwsExceptionsOnlyInCatalogues())
            .because("each AWS error sentence has one spelling, in one catalogue (issue 17: the InvalidClientTokenId"
                    + " sentence had three); a new sentence is a named factory in AwsErrors or the module's *Errors");

    static boolean isErrorCatalogue(String className) {
        String top = topLevel(className);
        return top.endsWith("Errors") || ERROR_SENTENCE_CARRIERS.contains(top);
    }

    // ---- records with many parts ----

    /** Records too wide to build by position: only their builder calls the constructor. */
    static final Set<String> BUILT_BY_THEIR_BUILDERS = Set.of("dev.lanyard.tokens.SessionClaims",
            "dev.lanyard.policy.AuthorizationRequest");

    static final ArchRule WIDE_RECORDS_ARE_BUILT_BY_THEIR_BUILDERS = classes().that(areOurs())
            .should(constructWideRecordsOnlyInTheirBuilders())
            .because("twenty positional arguments get mixed up unnoticed; each part is named, in one place (issue 17)");

    // ---- verified types ----

    /**
     * Each verified type and the one package that may make it: the proof that a check passed is made only where the
     * check is done. {@code Caller}'s records are public (records cannot hide their constructors), so this rule is
     * what keeps them in the request authenticator; {@code VerifiedSignature}'s constructor is package-private too.
     */
    static final Map<String, String> VERIFIED_TYPES = Map.of(
            "dev.lanyard.authz.Caller", "dev.lanyard.pipeline",
            "dev.lanyard.iam.spi.federation.VerifiedWebIdentity", "dev.lanyard.oidc.internal",
            "dev.lanyard.iam.spi.federation.VerifiedSamlAssertion", "dev.lanyard.saml.internal",
            "dev.lanyard.sigv4.VerifiedSignature", "dev.lanyard.sigv4");

    static final ArchRule VERIFIED_TYPES_ARE_MADE_ONLY_BY_THEIR_VERIFIERS = classes().that(areOurs())
            .should(constructVerifiedTypesOnlyInTheirVerifiersPackage())
            .because("a verified type is the proof that a check passed: a caller from the request authenticator, a"
                    + " web identity from the OIDC verifier, a SAML assertion from the SAML verifier, a signature from"
                    + " SigV4 (DESIGN.md; issue 17)");

    static final List<ArchRule> ALL = List.of(EVERY_CLASS_BELONGS_TO_A_MODULE,
            LIBRARIES_DEPEND_ON_NOTHING_OF_OURS_BUT_AWS_TYPES, CORE_DEPENDS_ONLY_ON_LIB_AND_CORE,
            ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_LIBRARIES, ONLY_THE_CLI_DEPENDS_ON_THE_SERVER, NOTHING_DEPENDS_ON_THE_CLI,
            NO_MAIN_CODE_DEPENDS_ON_THE_CONTRACT_KIT, INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE,
            NO_OTHER_LIBRARYS_INTERNALS, THIRD_PARTY_LIBRARIES_ONLY_WHERE_APPROVED, LIBRARIES_DO_NO_IO,
            CORE_USES_NO_HTTP_JDBC_OR_XML_OF_THE_JDK, IAM_OPERATIONS_RESOLVE_ENTITIES_ONLY_THROUGH_THE_ACCOUNT_VIEW,
            EVERY_MFA_CODE_CHECK_IS_THROTTLED, TIME_AND_RANDOMNESS_ARE_INJECTED,
            AWS_ERRORS_ARE_WORDED_IN_THE_CATALOGUES, WIDE_RECORDS_ARE_BUILT_BY_THEIR_BUILDERS,
            VERIFIED_TYPES_ARE_MADE_ONLY_BY_THEIR_VERIFIERS);

    // ---- predicates and conditions ----

    private static DescribedPredicate<JavaClass> areOurs() {
        return DescribedPredicate.describe("are Lanyard's", c -> Module.isOurs(c.getName()));
    }

    private static DescribedPredicate<JavaClass> areIn(Layer... layers) {
        Set<Layer> set = Set.of(layers);
        return DescribedPredicate.describe("are in " + set, c -> Module.of(c.getName())
                .filter(m -> set.contains(m.layer())).isPresent());
    }

    private static DescribedPredicate<JavaClass> areOursOutside(Layer... layers) {
        Set<Layer> set = Set.of(layers);
        return DescribedPredicate.describe("are Lanyard's outside " + set, c -> Module.isOurs(c.getName())
                && Module.of(c.getName()).filter(m -> set.contains(m.layer())).isEmpty());
    }

    private static DescribedPredicate<JavaClass> areOursOutsideModule(String folder) {
        return DescribedPredicate.describe("are Lanyard's outside " + folder, c -> Module.isOurs(c.getName())
                && Module.of(c.getName()).filter(m -> m.folder().equals(folder)).isEmpty());
    }

    private static boolean checksMfaCode(JavaAccess<?> access) {
        return MFA_CODE_CHECKS.contains(access.getTargetOwner().getName() + "." + access.getTarget().getName());
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    /** Per source file (a class with its nested classes and lambdas): a code check needs every throttle step. */
    private static ArchCondition<JavaClass> throttleEveryMfaCodeCheck() {
        return new ArchCondition<>("call MfaThrottle's " + MFA_THROTTLE_STEPS.stream().sorted().toList()
                + " wherever they check a TOTP code") {
            private final Map<String, String> checks = new TreeMap<>();
            private final Map<String, Set<String>> steps = new HashMap<>();

            @Override
            public void init(Collection<JavaClass> allObjectsToTest) {
                checks.clear();
                steps.clear();
            }

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String top = topLevel(item.getName());
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (checksMfaCode(access)) {
                        checks.putIfAbsent(top, access.getDescription());
                    } else if (access.getTargetOwner().getName().equals(MFA_THROTTLE)
                            && MFA_THROTTLE_STEPS.contains(access.getTarget().getName())) {
                        steps.computeIfAbsent(top, t -> new HashSet<>()).add(access.getTarget().getName());
                    }
                }
            }

            @Override
            public void finish(ConditionEvents events) {
                checks.forEach((top, check) -> {
                    Set<String> missing = new TreeSet<>(MFA_THROTTLE_STEPS);
                    missing.removeAll(steps.getOrDefault(top, Set.of()));
                    if (!missing.isEmpty()) {
                        events.add(SimpleConditionEvent.violated(top, top + " checks MFA codes (" + check
                                + ") without MfaThrottle's " + missing));
                    }
                });
            }
        };
    }

    private static DescribedPredicate<JavaClass> areInModule(String folder) {
        return DescribedPredicate.describe("are in " + folder, c -> Module.of(c.getName())
                .filter(m -> m.folder().equals(folder)).isPresent());
    }

    /** Not the class, nor one nested in it. */
    private static DescribedPredicate<JavaClass> areNot(String className) {
        return DescribedPredicate.describe("are not " + className,
                c -> !c.getName().equals(className) && !c.getName().startsWith(className + "$"));
    }

    /** No call or method reference to these methods of {@code owner}. */
    private static ArchCondition<JavaClass> notCall(String owner, Set<String> methods) {
        String simple = owner.substring(owner.lastIndexOf('.') + 1);
        return new ArchCondition<>("not call " + simple + "'s " + methods.stream().sorted().toList()) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (access.getTargetOwner().getName().equals(owner)
                            && methods.contains(access.getTarget().getName())) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    /** A condition on the classes of ours that a class uses, other than its own module's. */
    private static ArchCondition<JavaClass> dependOnOurs(String description, BiPredicate<Module, Module> allowed) {
        return dependencies(description, (origin, target) -> {
            if (!Module.isOurs(target)) {
                return Optional.empty();
            }
            Optional<Module> module = Module.of(target);
            if (module.isEmpty()) {
                return Optional.of("belongs to no known module");
            }
            if (module.get().equals(origin)) {
                return Optional.empty();
            }
            return allowed.test(origin, module.get()) ? Optional.empty()
                    : Optional.of("is in " + module.get().folder());
        });
    }

    /** A condition on the JDK and third-party classes a class uses. */
    private static ArchCondition<JavaClass> dependOnTheirs(String description, BiPredicate<Module, String> allowed) {
        return dependencies(description, (origin, target) -> Module.isOurs(target) || allowed.test(origin, target)
                ? Optional.empty() : Optional.of("is not allowed in " + origin.folder()));
    }

    private interface Verdict {
        /** Why the dependency on {@code target} breaks the rule, or empty if it does not. */
        Optional<String> check(Module origin, String target);
    }

    private static ArchCondition<JavaClass> dependencies(String description, Verdict verdict) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<Module> origin = Module.of(item.getName());
                if (origin.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " belongs to no known module"));
                    return;
                }
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass targetClass = dependency.getTargetClass().getBaseComponentType();
                    if (targetClass.isPrimitive()) {
                        continue;
                    }
                    String target = targetClass.getName();
                    verdict.check(origin.get(), target).ifPresent(why -> events.add(SimpleConditionEvent.violated(
                            dependency, dependency.getDescription() + ": " + target + " " + why)));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> belongToTheModuleOfTheirFolder() {
        return new ArchCondition<>("belong to the module whose folder holds their class file") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<Module> module = Module.of(item.getName());
                String location = item.getSource().map(s -> s.getUri().toString()).orElse("(unknown)");
                if (module.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(item, item.getName()
                            + " is in no package of Module.ALL: add its module there, with its layer"));
                } else if (!location.contains("/" + module.get().folder() + "/target/")) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is in "
                            + module.get().packageRoot() + " but was built at " + location));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notReachForAmbientTimeOrRandomness() {
        return new ArchCondition<>("not read the system clock or make their own random generator") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    AmbientCalls.of(access.getTarget())
                            .filter(call -> !AmbientCalls.allowed(item.getName(), call))
                            .ifPresent(call -> events.add(SimpleConditionEvent.violated(access,
                                    access.getDescription() + ": ambient " + call)));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> makeAwsExceptionsOnlyInCatalogues() {
        return new ArchCondition<>("construct AwsException only in an error catalogue (a class named *Errors)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (isErrorCatalogue(item.getName())) {
                    return;
                }
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (access.getTargetOwner().getName().equals(AWS_EXCEPTION)
                            && access.getTarget().getName().equals("<init>")) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()
                                + ": new AwsException(…) outside an error catalogue"));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> constructWideRecordsOnlyInTheirBuilders() {
        return new ArchCondition<>("construct " + BUILT_BY_THEIR_BUILDERS.stream().sorted().toList()
                + " only through their builders") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    String owner = access.getTargetOwner().getName();
                    if (BUILT_BY_THEIR_BUILDERS.contains(owner) && access.getTarget().getName().equals("<init>")
                            && !item.getName().equals(owner + "$Builder")) {
                        String simple = owner.substring(owner.lastIndexOf('.') + 1);
                        events.add(SimpleConditionEvent.violated(access, access.getDescription() + ": new " + simple
                                + "(…) outside its builder"));
                    }
                }
            }
        };
    }

    /** The verified type {@code className} is, or is a case of (Caller's records); empty for any other class. */
    static Optional<String> verifiedType(String className) {
        String top = topLevel(className);
        return VERIFIED_TYPES.containsKey(top) && (className.equals(top) || top.equals("dev.lanyard.authz.Caller"))
                ? Optional.of(top) : Optional.empty();
    }

    private static ArchCondition<JavaClass> constructVerifiedTypesOnlyInTheirVerifiersPackage() {
        return new ArchCondition<>("construct a verified type only in its verifier's package "
                + new TreeMap<>(VERIFIED_TYPES)) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (!access.getTarget().getName().equals("<init>")) {
                        continue;
                    }
                    verifiedType(access.getTargetOwner().getName())
                            .filter(type -> !item.getPackageName().equals(VERIFIED_TYPES.get(type)))
                            .ifPresent(type -> events.add(SimpleConditionEvent.violated(access,
                                    access.getDescription() + ": a " + type.substring(type.lastIndexOf('.') + 1)
                                    + " made outside " + VERIFIED_TYPES.get(type))));
                }
            }
        };
    }

    static boolean isInternalPackage(String className) {
        int lastDot = className.lastIndexOf('.');
        String pkg = lastDot < 0 ? "" : className.substring(0, lastDot);
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    /** Whether {@code className} is in one of the packages ("x.y.") or is one of the classes (or nested in one). */
    static boolean matchesAny(String className, List<String> entries) {
        for (String entry : entries) {
            if (entry.endsWith(".") ? className.startsWith(entry)
                    : className.equals(entry) || className.startsWith(entry + "$")) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's packages, from the modules of the boot layer (so org.w3c.dom counts, javax.inject would not). */
    private static final class Jdk {
        private static final Set<String> PACKAGES = ModuleLayer.boot().modules().stream()
                .flatMap(m -> m.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

        static boolean has(String className) {
            int lastDot = className.lastIndexOf('.');
            return lastDot > 0 && PACKAGES.contains(className.substring(0, lastDot));
        }
    }
}
