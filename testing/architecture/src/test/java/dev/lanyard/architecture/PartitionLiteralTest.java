package dev.lanyard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every ARN Lanyard writes names the configured partition, so the next ARN built from a literal {@code "arn:aws:..."}
 * is a bug: the rule reads the string literals (not the comments) of every main module's sources and refuses the
 * partition written out. ARNs are built by {@code dev.lanyard.aws.Partition}. The store contract kit is test data.
 */
class PartitionLiteralTest {
    static final String LITERAL = "arn:aws:";

    @Test
    void noMainCodeWritesThePartitionOut() {
        List<String> found = new ArrayList<>();
        for (Module module : Module.ALL) {
            if (module.layer() == Module.Layer.CONTRACT_KIT) {
                continue;
            }
            for (Path source : sources(repo().resolve(module.folder()).resolve("src/main/java"))) {
                for (String literal : stringLiterals(read(source))) {
                    if (literal.contains(LITERAL)) {
                        found.add(repo().relativize(source) + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(found).as("ARNs built with a literal partition; build them with Partition").isEmpty();
    }

    /** The rule would pass vacuously if the reader missed literals, or fail on every comment naming an ARN. */
    @Test
    void theReaderSeesLiteralsAndSkipsComments() {
        String code = """
                /** {@code arn:aws:iam::1:root} */
                class A { // "arn:aws:in a line comment"
                    String a = "arn:aws:iam::" + id; /* "arn:aws:block" */ char q = '"';
                    String b = \"""
                        {"Resource": "arn:aws:s3:::b"}\""";
                    String c = "escaped \\" arn:aws:sts::";
                }
                """;
        assertThat(stringLiterals(code)).filteredOn(l -> l.contains(LITERAL)).hasSize(3);
        assertThat(stringLiterals(code)).noneMatch(l -> l.contains("comment") || l.contains("block"));
    }

    /** The contents of the string literals and text blocks of a Java source, escapes left as written. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = end(source.indexOf('\n', i), source);
            } else if (source.startsWith("/*", i)) {
                i = end(source.indexOf("*/", i + 2), source) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int close = closing(source, i + 3, "\"\"\"");
                literals.add(source.substring(i + 3, close));
                i = close + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                String quote = String.valueOf(source.charAt(i));
                int close = closing(source, i + 1, quote);
                if (quote.equals("\"")) {
                    literals.add(source.substring(i + 1, close));
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int closing(String source, int from, String quote) {
        int i = from;
        while (i < source.length() && !source.startsWith(quote, i)) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, source.length());
    }

    private static int end(int index, String source) {
        return index < 0 ? source.length() : index;
    }

    private static List<Path> sources(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("lanyard.repo.dir"));
    }
}
