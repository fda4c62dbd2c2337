package dev.lanyard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dependency rules of ADR 0001, checked on the bytecode of every main module rather than hoped for. */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(mainModuleOutputs());
    }

    static Stream<Arguments> rules() {
        return ArchitectureRules.ALL.stream().map(rule -> Arguments.of(rule.getDescription(), rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(String description, ArchRule rule) {
        rule.check(main);
    }

    /**
     * The jars (or class directories) of this build's modules on the class path. Reading only those instead of
     * searching every library jar for {@code dev.lanyard} halved the import's time.
     */
    private static Set<Location> mainModuleOutputs() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path repo = repo().toAbsolutePath().normalize();
        return Stream.of(classPath.split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .filter(entry -> entry.startsWith(repo) && Files.exists(entry))
                .map(entry -> Location.of(entry.toString().endsWith(".jar")
                        ? URI.create("jar:" + entry.toUri() + "!/") : entry.toUri()))
                .collect(Collectors.toSet());
    }

    private static Path repo() {
        return Path.of(System.getProperty("lanyard.repo.dir"));
    }

    /**
     * Types are imported, not written out in full inside code (issue 17): a full name hides a dependency from the
     * import list a reviewer reads. Read from the sources, since bytecode names every type in full.
     */
    @Test
    void mainCodeNamesTypesByTheirImportedSimpleName() {
        assertThat(FullyQualifiedNames.inMainSources(repo()))
                .as("full names where an import would do (FullyQualifiedNames)").isEmpty();
    }

    /** A main module nobody placed in a layer would escape every rule. */
    @Test
    void everyMainModuleOfTheBuildHasALayerAndIsRead() throws IOException {
        String pom = Files.readString(repo().resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        Set<String> built = modules.results().map(m -> m.group(1)).filter(m -> !m.startsWith("testing/"))
                .filter(m -> !m.matches("lib|core|federation|store|server")) // the layers' parent POMs
                .collect(Collectors.toSet());
        Set<String> known = Module.ALL.stream().map(Module::folder).collect(Collectors.toSet());
        assertThat(built).isEqualTo(known);
        Set<String> read = main.stream().map(JavaClass::getName).map(Module::of)
                .flatMap(Optional::stream).map(Module::folder).collect(Collectors.toSet());
        assertThat(read).as("modules with classes on this module's class path (its pom's dependencies)")
                .isEqualTo(known);
    }

    /** The layer's POM carries the enforcer's banned dependencies; a module with another parent would escape them. */
    @Test
    void everyModuleInheritsItsLayersBannedDependencies() throws IOException {
        Pattern parent = Pattern.compile(
                "<parent>\\s*<groupId>dev\\.lanyard</groupId>\\s*<artifactId>([^<]+)</artifactId>");
        for (Module module : Module.ALL) {
            String top = module.folder().split("/")[0];
            String expected = module.layer() == Module.Layer.CLI ? "lanyard-parent" : "lanyard-" + top + "-parent";
            Matcher m = parent.matcher(Files.readString(repo().resolve(module.folder()).resolve("pom.xml")));
            assertThat(m.find()).as(module.folder()).isTrue();
            assertThat(m.group(1)).as("parent of %s", module.folder()).isEqualTo(expected);
        }
    }

    /** The MFA throttle rule would pass vacuously if the code checks moved out of sight. */
    @Test
    void theMfaThrottleRuleSeesTheOperationsThatCheckCodes() {
        assertThat(ArchitectureRules.mfaCodeCheckers(main))
                .contains("dev.lanyard.sts.MfaCheck", "dev.lanyard.iamapi.MfaOperations");
    }

    @Test
    void everyModuleHasItsApprovedLibrariesListed() {
        List<String> listed = List.copyOf(ArchitectureRules.APPROVED_LIBRARIES.keySet());
        List<String> needed = Module.ALL.stream()
                .filter(m -> m.layer() != Module.Layer.SERVER && m.layer() != Module.Layer.CLI)
                .map(Module::folder).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(needed);
    }
}
