package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rules of ADR 0001, checked on the main sources rather than hoped for. */
class ArchitectureTest {
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    private static final Path REPO = Path.of(System.getProperty("lanyard.repo.dir"));

    private record Source(String module, Path file, List<String> imports, String text) {}

    private static List<Source> sources(String layer) {
        List<Source> result = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO.resolve(layer))) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String text = Files.readString(file);
                        List<String> imports = new ArrayList<>();
                        Matcher m = IMPORT.matcher(text);
                        while (m.find()) {
                            imports.add(m.group(2));
                        }
                        result.add(new Source(layer + "/" + module.getFileName(), file, imports, text));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static List<Source> everything() {
        List<Source> all = new ArrayList<>();
        for (String layer : List.of("lib", "core", "store", "server")) {
            all.addAll(sources(layer));
        }
        return all;
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        List<String> violations = new ArrayList<>();
        for (Source source : everything()) {
            String own = source.text().replaceAll("(?s).*?package ([\\w.]+);.*", "$1");
            for (String imported : source.imports()) {
                int internal = imported.indexOf(".internal");
                if (internal > 0 && !own.startsWith(imported.substring(0, internal))) {
                    violations.add(source.file() + " imports " + imported);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void librariesDependOnlyOnAwsTypes() {
        List<String> violations = new ArrayList<>();
        for (Source source : sources("lib")) {
            String own = source.text().replaceAll("(?s).*?package (dev\\.lanyard\\.\\w+).*", "$1");
            for (String imported : source.imports()) {
                if (imported.startsWith("dev.lanyard.") && !imported.startsWith("dev.lanyard.aws.")
                        && !imported.startsWith(own)) {
                    violations.add(source.file() + " imports " + imported);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void coreImportsNoHttpJdbcOrXmlSecurity() {
        List<String> banned = List.of("io.helidon", "java.sql", "javax.sql", "org.h2", "org.flywaydb",
                "org.postgresql", "com.zaxxer", "org.apache.xml.security", "javax.xml.crypto", "dev.lanyard.server",
                "dev.lanyard.store");
        List<String> violations = new ArrayList<>();
        for (Source source : sources("core")) {
            for (String imported : source.imports()) {
                if (banned.stream().anyMatch(imported::startsWith)) {
                    violations.add(source.file() + " imports " + imported);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void timeIsInjectedNeverAmbient() {
        List<String> violations = new ArrayList<>();
        for (Source source : everything()) {
            if (source.module().startsWith("server/")) {
                continue; // the composition root chooses the system clock
            }
            for (String ambient : List.of("Instant.now()", "System.currentTimeMillis()", "new java.util.Random(",
                    "new Random(")) {
                if (source.text().contains(ambient)) {
                    violations.add(source.file() + " uses " + ambient);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * IAM operations resolve names and ARNs only through AccountView, which knows the caller's account; a lookup on
     * the whole snapshot is how another account's policy once answered. TrustPrincipals is the one exception: a trust
     * policy may name principals of any account, as in AWS.
     */
    @Test
    void iamOperationsResolveEntitiesOnlyThroughTheCallersAccountView() {
        Pattern lookup = Pattern.compile("snapshot(\\(\\))?\\.(user|group|role|mfaDevice|oidcProvider|samlProvider|"
                + "accessKey|userById|roleById|users|groups|roles|customerPolicies|mfaDevices|oidcProviders|"
                + "samlProviders|accessKeys|groupsOf)\\(");
        List<String> violations = new ArrayList<>();
        for (Source source : sources("core")) {
            boolean iamApi = source.module().equals("core/iam-api");
            if (iamApi && !source.file().endsWith("TrustPrincipals.java") && lookup.matcher(source.text()).find()) {
                violations.add(source.file() + " looks entities up in the whole snapshot");
            }
        }
        assertThat(violations).isEmpty();
    }
}
