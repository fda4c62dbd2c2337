package dev.lanyard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule fails when someone breaks it: a class that breaks it is compiled with javac against the real class path,
 * into a temporary directory beside the real modules' packages, and the rule must report that class and what it used.
 * The first six are the violations that once left every test green.
 */
class PlantedViolationTest {
    record Plant(String what, ArchRule rule, String className, String offender, String source) {
        @Override
        public String toString() {
            return what;
        }
    }

    static final List<Plant> PLANTS = List.of(
            new Plant("a JDBC type named by its full name inside core/sts",
                    ArchitectureRules.CORE_USES_NO_HTTP_JDBC_OR_XML_OF_THE_JDK, "dev.lanyard.sts.PlantedSchemaLookup",
                    "java.sql.Connection", """
                    package dev.lanyard.sts;

                    final class PlantedSchemaLookup {
                        static String schema(java.sql.Connection connection) throws java.sql.SQLException {
                            return connection.getSchema();
                        }
                    }
                    """),
            new Plant("Clock.systemUTC() in core", ArchitectureRules.TIME_AND_RANDOMNESS_ARE_INJECTED,
                    "dev.lanyard.authz.PlantedWallClock", "Clock.systemUTC", """
                    package dev.lanyard.authz;

                    import java.time.Clock;
                    import java.time.Instant;

                    final class PlantedWallClock {
                        static Instant now() {
                            return Clock.systemUTC().instant();
                        }
                    }
                    """),
            new Plant("oidc importing saml", ArchitectureRules.ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_LIBRARIES,
                    "dev.lanyard.oidc.PlantedSamlShortcut", "dev.lanyard.saml.XmlSecSamlVerifier", """
                    package dev.lanyard.oidc;

                    import dev.lanyard.saml.XmlSecSamlVerifier;

                    final class PlantedSamlShortcut {
                        static boolean isSaml(Object verifier) {
                            return verifier instanceof XmlSecSamlVerifier;
                        }
                    }
                    """),
            new Plant("saml importing oidc.internal", ArchitectureRules.INTERNAL_PACKAGES_STAY_IN_THEIR_MODULE,
                    "dev.lanyard.saml.PlantedBorrowedCheck", "dev.lanyard.oidc.internal.Check", """
                    package dev.lanyard.saml;

                    import dev.lanyard.oidc.internal.Check;

                    final class PlantedBorrowedCheck {
                        static String name(Check check) {
                            return check.name();
                        }
                    }
                    """),
            new Plant("core importing server", ArchitectureRules.ONLY_THE_CLI_DEPENDS_ON_THE_SERVER,
                    "dev.lanyard.iamapi.PlantedServerPeek", "dev.lanyard.server.LanyardConfig", """
                    package dev.lanyard.iamapi;

                    import dev.lanyard.server.LanyardConfig;

                    final class PlantedServerPeek {
                        static int port(LanyardConfig config) {
                            return config.port();
                        }
                    }
                    """),
            new Plant("sigv4 importing tokens", ArchitectureRules.LIBRARIES_DEPEND_ON_NOTHING_OF_OURS_BUT_AWS_TYPES,
                    "dev.lanyard.sigv4.PlantedTokenPeek", "dev.lanyard.tokens.MasterKeyId", """
                    package dev.lanyard.sigv4;

                    import dev.lanyard.tokens.MasterKeyId;

                    final class PlantedTokenPeek {
                        static boolean isMasterKeyId(Object value) {
                            return value instanceof MasterKeyId;
                        }
                    }
                    """),
            // the same rules on the ground the issue added: federation, method references, other libraries
            new Plant("core importing server, seen as a layer breach",
                    ArchitectureRules.CORE_DEPENDS_ONLY_ON_LIB_AND_CORE, "dev.lanyard.iamapi.PlantedServerPeek",
                    "dev.lanyard.server.LanyardConfig", null),
            new Plant("Instant::now by method reference in lib", ArchitectureRules.TIME_AND_RANDOMNESS_ARE_INJECTED,
                    "dev.lanyard.policy.PlantedNowReference", "Instant.now", """
                    package dev.lanyard.policy;

                    import java.time.Instant;
                    import java.util.function.Supplier;

                    final class PlantedNowReference {
                        static Supplier<Instant> clock() {
                            return Instant::now;
                        }
                    }
                    """),
            new Plant("UUID.randomUUID() in federation", ArchitectureRules.TIME_AND_RANDOMNESS_ARE_INJECTED,
                    "dev.lanyard.saml.PlantedRequestId", "UUID.randomUUID", """
                    package dev.lanyard.saml;

                    final class PlantedRequestId {
                        static String next() {
                            return "_" + java.util.UUID.randomUUID();
                        }
                    }
                    """),
            new Plant("new SecureRandom() in store/jdbc", ArchitectureRules.TIME_AND_RANDOMNESS_ARE_INJECTED,
                    "dev.lanyard.store.jdbc.PlantedSalt", "new SecureRandom", """
                    package dev.lanyard.store.jdbc;

                    final class PlantedSalt {
                        static byte[] salt() {
                            byte[] salt = new byte[16];
                            new java.security.SecureRandom().nextBytes(salt);
                            return salt;
                        }
                    }
                    """),
            new Plant("a federation library in core", ArchitectureRules.THIRD_PARTY_LIBRARIES_ONLY_WHERE_APPROVED,
                    "dev.lanyard.sts.PlantedJwtParse", "com.nimbusds.jwt.SignedJWT", """
                    package dev.lanyard.sts;

                    final class PlantedJwtParse {
                        static String subject(String token) throws Exception {
                            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getSubject();
                        }
                    }
                    """),
            new Plant("a file read in lib", ArchitectureRules.LIBRARIES_DO_NO_IO,
                    "dev.lanyard.totp.PlantedSeedFile", "java.nio.file.Files", """
                    package dev.lanyard.totp;

                    final class PlantedSeedFile {
                        static byte[] read(java.nio.file.Path file) throws java.io.IOException {
                            return java.nio.file.Files.readAllBytes(file);
                        }
                    }
                    """),
            new Plant("the cli depended on by the server", ArchitectureRules.NOTHING_DEPENDS_ON_THE_CLI,
                    "dev.lanyard.server.PlantedCommandPeek", "dev.lanyard.cli.LanyardCommand", """
                    package dev.lanyard.server;

                    final class PlantedCommandPeek {
                        static boolean isCommand(Object o) {
                            return o instanceof dev.lanyard.cli.LanyardCommand;
                        }
                    }
                    """),
            new Plant("sun.misc.Signal outside the command", ArchitectureRules.NO_OTHER_LIBRARYS_INTERNALS,
                    "dev.lanyard.server.PlantedSignalHandler", "sun.misc.Signal", """
                    package dev.lanyard.server;

                    final class PlantedSignalHandler {
                        static void onHangUp(Runnable action) {
                            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
                        }
                    }
                    """),
            new Plant("another sun.misc class in the command", ArchitectureRules.NO_OTHER_LIBRARYS_INTERNALS,
                    "dev.lanyard.cli.PlantedUnsafe", "sun.misc.Unsafe", """
                    package dev.lanyard.cli;

                    final class PlantedUnsafe {
                        static boolean isUnsafe(Object o) {
                            return o instanceof sun.misc.Unsafe;
                        }
                    }
                    """),
            new Plant("an IAM operation looking a role up in the whole snapshot",
                    ArchitectureRules.IAM_OPERATIONS_RESOLVE_ENTITIES_ONLY_THROUGH_THE_ACCOUNT_VIEW,
                    "dev.lanyard.iamapi.PlantedAnyAccountRole", "IamSnapshot.role", """
                    package dev.lanyard.iamapi;

                    import dev.lanyard.aws.AccountId;
                    import dev.lanyard.iam.model.IamSnapshot;

                    final class PlantedAnyAccountRole {
                        static boolean exists(IamSnapshot snapshot, AccountId account, String name) {
                            return snapshot.role(account, name).isPresent();
                        }
                    }
                    """),
            new Plant("an MFA resync that forgets the throttle", ArchitectureRules.EVERY_MFA_CODE_CHECK_IS_THROTTLED,
                    "dev.lanyard.iamapi.PlantedUnthrottledResync", "Totp.matchConsecutive", """
                    package dev.lanyard.iamapi;

                    import dev.lanyard.totp.Totp;
                    import dev.lanyard.totp.TotpSeed;
                    import java.time.Instant;

                    final class PlantedUnthrottledResync {
                        static boolean matches(Totp totp, TotpSeed seed, String code1, String code2, Instant now) {
                            return totp.matchConsecutive(seed, code1, code2, now, 10).isPresent();
                        }
                    }
                    """),
            new Plant("an AWS error sentence worded at its call site",
                    ArchitectureRules.AWS_ERRORS_ARE_WORDED_IN_THE_CATALOGUES, "dev.lanyard.sts.PlantedInlineSentence",
                    "new AwsException", """
                    package dev.lanyard.sts;

                    import dev.lanyard.aws.AwsException;
                    import dev.lanyard.aws.ErrorCode;
                    import java.util.function.Function;

                    final class PlantedInlineSentence {
                        static AwsException tokenInvalid() {
                            return new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                                    "The security token included in the request is invalid");
                        }

                        static Function<String, AwsException> byReference() {
                            return message -> new AwsException(ErrorCode.ACCESS_DENIED, message);
                        }
                    }
                    """),
            new Plant("an authorization request built by position",
                    ArchitectureRules.WIDE_RECORDS_ARE_BUILT_BY_THEIR_BUILDERS, "dev.lanyard.authz.PlantedPositional",
                    "new AuthorizationRequest", """
                    package dev.lanyard.authz;

                    import dev.lanyard.aws.AccountId;
                    import dev.lanyard.policy.AuthorizationRequest;
                    import dev.lanyard.policy.RequestContext;
                    import dev.lanyard.policy.SessionPolicies;
                    import java.util.List;
import java.util.Set;
                    import java.util.Optional;

                    final class PlantedPositional {
                        static AuthorizationRequest request(RequestContext context, AccountId account) {
                            return new AuthorizationRequest(context, account, Optional.empty(), false, List.of(),
                                    Optional.empty(), new SessionPolicies.None(), Optional.empty(), false);
                        }
                    }
                    """),
            new Plant("a caller fabricated outside the request authenticator (as the simulator once did)",
                    ArchitectureRules.VERIFIED_TYPES_ARE_MADE_ONLY_BY_THEIR_VERIFIERS,
                    "dev.lanyard.iamapi.PlantedFabricatedCaller", "a Caller made outside dev.lanyard.pipeline", """
                    package dev.lanyard.iamapi;

                    import dev.lanyard.authz.Caller;
                    import dev.lanyard.aws.AccessKeyId;
                    import dev.lanyard.iam.model.User;
                    import java.util.Optional;

                    final class PlantedFabricatedCaller {
                        static Caller asUser(User user, AccessKeyId anyKey) {
                            return new Caller.IamUser(user, anyKey, Optional.empty());
                        }
                    }
                    """),
            new Plant("a web identity STS vouches for itself",
                    ArchitectureRules.VERIFIED_TYPES_ARE_MADE_ONLY_BY_THEIR_VERIFIERS,
                    "dev.lanyard.sts.PlantedTrustedToken",
                    "a VerifiedWebIdentity made outside dev.lanyard.oidc.internal", """
                    package dev.lanyard.sts;

                    import dev.lanyard.iam.spi.federation.VerifiedWebIdentity;
                    import java.time.Instant;
                    import java.util.List;
import java.util.Set;
                    import java.util.Map;
                    import java.util.Optional;

                    final class PlantedTrustedToken {
                        static VerifiedWebIdentity unchecked(String issuer, String subject, Instant now) {
                            return new VerifiedWebIdentity(issuer, subject, "sts.amazonaws.com", List.of(),
                                    Optional.empty(), now, now.plusSeconds(60), Map.of(), List.of(), Optional.empty(),
                                    List.of(), "kid");
                        }
                    }
                    """),
            new Plant("a SAML assertion read without the SAML verifier",
                    ArchitectureRules.VERIFIED_TYPES_ARE_MADE_ONLY_BY_THEIR_VERIFIERS,
                    "dev.lanyard.oidc.internal.PlantedSamlShortcut",
                    "a VerifiedSamlAssertion made outside dev.lanyard.saml.internal", """
                    package dev.lanyard.oidc.internal;

                    import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
                    import java.time.Instant;
                    import java.util.List;
import java.util.Set;
                    import java.util.Map;
                    import java.util.Optional;

                    final class PlantedSamlShortcut {
                        static VerifiedSamlAssertion unchecked(String issuer, Instant now) {
                            return new VerifiedSamlAssertion(issuer, "alice", "persistent", "https://signin.aws",
                                    List.of(), now, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                                    Map.of(), List.of(), Optional.empty(), Map.of());
                        }
                    }
                    """),
            new Plant("the server keeping its IAM in the contract kit's memory store",
                    ArchitectureRules.NO_MAIN_CODE_DEPENDS_ON_THE_CONTRACT_KIT, "dev.lanyard.server.PlantedTestStore",
                    "dev.lanyard.store.testing.InMemoryIamStore", """
                    package dev.lanyard.server;

                    import dev.lanyard.iam.spi.IamStore;
                    import dev.lanyard.store.testing.InMemoryIamStore;

                    final class PlantedTestStore {
                        static IamStore store() {
                            return InMemoryIamStore.empty();
                        }
                    }
                    """),
            new Plant("a new module nobody placed in a layer", ArchitectureRules.EVERY_CLASS_BELONGS_TO_A_MODULE,
                    "dev.lanyard.gateway.PlantedUnplaced", "is in no package of Module.ALL", """
                    package dev.lanyard.gateway;

                    final class PlantedUnplaced {
                    }
                    """));

