package dev.lanyard.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Main code names a type by its simple name, imported, not by its full name written inside code (issue 17 found 264).
 * Bytecode names every type in full, so this rule reads the sources: comments, Javadoc, string and character literals,
 * and the package and import lines are not code. A full name is needed, and allowed, only where its simple name
 * already means another type in the file: another full name, an import, a type declared in the file, a type of the
 * file's own package, or one of {@code java.lang}.
 */
final class FullyQualifiedNames {
    private FullyQualifiedNames() {}

    /** A full name written in code: where, and the name as written up to its first type. */
    record Finding(String file, int line, String name) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + name + " (import it)";
        }
    }

    /**
     * A full name: a package under one of the roots main code imports from (picocli's types sit in its root package),
     * then a type.
     */
    private static final Pattern FULL_NAME = Pattern.compile("(?<![\\w.$])("
            + "(?:java|javax|jdk|sun|dev|org|com|io|net|software|jakarta)\\.(?:[a-z_][a-z0-9_]*\\.)+"
            + "|picocli\\.(?:[a-z_][a-z0-9_]*\\.)*)([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    /** The needless full names in the main sources of every module of {@link Module#ALL}. */
    static List<Finding> inMainSources(Path repo) {
        List<Finding> findings = new ArrayList<>();
        for (Module module : Module.ALL) {
            Path sources = repo.resolve(module.folder()).resolve("src/main/java");
            findings.addAll(inTree(repo, sources));
        }
        return findings;
    }

    /** The needless full names in the {@code .java} files under {@code sources}, named relative to {@code repo}. */
    static List<Finding> inTree(Path repo, Path sources) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, Set<String>> packageTypes = new HashMap<>();
        for (Path file : files) {
            packageTypes.computeIfAbsent(file.getParent(), d -> new HashSet<>()).add(simpleName(file));
        }
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            try {
                findings.addAll(inSource(repo.relativize(file).toString(), Files.readString(file),
                        packageTypes.get(file.getParent())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findings;
    }

    /** The needless full names in one source file; {@code packageTypes} are the simple names of its package's types. */
    static List<Finding> inSource(String file, String source, Set<String> packageTypes) {
        String code = CodeOnly.of(source);
        String ownPackage = PACKAGE.matcher(code).results().map(m -> m.group(1)).findFirst().orElse("");
        Map<String, Set<String>> meanings = new HashMap<>();
        IMPORT.matcher(code).results().map(m -> m.group(1))
                .forEach(name -> meanings.computeIfAbsent(simple(name), s -> new HashSet<>()).add(name));
        DECLARATION.matcher(code).results().map(m -> m.group(1))
                .forEach(name -> meanings.computeIfAbsent(name, s -> new HashSet<>()).add("(declared) " + name));
        List<MatchResult> uses = FULL_NAME.matcher(code).results()
                .filter(use -> !isPackageOrImportLine(code, use.start())).toList();
        uses.forEach(use -> meanings.computeIfAbsent(use.group(2), s -> new HashSet<>()).add(fullName(use)));
        List<Finding> findings = new ArrayList<>();
        for (MatchResult use : uses) {
            String name = fullName(use);
            String simple = use.group(2);
            boolean ownPackageType = packageTypes.contains(simple) && !name.equals(ownPackage + "." + simple);
            boolean langType = !name.startsWith("java.lang.") && isJavaLang(simple);
            if (meanings.get(simple).size() == 1 && !ownPackageType && !langType) {
                findings.add(new Finding(file, lineOf(code, use.start()), name));
            }
        }
        return findings;
    }

    private static String fullName(MatchResult m) {
        return m.group(1) + m.group(2);
    }

    private static boolean isPackageOrImportLine(String code, int at) {
        String line = code.substring(code.lastIndexOf('\n', at) + 1, at).stripLeading();
        return line.startsWith("package ") || line.startsWith("import ");
    }

    private static boolean isJavaLang(String simple) {
        try {
            Class.forName("java.lang." + simple, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static int lineOf(String code, int at) {
        return (int) code.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String simpleName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    /** A source with its comments and literals blanked out (newlines kept, so line numbers still hold). */
    static final class CodeOnly {
        private CodeOnly() {}

        static String of(String source) {
            StringBuilder code = new StringBuilder(source);
            int i = 0;
            while (i < source.length()) {
                int end;
                if (source.startsWith("//", i)) {
                    end = indexOrEnd(source, "\n", i);
                } else if (source.startsWith("/*", i)) {
                    end = indexOrEnd(source, "*/", i + 2) + 2;
                } else if (source.startsWith("\"\"\"", i)) {
                    end = closingQuote(source, "\"\"\"", i + 3) + 3;
                } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                    end = closingQuote(source, String.valueOf(source.charAt(i)), i + 1) + 1;
                } else {
                    i++;
                    continue;
                }
                end = Math.min(end, source.length());
                for (int k = i; k < end; k++) {
                    if (code.charAt(k) != '\n') {
                        code.setCharAt(k, ' ');
                    }
                }
                i = end;
            }
            return code.toString();
        }

        private static int indexOrEnd(String source, String what, int from) {
            int at = source.indexOf(what, from);
            return at < 0 ? source.length() : at;
        }

        /** The closing quote after {@code from}, stepping over backslash escapes. */
        private static int closingQuote(String source, String quote, int from) {
            int i = from;
            while (i < source.length() && !source.startsWith(quote, i)) {
                i += source.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(i, source.length());
        }
    }
}