    @TempDir
    static Path classes;

    @BeforeAll
    static void compilePlants(@TempDir Path sources) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-Xlint:none", "-classpath", classPath(),
                "-d", classes.toString()));
        for (Plant plant : PLANTS) {
            if (plant.source() == null) {
                continue;
            }
            Path file = sources.resolve(plant.className().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, plant.source());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertThat(status).as("javac on the planted classes: %s", diagnostics).isZero();
    }

    /** Surefire may hand the JVM a manifest-only jar; it always publishes the real test class path. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Stream<Plant> plants() {
        return PLANTS.stream();
    }

    /** The source rule of {@link FullyQualifiedNames}: a full name in code fails, unless two same-named types meet. */
    @Test
    void aFullNameInCodeIsReportedAndOneThatIsNeededIsNot(@TempDir Path sources) throws IOException {
        Path file = sources.resolve("dev/lanyard/sts/PlantedFullName.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package dev.lanyard.sts;

                import java.util.List;

                /** Not {@link java.util.Map}: Javadoc may name types in full, and so may "java.util.Set" in a string. */
                final class PlantedFullName {
                    // nor does java.util.Deque in a comment count
                    static java.util.Optional<String> first(List<String> names) {
                        return names.stream().findFirst();
                    }

                    static java.awt.List widget(List<String> names) {
                        return new java.awt.List(names.size());
                    }

                    static java.sql.Date day(java.util.Date date) {
                        return new java.sql.Date(date.getTime());
                    }
                }
                """);

        assertThat(FullyQualifiedNames.inTree(sources, sources)).extracting(FullyQualifiedNames.Finding::name)
                .as("java.util.Optional is needless; java.awt.List meets the imported List, java.sql.Date meets"
                        + " java.util.Date").containsExactly("java.util.Optional");
        assertThat(FullyQualifiedNames.inSource("Same.java", """
                package dev.lanyard.iamapi;

                final class Same {
                    static dev.lanyard.policy.Statement statement;
                }
                """, Set.of("Same", "Statement"))).as("a type of the file's own package has the simple name").isEmpty();
        assertThat(FullyQualifiedNames.inSource("Libraries.java", """
                package dev.lanyard.cli;

                final class Libraries {
                    @picocli.CommandLine.Mixin Object options;
                    static software.amazon.awssdk.regions.Region region;
                    static io.helidon.webserver.WebServer server;
                }
                """, Set.of("Libraries"))).extracting(FullyQualifiedNames.Finding::name)
                .as("picocli's root package and the SDK's are roots too").containsExactly("picocli.CommandLine",
                        "software.amazon.awssdk.regions.Region", "io.helidon.webserver.WebServer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plants")
    void theRuleReportsThePlantedClass(Plant plant) {
        JavaClasses planted = new ClassFileImporter()
                .importPath(classes.resolve(plant.className().replace('.', '/') + ".class"));
        assertThat(planted).hasSize(1);

        EvaluationResult result = plant.rule().evaluate(planted);

        assertThat(result.hasViolation()).as(plant.rule().getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(plant.className()).contains(plant.offender()));
    }
}
